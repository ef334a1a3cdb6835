#!/usr/bin/env bash
# Sets up (Debian packages, when missing) and runs every test twice: the release build
# with gcc, and the sanitizer build (clang, ASan + UBSan + LeakSanitizer) in which the
# fuzz targets are real libFuzzer binaries run for a bounded time. Benches print their
# figures in the release build (label "bench"); they assert nothing about time.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc)

echo "== release build (gcc) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (clang, ASan + UBSan + LSan, libFuzzer) =="
CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPC_SANITIZE=ON -DPC_FUZZ=ON \
  -DPC_FUZZ_SECONDS="${PC_FUZZ_SECONDS:-15}" >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE bench
echo "all tests passed (release and sanitizer builds)"
