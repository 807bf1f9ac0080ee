#!/usr/bin/env bash
# Fails when a C++ file the project tracks is not as .clang-format lays it out (the house
# style, applied to the whole tree; scripts/test.sh runs this before building). To fix:
#   clang-format -i $(git ls-files '*.cc' '*.h')
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
if ! report=$(clang-format --dry-run --Werror "${files[@]}" 2>&1); then
  echo "$report" | grep -o '^[^:]*:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u |
    sed 's/^/  not formatted: /' >&2
  echo "clang-format: these files differ from .clang-format; run clang-format -i on them" >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files formatted"
