#!/bin/sh
# Page-count benchmark: each sample plan rendered by ehcp to PDF, against two layouts of
# the same content, both made from ehcp's own DOCX of that plan (one doc::Document feeds
# both writers, so the words and tables are the same):
#
#   flow   the reference: the DOCX read by pandoc into plain HTML and printed by headless
#          Chromium on A4 with our margins and type sizes (12 pt body and table text,
#          line height 1.3, headings 20/16/13.5 pt). A browser shares a table's width
#          among its columns by content and splits tall rows, as a typesetter such as
#          Typst does: a plain, reasonable text flow to measure ours against.
#   word   the DOCX laid out by LibreOffice (PDF export), for information: it keeps the
#          DOCX writer's own column widths and unsplittable rows, so it repeats choices
#          of ours rather than judging them.
#
#   bench/page_count.sh [EHCP] [OUT_DIR]
#
# EHCP defaults to build/ehcp, OUT_DIR to build/bench-pages (never /tmp: nothing of a
# plan's leaves the build tree). Prints one line per sample and the totals; ratio is
# ours / flow. With PNG=1, also writes OUT_DIR/NAME-sheet.png (every page side by side,
# bench/contact_sheet.py). With WORD=0, skips LibreOffice. With PLANS=DIR, measures every
# DIR/*.xml (a caseload from bench/generate_caseload.py) instead of the samples.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
ehcp=${1:-$root/build/ehcp}
out=${2:-$root/build/bench-pages}
mkdir -p "$out/profile" "$out/flow" "$out/word"
out=$(cd "$out" && pwd)

samples="annual-review/current-plan.xml annual-review/amended-plan.xml early-years-hearing/plan.xml
ks3-autism-anxiety/plan.xml weak-plan/plan.xml year10-pfa/plan.xml"
plans_dir=$root/samples
if [ -n "${PLANS:-}" ]; then
  plans_dir=$(cd "$PLANS" && pwd)
  samples=$(cd "$plans_dir" && ls -- *.xml)
fi

pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

cat >"$out/flow/flow.css" <<'EOF'
@page { size: A4; margin: 84pt 62pt 72pt 62pt; }
body { font-family: "Liberation Sans", sans-serif; font-size: 12pt; line-height: 1.3; margin: 0; }
h1 { font-size: 20pt; margin: 6pt 0 10pt; break-after: avoid; }
h2 { font-size: 16pt; margin: 12pt 0 6pt; break-after: avoid; }
h3, h4 { font-size: 13.5pt; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; orphans: 2; widows: 2; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt; font-size: 12pt; }
th, td { border: 0.5pt solid #777; padding: 5pt; vertical-align: top; text-align: left; }
td p, th p { margin: 0; }
img { max-width: 200pt; }
EOF

printf '%-28s %5s %5s %5s %6s\n' sample ours flow word ratio
total_ours=0
total_flow=0
for sample in $samples; do
  name=$(echo "$sample" | sed 's,/plan.xml$,,; s,\.xml$,,; s,/,-,')
  "$ehcp" render "$plans_dir/$sample" --pdf "$out/$name.pdf" --docx "$out/$name.docx" >/dev/null
  # pandoc keeps the DOCX's column widths (<colgroup>): drop them, so the browser shares
  # each table's width by content.
  pandoc "$out/$name.docx" -s --metadata title="$name" -c flow.css | sed '/<colgroup>/,/<\/colgroup>/d' \
    >"$out/flow/$name.html"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
    --user-data-dir="$out/profile/chromium" --print-to-pdf="$out/flow/$name.pdf" \
    "file://$out/flow/$name.html" >/dev/null 2>&1
  word=-
  if [ "${WORD:-1}" = 1 ]; then
    soffice -env:UserInstallation="file://$out/profile/libreoffice" --headless \
      --convert-to pdf:writer_pdf_Export --outdir "$out/word" "$out/$name.docx" >/dev/null 2>&1
    word=$(pages "$out/word/$name.pdf")
  fi
  ours=$(pages "$out/$name.pdf")
  flow=$(pages "$out/flow/$name.pdf")
  total_ours=$((total_ours + ours))
  total_flow=$((total_flow + flow))
  printf '%-28s %5d %5d %5s %6.2f\n' "$name" "$ours" "$flow" "$word" "$(echo "$ours / $flow" | bc -l)"
  if [ "${PNG:-0}" = 1 ]; then
    python3 "$root/bench/contact_sheet.py" "$out/$name.pdf" "$out/$name-sheet.png"
  fi
done
printf '%-28s %5d %5d %5s %6.2f\n' total "$total_ours" "$total_flow" "" "$(echo "$total_ours / $total_flow" | bc -l)"
