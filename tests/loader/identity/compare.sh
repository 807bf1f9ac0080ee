#!/usr/bin/env bash
# Loader identity check: runs `ehcp validate`, `ehcp lint --format json` and `ehcp lint`
# (text) over every XML file in the repository, the mutants of make_mutants.py and a
# generated caseload, and writes each file's outputs and exit codes under OUT. Run it
# with the build before a change and after it, then compare the two folders:
#
#   tests/loader/identity/compare.sh OLD/ehcp build/identity-old
#   tests/loader/identity/compare.sh build/ehcp build/identity-new
#   diff -r build/identity-old build/identity-new && echo identical
#
# Inputs are made under build/identity-inputs (fictional samples only; nothing in /tmp).
# EHCP_COMPARE_MODES picks the runs (default "validate json text"): a change to the strict
# read alone can be compared with "validate", a third of the time.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ehcp="$(realpath "$1")"
out="$2"
inputs=build/identity-inputs
if [ ! -d "$inputs/mutants" ]; then
  python3 tests/loader/identity/make_mutants.py --out "$inputs/mutants" --count "${EHCP_MUTANTS:-2400}" >/dev/null
  python3 bench/generate_caseload.py --plans 60 --seed 7 --out "$inputs/caseload" >/dev/null
fi
rm -rf "$out"
mkdir -p "$out"
one() {
  local file="$1" dest
  dest="$out/$(printf '%s' "$file" | tr '/' '_').txt"
  {
    for mode in $modes; do
      case "$mode" in
        validate) args=(validate "$file") ;;
        json) args=(lint --format json "$file") ;;
        text) args=(lint "$file") ;;
      esac
      echo "== $mode"
      set +e
      "$ehcp" "${args[@]}" 2>"$dest.err"
      echo "exit $?"
      set -e
      cat "$dest.err"
      rm -f "$dest.err"
    done
  } >"$dest"
}
export -f one
modes="${EHCP_COMPARE_MODES:-validate json text}"
export ehcp out modes
{
  git ls-files '*.xml'
  find "$inputs" -name '*.xml' | sort
} | xargs -P "${EHCP_JOBS:-2}" -I{} bash -c 'one "$1"' _ {}
# A caseload as a folder (plans loaded on several threads at once).
"$ehcp" lint --format json "$inputs/caseload" >"$out/caseload-folder.json" 2>&1 || true
echo "$(find "$out" -type f | wc -l) output files in $out"
