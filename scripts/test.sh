#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite: unit and end-to-end tests, checks with
# real clients, then the unit and CLI tests again under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build.sh build
echo "== tests (release build)"
ctest --test-dir build --output-on-failure -j "$(nproc)"

if [ "${EHCP_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== tests (ASan + UBSan build)"
  scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DEHCP_SANITIZE=ON -DEHCP_BENCH=OFF
  # Checks that drive LibreOffice, Chromium or large renders are labelled "slow" and run
  # once, in the release build above.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -LE slow
fi

if [ "${EHCP_SKIP_FUZZ:-0}" != "1" ]; then
  echo "== fuzzing (bounded, seeded from samples/)"
  scripts/fuzz.sh "${EHCP_FUZZ_SECONDS:-20}"
fi
