#!/usr/bin/env bash
# Writes the PDF council-plan fixtures beside the Word ones (tests/council/), checked in so
# the fast tests need no LibreOffice (each is about 35 KB; a conversion takes ~10 s here):
#   tables.pdf prose.pdf golden.pdf  the three Word layouts exported by LibreOffice headless,
#                                    as a council's "Save as PDF" makes them
#   scan.pdf                         one page holding only a picture: a scan, no text layer
#   encrypted.pdf                    tables.pdf with a user password (qpdf, AES-256)
# Usage: tests/council/make_pdf_fixtures.sh (run from anywhere; needs soffice and qpdf).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for layout in tables prose golden; do cp "$dir/$layout.docx" "$work/"; done
(cd "$work" && HOME="$work" soffice --headless --convert-to pdf --outdir out tables.docx prose.docx golden.docx >/dev/null)
for layout in tables prose golden; do cp "$work/out/$layout.pdf" "$dir/$layout.pdf"; done
qpdf --encrypt fictional-password fictional-owner 256 -- "$dir/tables.pdf" "$dir/encrypted.pdf"
python3 - "$dir/scan.pdf" <<'PY'
# A page whose only content is a 64x64 grey picture: what a scanner without OCR writes.
import sys, zlib
pixels = zlib.compress(bytes((x ^ y) & 0xFF for y in range(64) for x in range(64)))
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
]
content = b"q 500 0 0 700 47 71 cm /Im1 Do Q"
objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
out = bytearray(b"%PDF-1.7\n")
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    out += b"%010d 00000 n \n" % offset
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
