/* client_http.c — libcurl transport for kiosk-sync (see client_http.h). */
#include "client_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

struct pc_client_http {
    CURL *curl;                  /* one handle: the connection is kept alive */
    const pc_client_config *cfg; /* borrowed */
};

typedef struct sink {
    pc_proto_buffer body;
    bool overflow;
} sink;

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *user);
static void perform(pc_client_http *h, pc_client_reply *out, sink *s);
static void header_copy(CURL *curl, const char *name, char *out, size_t size);

bool pc_client_http_new(const pc_client_config *cfg, pc_client_http **out, char *err,
                        size_t errsize)
{
    *out = NULL;
    pc_client_http *h = calloc(1, sizeof *h);
    if (!h || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(h->curl = curl_easy_init())) {
        snprintf(err, errsize, "libcurl could not start");
        free(h);
        return false;
    }
    h->cfg = cfg;
    CURL *c = h->curl;
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)cfg->connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    if (cfg->ca_file[0])
        curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
    if (cfg->client_cert[0]) {
        curl_easy_setopt(c, CURLOPT_SSLCERT, cfg->client_cert);
        curl_easy_setopt(c, CURLOPT_SSLKEY, cfg->client_key);
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "kiosk-sync/1");
    *out = h;
    return true;
}

void pc_client_http_free(pc_client_http *h)
{
    if (!h)
        return;
    curl_easy_cleanup(h->curl);
    curl_global_cleanup();
    free(h);
}

void pc_client_http_post(pc_client_http *h, const char *url, const pc_client_headers *hd,
                         const char *body, size_t len, long timeout_ms, pc_client_reply *out)
{
    char line[5][160];
    snprintf(line[0], sizeof line[0], PC_PROTO_HDR_KIOSK ": %s", hd->kiosk_id);
    snprintf(line[1], sizeof line[1], PC_PROTO_HDR_TIME ": %lld", (long long)hd->timestamp);
    snprintf(line[2], sizeof line[2], PC_PROTO_HDR_SIG ": %s", hd->signature);
    snprintf(line[3], sizeof line[3], PC_PROTO_HDR_IDEM ": %s", hd->idem);
    snprintf(line[4], sizeof line[4], PC_PROTO_HDR_BODY_HASH ": %s",
             hd->body_hash ? hd->body_hash : "");
    struct curl_slist *list = curl_slist_append(NULL, "Content-Type: application/json");
    for (int i = 0; i < (hd->body_hash ? 5 : 4) && list; i++)
        list = curl_slist_append(list, line[i]);
    list = list ? curl_slist_append(list, "Expect: 100-continue") : NULL;
    CURL *c = h->curl;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    sink s = {0};
    perform(h, out, &s);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(list);
}

void pc_client_http_get(pc_client_http *h, const char *url, long timeout_ms, pc_client_reply *out)
{
    CURL *c = h->curl;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    sink s = {0};
    perform(h, out, &s);
}

void pc_client_reply_free(pc_client_reply *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
}

static void perform(pc_client_http *h, pc_client_reply *out, sink *s)
{
    memset(out, 0, sizeof *out);
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(h->curl);
    curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, NULL);
    if (rc != CURLE_OK || s->overflow) {
        out->transport_error = true;
        snprintf(out->error, sizeof out->error, "%s",
                 s->overflow ? "answer too large"
                 : errbuf[0] ? errbuf
                             : curl_easy_strerror(rc));
        free(s->body.data);
        return;
    }
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &out->status);
    out->body = s->body.data ? s->body.data : strdup("");
    out->len = s->body.len;
    char ts[32] = "";
    header_copy(h->curl, PC_PROTO_HDR_SIGNER, out->signer, sizeof out->signer);
    header_copy(h->curl, PC_PROTO_HDR_SIG, out->signature, sizeof out->signature);
    header_copy(h->curl, PC_PROTO_HDR_TIME, ts, sizeof ts);
    if (!pc_proto_timestamp_parse(ts, &out->timestamp))
        out->timestamp = 0;
    char date[64];
    header_copy(h->curl, "Date", date, sizeof date);
    time_t t = date[0] ? curl_getdate(date, NULL) : -1;
    out->date = t > 0 ? (int64_t)t : 0;
}

static void header_copy(CURL *curl, const char *name, char *out, size_t size)
{
    struct curl_header *hv = NULL;
    out[0] = '\0';
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &hv) == CURLHE_OK && hv->value &&
        strlen(hv->value) < size)
        snprintf(out, size, "%s", hv->value);
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *user)
{
    sink *s = user;
    size_t n = size * nmemb;
    if (!pc_proto_buffer_append(&s->body, ptr, n)) {
        s->overflow = s->body.len + n + 1 > PC_PROTO_MAX_BODY;
        return 0;
    }
    return n;
}
