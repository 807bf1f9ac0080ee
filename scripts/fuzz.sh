#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time (default 30 s,
# or $1 seconds) from a seed corpus made of the samples. A crash leaves its input in
# build-fuzz/crashes/<target>/ and fails the script; pin each such input with a unit test
# beside the code that crashed (e.g. template_set_test's NumberTooLargeIsMalformedNotACrash).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEHCP_FUZZ=ON -DBUILD_TESTING=OFF -DEHCP_BENCH=OFF >/dev/null
fi
cmake --build build-fuzz --target ehcp_fuzzers -j "$(nproc)"

status=0
for target in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$target")
  corpus=build-fuzz/corpus/$name
  crashes=build-fuzz/crashes/$name
  mkdir -p "$corpus" "$crashes"
  # Seed files are copied under unique names (every sample plan is called plan.xml).
  seed() { for f in "$@"; do cp "$f" "$corpus/$(echo "$f" | tr '/' '_')"; done; }
  case "$name" in
    fuzz_document_loader) seed samples/*/plan.xml samples/*/contributions/*.xml samples/invalid/*.xml tests/data/*.xml ;;
    fuzz_lint|fuzz_render|fuzz_serve) seed samples/*/plan.xml tests/data/minimal-plan.xml ;;
    fuzz_bundle_manifest) seed samples/bundle/manifest.xml ;;
    fuzz_pdf_reader) seed samples/bundle/evidence/*.pdf ;;
    fuzz_pdf_append) seed samples/bundle/evidence/*.pdf samples/*/advice/*.pdf ;;
    fuzz_pdf_plan_reader) seed tests/council/*.pdf ;;
    fuzz_template_set) seed templates/*/template.json ;;
    # The sample logos, and small JPEGs (RGB, grey, CMYK, progressive) made here with PIL
    # (python3-pil, from setup.sh; without it the PNG seeds alone).
    fuzz_image) seed templates/*/*.png tests/pdf/assets/*.png tests/docx/data/*.png
      /usr/bin/python3 - "$corpus" <<'PY' || echo "fuzz_image: no PIL, PNG seeds only"
import sys
from PIL import Image
for mode, name, extra in [("RGB", "rgb", {}), ("L", "grey", {}), ("CMYK", "cmyk", {}),
                          ("RGB", "progressive", {"progressive": True})]:
    image = Image.new(mode, (24, 16))
    image.putdata([tuple((x * 9 + y * 5 + c * 40) % 256 for c in range(len(mode))) if len(mode) > 1
                   else (x * 9 + y * 5) % 256 for y in range(16) for x in range(24)])
    image.save(f"{sys.argv[1]}/seed-{name}.jpg", "JPEG", quality=90, **extra)
PY
      ;;
    fuzz_profile) seed quality/profiles/*.xml ;;
    # The council fixtures' words as lines and '|' rows (what the fuzzer's input means).
    fuzz_council_reader) /usr/bin/python3 - "$corpus/seed.txt" <<'PY'
import sys
lines = ["Name: Ellis Marr", "Date of birth: 14 May 2016", "Section A: Views, interests and aspirations",
         "What Ellis says (in his own words):", "I like maps.", "Part B", "B1. Reading: Ellis reads slowly.",
         "Sections B, E and F: Cognition and learning",
         "|Need|Special educational needs|Outcomes|Special educational provision",
         "|Reading|Ellis reads slowly.|By July 2027 Ellis will read 80 words a minute.|Twice a week for 30 minutes, 1:1 with a teaching assistant.",
         "SECTION F - PROVISION", "|Ref|Provision|Who|How often|Needs met", "|F2|Phonics|teaching assistant|daily|B1",
         "Section J", "None."]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
      ;;
    # The council Word plans of tests/council, and a small DOCX with a marked paragraph and
    # a table made here.
    fuzz_docx_reader) seed tests/council/*.docx
      /usr/bin/python3 - "$corpus/seed.docx" <<'PY'
import sys, zipfile
w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
body = ('<w:document ' + w + '><w:body><w:p><w:bookmarkStart w:id="1" w:name="ehcp_text_E1"/>'
        '<w:r><w:t>Twice a week</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p><w:tbl><w:tr><w:tc><w:p>'
        '<w:r><w:t>1:1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('word/document.xml', body)
PY
      ;;
  esac
  echo "== $name for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=fuzz/lsan.supp "$target" "$corpus" -max_total_time="$seconds" -max_len=65536 \
       -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 2>"build-fuzz/$name.log"; then
    echo "FAILED: $name found a crash; see build-fuzz/$name.log and $crashes/" >&2
    tail -30 "build-fuzz/$name.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|Done" "build-fuzz/$name.log" | tail -2
  fi
done
exit "$status"
