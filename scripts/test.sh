#!/usr/bin/env bash
# Sets up, checks the formatting, builds and runs the whole test suite: bounded fuzzing of
# the parsers, the unit and CLI tests under AddressSanitizer + UBSan, then every test
# (unit, end-to-end, checks with real clients) against the release build. The release run
# comes last so its ctest summary closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== formatting (clang-format, .clang-format)"
scripts/check-format.sh

if [ "${EHCP_SKIP_FUZZ:-0}" != "1" ]; then
  echo "== fuzzing (bounded, seeded from samples/)"
  scripts/fuzz.sh "${EHCP_FUZZ_SECONDS:-20}"
fi

if [ "${EHCP_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== tests (ASan + UBSan build)"
  scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DEHCP_SANITIZE=ON -DEHCP_BENCH=OFF
  # Checks that drive LibreOffice, Chromium or large renders are labelled "slow" and run
  # once, in the release build below.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -LE slow
fi

echo "== tests (release build)"
scripts/build.sh build
ctest --test-dir build --output-on-failure -j "$(nproc)"
