#!/usr/bin/env bash
# Regenerates the ks3 sample's advice PDFs (../*.pdf), the advice Section K marks appended,
# from the short HTML sources here, with LibreOffice headless, as samples/bundle does:
#   ehcp render samples/ks3-autism-anxiety/plan.xml --pdf OUT.pdf \
#     --appendices samples/ks3-autism-anxiety/advice
# Each PDF is named like its K entry's file (01-parent-carer.xml -> 01-parent-carer.pdf);
# K7 has no file, so its PDF is K7.pdf. The parents' views are exported untagged on purpose
# (a family's letter often is), the others tagged. The PDFs are committed, so the build never
# needs LibreOffice; LibreOffice stamps the time into each file, so regenerated PDFs differ in
# bytes from the committed ones.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/.."
profile="$(mktemp -d /tmp/lo-advice.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
tagged='pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"true"}}'
untagged='pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"false"},"ExportBookmarks":{"type":"boolean","value":"false"}}'
convert() {  # convert FILTER SOURCE...
  local filter="$1"
  shift
  soffice --headless --norestore "-env:UserInstallation=file://$profile" --infilter="HTML (StarWriter)" \
    --convert-to "$filter" --outdir "$out" "$@" >/dev/null
}
cd "$here"
convert "$tagged" 02-child-views.html 03-senco.html 04-educational-psychologist.html \
  05-speech-language-therapy.html 06-health-camhs-paediatrics.html 07-social-care.html K7.html
convert "$untagged" 01-parent-carer.html
ls -l "$out"/*.pdf
