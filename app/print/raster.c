/* raster.c — the 1-bit image the receipt is drawn into, and its PNG form (libpng). */
#include "print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

pc_print_status pc_raster_new(pc_raster *r, int width, int height)
{
    r->width = r->height = 0;
    r->px = NULL;
    if (width <= 0 || height <= 0 || width > 4096 || height > 65535)
        return PC_PRINT_INVALID;
    r->px = calloc((size_t)width * (size_t)height, 1);
    if (!r->px)
        return PC_PRINT_NO_MEMORY;
    r->width = width;
    r->height = height;
    return PC_PRINT_OK;
}

void pc_raster_free(pc_raster *r)
{
    free(r->px);
    r->px = NULL;
    r->width = r->height = 0;
}

static bool write_rows(png_structp png, png_infop info, const pc_raster *r, int scale,
                       png_bytep row)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_set_IHDR(png, info, (png_uint_32)(r->width * scale), (png_uint_32)(r->height * scale), 8,
                 PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < r->height; y++) {
        const unsigned char *src = r->px + (size_t)y * (size_t)r->width;
        for (int x = 0; x < r->width * scale; x++)
            row[x] = src[x / scale] ? 0 : 255;
        for (int k = 0; k < scale; k++)
            png_write_row(png, row);
    }
    png_write_end(png, NULL);
    return true;
}

pc_print_status pc_raster_write_png(const pc_raster *r, int scale, const char *path)
{
    if (!r->px || scale < 1 || scale > 16)
        return PC_PRINT_INVALID;
    FILE *f = fopen(path, "wb");
    if (!f)
        return PC_PRINT_WRITE_ERROR;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep row = malloc((size_t)r->width * (size_t)scale);
    bool ok = png && info && row;
    if (ok) {
        png_init_io(png, f);
        ok = write_rows(png, info, r, scale, row);
    }
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fclose(f) != 0)
        ok = false;
    return ok ? PC_PRINT_OK : PC_PRINT_WRITE_ERROR;
}
