#!/usr/bin/env bash
# Regenerates the sample bundle's evidence PDFs from the HTML sources here, with
# LibreOffice headless. Run from anywhere; writes ../evidence/*.pdf. The notice of appeal is
# exported untagged on purpose (parents' documents often are), the others tagged.
# The PDFs are committed, so the build never needs LibreOffice; LibreOffice stamps the time
# into each file, so regenerated PDFs differ in bytes from the committed ones.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../evidence"
profile="$(mktemp -d /tmp/lo-bundle.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
mkdir -p "$out"
tagged='pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"true"}}'
untagged='pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"false"},"ExportBookmarks":{"type":"boolean","value":"false"}}'
convert() {  # convert SOURCE FILTER
  soffice --headless --norestore "-env:UserInstallation=file://$profile" --infilter="HTML (StarWriter)" --convert-to "$2" --outdir "$out" "$here/$1" >/dev/null
}
for f in 01-decision-letter 03-la-response 04-independent-salt-report 05-ep-report; do
  convert "$f.html" "$tagged"
done
convert 02-notice-of-appeal.html "$untagged"
ls -l "$out"
