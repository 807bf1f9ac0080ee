#!/usr/bin/env bash
# bench/generate_bundle.py over a caseload of 20 full-size plans, the generator's documented
# use: about 530 pages, more than the Section B/F sections allow (550 in all, but plans do
# not split), which stopped it with "no section has room". It must write a manifest that
# `ehcp bundle` builds, the sections over their limits carrying a SEND7 request (warnings,
# exit 0); and 20 short plans must still fit the limits with no request.
#
#   check_bench_bundle.sh EHCP SOURCE_DIR WORK_DIR
set -euo pipefail
ehcp=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

for size in full tiny; do
  dir="$work/$size"
  args=(--plans 20 --out "$dir/plans")
  [ "$size" = tiny ] && args+=(--size tiny)
  /usr/bin/python3 "$src/bench/generate_caseload.py" "${args[@]}" >/dev/null
  "$ehcp" render "$dir/plans" -o "$dir/pdfs" --pdf-only >/dev/null
  /usr/bin/python3 "$src/bench/generate_bundle.py" --pdfs "$dir/pdfs" --out "$dir/manifest.xml" \
    >"$dir/generate.txt" || fail "$size: generate_bundle.py: $(cat "$dir/generate.txt")"
  cat "$dir/generate.txt"
  status=0
  "$ehcp" bundle "$dir/manifest.xml" -o "$dir/bundle.pdf" >"$dir/out.txt" 2>"$dir/err.txt" || status=$?
  [ "$status" = 0 ] || fail "$size: ehcp bundle exit $status: $(cat "$dir/err.txt")"
  pages=$(sed -n 's/^Wrote .* (\([0-9]*\) pages)$/\1/p' "$dir/out.txt")
  [ -n "$pages" ] || fail "$size: no page count in: $(cat "$dir/out.txt")"
  if [ "$size" = full ]; then
    [ "$pages" -gt 500 ] || fail "full: only $pages pages; full-size plans make about 530"
    grep -q 'overLimitRequest="[0-9]* extra pages asked for' "$dir/manifest.xml" ||
      fail "full: no SEND7 request in the manifest"
    grep -q 'warning: .*SEND7 request recorded.*\[bundle.page-limit\]' "$dir/err.txt" ||
      fail "full: no page-limit warning: $(cat "$dir/err.txt")"
  else
    ! grep -q overLimitRequest "$dir/manifest.xml" || fail "tiny: a SEND7 request where none is needed"
    ! grep -q 'bundle.page-limit' "$dir/err.txt" || fail "tiny: over a limit: $(cat "$dir/err.txt")"
  fi
  echo "$size: bundle of $pages pages"
done
rm -rf "$work"
