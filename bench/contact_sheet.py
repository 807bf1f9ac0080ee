#!/usr/bin/env python3
"""Every page of a PDF side by side in one PNG, to look at a layout at a glance.

    bench/contact_sheet.py PLAN.pdf SHEET.png [--dpi 20] [--columns 10]

pdftoppm draws the pages (grey); this script tiles them with the standard library only
(ImageMagick's montage is not installed everywhere). Pages are drawn into a folder beside
SHEET.png, never into /tmp.
"""
import argparse
import glob
import os
import struct
import subprocess
import zlib


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5", path
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height]
    return width, height, [pixels[r * width:(r + 1) * width] for r in range(height)]


def write_png(path, width, height, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\0" + bytes(r) for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf")
    parser.add_argument("sheet")
    parser.add_argument("--dpi", type=int, default=20)
    parser.add_argument("--columns", type=int, default=10)
    args = parser.parse_args()
    folder = os.path.splitext(args.sheet)[0] + "-pages"
    os.makedirs(folder, exist_ok=True)
    for old in glob.glob(os.path.join(folder, "p-*.pgm")):
        os.remove(old)
    subprocess.run(["pdftoppm", "-r", str(args.dpi), "-gray", args.pdf, os.path.join(folder, "p")], check=True)
    pages = [read_pgm(p) for p in sorted(glob.glob(os.path.join(folder, "p-*.pgm")))]
    gap = 4
    page_w = max(p[0] for p in pages)
    page_h = max(p[1] for p in pages)
    cols = min(args.columns, len(pages))
    lines = (len(pages) + cols - 1) // cols
    width, height = cols * (page_w + gap) + gap, lines * (page_h + gap) + gap
    sheet = [bytearray(b"\x60" * width) for _ in range(height)]
    for i, (w, h, rows) in enumerate(pages):
        x0 = gap + (i % cols) * (page_w + gap)
        y0 = gap + (i // cols) * (page_h + gap)
        for r in range(h):
            sheet[y0 + r][x0:x0 + w] = rows[r]
    write_png(args.sheet, width, height, sheet)


if __name__ == "__main__":
    main()
