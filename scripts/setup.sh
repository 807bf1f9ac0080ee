#!/usr/bin/env bash
# Installs every Debian 12 package ehcp needs to build, run and test.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config clang clang-format libclang-rt-14-dev
  # libraries
  libxml2-dev libxml2-utils libpugixml-dev libicu-dev libzip-dev libminizip-dev
  zlib1g-dev liblzma-dev  # static archives for the fully static ehcp binary
  libdeflate-dev  # PDF streams compressed (whole buffers; ships libdeflate.a)
  libpng-dev libjpeg62-turbo-dev  # template logos decoded in full (static archives too)
  libkainjow-mustache-dev libcli11-dev nlohmann-json3-dev libharfbuzz-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev  # ehcp serve (HTTP/1.1 server library)
  libjemalloc-dev  # ehcp serve's allocator (pipeline/serve/allocator.h)
  libpoppler-cpp-dev  # ehcp lint plan.pdf: council plans exported as PDF (in ehcp-render)
  # fonts the renderers embed
  fonts-dejavu-core fonts-liberation2 fonts-noto-core
  fonts-droid-fallback fonts-nanum  # Chinese and Japanese; Korean (TrueType outlines: subset)
  # real clients the tests check output with
  curl poppler-utils qpdf python3-pikepdf python3-docx python3-jsonschema python3-pil pandoc
  valgrind  # the bundle run under memcheck (tests/CMakeLists.txt)
  libreoffice-writer-nogui chromium
  # benchmarks
  time hyperfine wrk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all packages present"

# The web page's browser test (tests/web): puppeteer-core and axe-core from npm, exactly
# as locked. Debian's nodejs and npm when no Node.js is installed.
if ! command -v npm >/dev/null; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
web="$(dirname "$0")/../tests/web"
if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules" ]; then
  echo "setup: npm ci in tests/web"
  (cd "$web" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts >/dev/null && touch node_modules)
fi
