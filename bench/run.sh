#!/usr/bin/env bash
# Whole-process timings and peak memory for the README's benchmark table.
#
#   bench/run.sh            # writes bench/results/latest.md (and prints it)
#
# Inputs are generated deterministically by bench/generate_caseload.py. Each timing is
# the median of several runs (hyperfine); peak memory is the maximum resident set size
# reported by /usr/bin/time -v. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build >/dev/null
ehcp="$PWD/build/ehcp"
data="${EHCP_BENCH_DATA:-/tmp/ehcp-bench}"
results=bench/results
mkdir -p "$results"
out="$results/latest.md"

gen() {  # gen NAME ARGS...: generate a caseload once
  local name=$1; shift
  [ -d "$data/$name" ] || /usr/bin/python3 bench/generate_caseload.py "$@" --out "$data/$name"
}
gen one --plans 1 --size large
gen caseload100 --plans 100
gen caseload1000 --plans 1000
one="$data/one/plan-00000.xml"
# Bundle inputs: 20 plans rendered to tagged, bookmarked PDFs and a manifest over them;
# short plans (about 260 pages, within the section limits), and full-size ones (about 530
# pages, over the limits of two sections, with SEND7 requests recorded).
bundle_input() {  # bundle_input NAME ARGS...: plans, their PDFs and a manifest, once
  local name=$1; shift
  if [ ! -f "$data/$name/manifest.xml" ]; then
    gen "$name/plans" --plans 20 "$@"
    "$ehcp" render "$data/$name/plans" -o "$data/$name/pdfs" --pdf-only >/dev/null
    /usr/bin/python3 bench/generate_bundle.py --pdfs "$data/$name/pdfs" --out "$data/$name/manifest.xml" >/dev/null
  fi
}
bundle_input bundle --size tiny
bundle_input bundle-full

median_ms() {  # median_ms RUNS COMMAND...: median wall time in ms
  local runs=$1; shift
  hyperfine -N -i --warmup 2 --runs "$runs" --export-json /tmp/ehcp-hf.json -- "$*" >/dev/null 2>&1 || true
  /usr/bin/python3 -c "import json; r = json.load(open('/tmp/ehcp-hf.json'))['results'][0]; print('%.1f' % (r['median'] * 1000))"
}

peak_mb() {  # peak_mb COMMAND...: maximum resident set size in MB
  /usr/bin/time -v "$@" >/dev/null 2>/tmp/ehcp-time.txt || true
  awk -F: '/Maximum resident set size/ {printf "%.1f", $2/1024}' /tmp/ehcp-time.txt
}

has() { "$ehcp" "$1" --help >/dev/null 2>&1; }

{
  echo "# ehcp benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release; echo "$PRETTY_NAME")."
  echo "Date: $(date -u +%Y-%m-%d). Plan: one synthetic plan of $(wc -c <"$one") bytes (about 30 rendered pages)."
  echo
  echo "| what | median | peak memory |"
  echo "| --- | --- | --- |"
  echo "| process start (\`ehcp --version\`) | $(median_ms 30 "$ehcp" --version) ms | $(peak_mb "$ehcp" --version) MB |"
  echo "| validate one plan | $(median_ms 30 "$ehcp" validate "$one") ms | $(peak_mb "$ehcp" validate "$one") MB |"
  if has lint; then
    echo "| validate + lint one plan | $(median_ms 30 "$ehcp" lint "$one") ms | $(peak_mb "$ehcp" lint "$one") MB |"
    echo "| lint 100 plans | $(median_ms 5 "$ehcp" lint "$data/caseload100") ms | $(peak_mb "$ehcp" lint "$data/caseload100") MB |"
    echo "| lint 1,000 plans | $(median_ms 3 "$ehcp" lint "$data/caseload1000") ms | $(peak_mb "$ehcp" lint "$data/caseload1000") MB |"
  fi
  if has render; then
    tmp=$(mktemp -d)
    echo "| render one plan to PDF | $(median_ms 20 "$ehcp" render "$one" --pdf "$tmp/p.pdf") ms | $(peak_mb "$ehcp" render "$one" --pdf "$tmp/p.pdf") MB |"
    echo "| render one plan to DOCX | $(median_ms 20 "$ehcp" render "$one" --docx "$tmp/p.docx") ms | $(peak_mb "$ehcp" render "$one" --docx "$tmp/p.docx") MB |"
    echo "| render 100 plans to PDF + DOCX | $(median_ms 3 "$ehcp" render "$data/caseload100" -o "$tmp/r100") ms | $(peak_mb "$ehcp" render "$data/caseload100" -o "$tmp/r100") MB |"
    echo "| render 1,000 plans to PDF + DOCX | $(median_ms 1 "$ehcp" render "$data/caseload1000" -o "$tmp/r1000") ms | $(peak_mb "$ehcp" render "$data/caseload1000" -o "$tmp/r1000") MB |"
    for name in bundle bundle-full; do
      bundle_pages=$(/usr/bin/python3 -c "import pikepdf,glob; print(sum(len(pikepdf.open(f).pages) for f in glob.glob('$data/$name/pdfs/*.pdf')))")
      size=$([ "$name" = bundle ] && echo "short" || echo "full-size")
      echo "| bundle of 20 tagged PDFs, $size plans ($bundle_pages pages) | $(median_ms 10 "$ehcp" bundle "$data/$name/manifest.xml" -o "$tmp/b.pdf") ms | $(peak_mb "$ehcp" bundle "$data/$name/manifest.xml" -o "$tmp/b.pdf") MB |"
    done
    if command -v pdfinfo >/dev/null; then
      echo
      echo "The benchmark plan renders to $(pdfinfo "$tmp/p.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') PDF pages."
    fi
    rm -rf "$tmp"
  fi
  echo
  echo "Reproduce with \`bench/run.sh\`; micro-benchmarks: \`build/bench/ehcp_bench\`."
} | tee "$out"
