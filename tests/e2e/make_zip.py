#!/usr/bin/env python3
"""Writes a ZIP for the service's upload tests, including the hostile ones our own code
must refuse (Python's zipfile is an independent writer and stores names as given).
Usage: make_zip.py OUT.zip SPEC...
  NAME=@PATH    an entry with PATH's bytes       NAME=TEXT   an entry with TEXT
  --link NAME=TARGET   a Unix symbolic link      --fill NAME=N   N bytes of "a" (a bomb)"""
import stat
import sys
import zipfile

out, specs = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    kind = None
    for spec in specs:
        if spec in ("--link", "--fill"):
            kind = spec
            continue
        name, _, value = spec.partition("=")
        if kind == "--link":
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, value)
        elif kind == "--fill":
            z.writestr(name, b"a" * int(value))
        elif value.startswith("@"):
            with open(value[1:], "rb") as f:
                z.writestr(name, f.read())
        else:
            z.writestr(name, value)
        kind = None
