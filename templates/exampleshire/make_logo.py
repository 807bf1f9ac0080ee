#!/usr/bin/python3
"""Draws logo.png, the fictional Exampleshire County Council logo: a dark green shield
with a white letter E, and three wavy lines for the county's rivers. Uses only the
standard library (zlib + struct), so it runs anywhere:  /usr/bin/python3 make_logo.py
"""
import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 160, 192
GREEN = (0, 94, 66)      # dark green: 8.3:1 against white
WHITE = (255, 255, 255)
RIVER = (120, 200, 230)


def inside_shield(x, y):
    # A flat top, straight sides, and a pointed base drawn with a parabola.
    margin = 8
    if x < margin or x >= WIDTH - margin or y < margin:
        return False
    body = HEIGHT * 0.55
    if y < body:
        return True
    half = (WIDTH - 2 * margin) / 2
    t = (y - body) / (HEIGHT - margin - body)
    return abs(x - WIDTH / 2) <= half * (1 - t * t) if t <= 1 else False


def in_letter_e(x, y):
    left, top, w, h, stroke = 50, 34, 60, 78, 14
    if not (left <= x < left + w and top <= y < top + h):
        return False
    if x < left + stroke:
        return True
    if y < top + stroke or y >= top + h - stroke:
        return True
    mid = top + h // 2
    return mid - stroke // 2 <= y < mid + stroke // 2 and x < left + w - 10


def on_river(x, y):
    import math
    for base in (128, 142, 156):
        wave = base + 4 * math.sin(x / 9.0)
        if abs(y - wave) < 2.2 and inside_shield(x, y + 6) and inside_shield(x, y - 6):
            return True
    return False


def pixel(x, y):
    if not inside_shield(x, y):
        return WHITE
    if in_letter_e(x, y):
        return WHITE
    if on_river(x, y):
        return RIVER
    return GREEN


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


rows = [[pixel(x, y) for x in range(WIDTH)] for y in range(HEIGHT)]
out = Path(__file__).with_name("logo.png")
out.write_bytes(png(WIDTH, HEIGHT, rows))
print(f"wrote {out} ({WIDTH}x{HEIGHT})")
