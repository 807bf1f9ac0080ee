#!/usr/bin/env python3
"""Writes deterministic mutants of the repository's XML samples for the loader identity check.

Each mutant is one small change to a sample plan or contribution: an element removed,
renamed or duplicated; a bad value; the file cut short; comments, CDATA, character and
entity references; UTF-16 with a byte order mark; a DOCTYPE; deep nesting; bad bytes;
a broken key or keyref (duplicate ids, dangling references, references to an item of
the wrong section); a wrong root; a declared encoding; CRLF line ends. The loader must
give the same diagnostics and the same tree for every one of them whichever way it reads
XML (tests/loader/identity/compare.sh). All content is the fictional samples'.

    tests/loader/identity/make_mutants.py --out DIR [--count 2400] [--seed 17]
"""

import argparse
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parents[3]
SOURCES = sorted(
    [p for p in (ROOT / "samples").rglob("*.xml") if "invalid" not in p.parts]
    + list((ROOT / "tests" / "data").glob("*.xml"))
    + list((ROOT / "tests" / "lint" / "corpus" / "plans").glob("*.xml"))[:8]
)

START = re.compile(rb"<([A-Za-z][\w.-]*)(\s[^<>]*?)?(/?)>")
ATTR = re.compile(rb'(\s[\w:.-]+=)"([^"]*)"')


def elements(data):
    """(start, end, name) of elements with a matching end tag (no nesting of one name)."""
    out = []
    for m in START.finditer(data):
        name = m.group(1)
        if m.group(3):
            out.append((m.start(), m.end(), name))
            continue
        close = data.find(b"</" + name + b">", m.end())
        if close != -1 and data.find(b"<" + name + b">", m.end(), close) == -1 \
                and data.find(b"<" + name + b" ", m.end(), close) == -1:
            out.append((m.start(), close + len(name) + 3, name))
    return out


def text_spans(data):
    """Spans of non-blank text between a '>' and the next '<'."""
    return [m.span(1) for m in re.finditer(rb">([^<>]*\S[^<>]*)<", data)]


def mutate(data, rng, kind):
    els = elements(data)
    inner = [e for e in els if e[0] > 0 and data[:e[0]].count(b"<") > 2]
    if kind == "remove" and inner:
        s, e, _ = rng.choice(inner)
        return data[:s] + data[e:]
    if kind == "rename" and inner:
        s, e, name = rng.choice(inner)
        new = rng.choice([b"zzz", name + b"x", b"note", name.upper()])
        seg = data[s:e].replace(b"<" + name, b"<" + new, 1)
        if seg.endswith(b"</" + name + b">"):
            seg = seg[: -len(name) - 3] + b"</" + new + b">"
        return data[:s] + seg + data[e:]
    if kind == "duplicate" and inner:
        s, e, _ = rng.choice(inner)
        return data[:e] + data[s:e] + data[e:]
    if kind == "bad-value":
        spans = text_spans(data)
        attrs = list(ATTR.finditer(data))
        if attrs and (rng.random() < 0.5 or not spans):
            m = rng.choice(attrs)
            value = rng.choice([b"", b"   ", b"x y", b"2026-13-45", b"-1", b"B99", b"yes",
                                b"&amp;A", b"a&#38;b", b"&lt;x&gt;", b"\xc3\xa9t\xc3\xa9"])
            return data[:m.start(2)] + value + data[m.end(2):]
        if spans:
            s, e = rng.choice(spans)
            value = rng.choice([b"", b"  ", b"not-a-date", b"12x", b"2026-02-30", b"\t\n",
                                b"a &amp; b", b"caf\xc3\xa9", b"cafe\xcc\x81", b"x" * 300])
            return data[:s] + value + data[e:]
    if kind == "truncate":
        return data[: rng.randrange(1, len(data))]
    if kind == "comment":
        spots = [m.start() for m in re.finditer(rb"<", data)][1:]
        at = rng.choice(spots)
        return data[:at] + b"<!-- a comment -- " + b"-->" * rng.randint(0, 1) + data[at:] \
            if rng.random() < 0.1 else data[:at] + b"<!-- a comment -->" + data[at:]
    if kind == "cdata":
        spans = text_spans(data)
        if spans:
            s, e = rng.choice(spans)
            if rng.random() < 0.5:
                return data[:s] + b"<![CDATA[" + data[s:e] + b"]]>" + data[e:]
            mid = (s + e) // 2
            return data[:mid] + b"<![CDATA[ <b>&amp; ]]>" + data[mid:]
    if kind == "references":
        spans = text_spans(data)
        if spans:
            s, e = rng.choice(spans)
            ref = rng.choice([b"&amp;", b"&#38;", b"&#x26;", b"&lt;", b"&#233;", b"&#x1F600;",
                              b"&nbsp;", b"&#0;", b"&#xD800;", b"&quot;&apos;", b"&#10;"])
            return data[:s] + ref + data[s:]
    if kind == "utf16":
        text = data.decode("utf-8", "replace")
        if rng.random() < 0.5:
            return b"\xff\xfe" + text.encode("utf-16-le")
        return b"\xfe\xff" + text.encode("utf-16-be")
    if kind == "doctype":
        at = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
        decl = rng.choice([b'<!DOCTYPE plan [<!ENTITY e "x">]>', b"<!DOCTYPE plan>",
                           b'<!DOCTYPE plan SYSTEM "file:///etc/passwd">'])
        return data[:at] + b"\n" + decl + data[at:]
    if kind == "deep" and inner:
        s, e, _ = rng.choice(inner)
        depth = rng.choice([10, 62, 63, 64, 65, 70, 300])
        return data[:s] + b"<d>" * depth + data[s:e] + b"</d>" * depth + data[e:]
    if kind == "bad-bytes":
        at = rng.randrange(len(data))
        junk = rng.choice([b"\xff", b"\x00", b"\xc3", b"\xed\xa0\x80", b"\x01", b"\xf4\x90\x80\x80"])
        return data[:at] + junk + data[at:]
    if kind == "key":
        ids = re.findall(rb'id="([^"]+)"', data)
        if ids:
            old = rng.choice(ids)
            if rng.random() < 0.5:  # a reference to nothing, or a duplicate id
                return data.replace(b'"' + old + b'"', b'"' + old + b'9"', 1) \
                    if rng.random() < 0.5 else data.replace(b'>' + old + b'<', b'>Q9<', 1)
            other = rng.choice(ids)
            return data.replace(b'id="' + old + b'"', b'id="' + other + b'"', 1)
    if kind in ("dup-id", "dangling-ref", "wrong-ref"):
        ids = [m.group(1) for m in re.finditer(rb'\sid="([^"]+)"', data)]
        refs = list(re.finditer(rb'\s(?:ref|advice|item)="([^"]+)"', data))
        if kind == "dup-id" and len(ids) > 1:
            # One item takes another's id (same section or not), written as it is or with
            # white space that an XSD token drops, or a case away from it.
            old, other = rng.sample(ids, 2)
            other = rng.choice([other, b" " + other + b" ", b"&#9;" + other, other.lower()])
            return data.replace(b'id="' + old + b'"', b'id="' + other + b'"', 1)
        if kind == "dangling-ref" and refs:
            m = rng.choice(refs)
            value = rng.choice([m.group(1) + b"9", b"Z1", b" " + m.group(1) + b" ",
                                m.group(1).lower(), b"", m.group(1) + b"&#10;"])
            return data[:m.start(1)] + value + data[m.end(1):]
        if kind == "wrong-ref" and refs and ids:
            # A reference to an item of another section: a need's id where an outcome's
            # belongs, an outcome's as an advice, and so on.
            m = rng.choice(refs)
            return data[:m.start(1)] + rng.choice(ids) + data[m.end(1):]
    if kind == "root":
        choice = rng.randrange(4)
        m = START.search(data)
        if m:
            name = m.group(1)
            if choice == 0:
                return data.replace(b"urn:ehcp:schema:1", b"urn:other", 1)
            if choice == 1:
                new = b"contribution" if name != b"contribution" else b"plan"
                last = data.rfind(b"</" + name + b">")
                body = data[:last] + b"</" + new + b">" + data[last + len(name) + 3:]
                return body[:m.start()] + b"<" + new + body[m.start() + 1 + len(name):]
            if choice == 2:
                return data.replace(b'xmlns="urn:ehcp:schema:1"', b'xmlns:e="urn:ehcp:schema:1"', 1)
            return data.replace(b'xmlns="urn:ehcp:schema:1"', b'xmlns="urn:ehcp:schema:1" xml:id="r 1"', 1)
    if kind == "encoding":
        decl = rng.choice([b'<?xml version="1.0" encoding="ISO-8859-1"?>',
                           b'<?xml version="1.0" encoding="UTF-16"?>',
                           b'<?xml version="1.1"?>', b"\xef\xbb\xbf<?xml version=\"1.0\"?>",
                           b"  \n", b'<?xml-stylesheet href="x"?>'])
        if data.startswith(b"<?xml"):
            data = data[data.find(b"?>") + 2:]
        return decl + data
    if kind == "crlf":
        return data.replace(b"\n", b"\r\n")
    if kind == "attribute":
        m = START.search(data, rng.randrange(len(data)))
        if m:
            extra = rng.choice([b' extra="1"', b' xml:lang="cy"', b' xmlns:q="urn:q" q:x="1"',
                                b" id='x'", b' a="1" a="2"', b' b="&#38;&amp;&lt;"'])
            at = m.end(1)
            return data[:at] + extra + data[at:]
    return None


KINDS = ["remove", "rename", "duplicate", "bad-value", "truncate", "comment", "cdata",
         "references", "utf16", "doctype", "deep", "bad-bytes", "key", "root", "encoding",
         "crlf", "attribute", "dup-id", "dangling-ref", "wrong-ref"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=2400)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sources = [(p.stem, p.read_bytes()) for p in SOURCES]
    written = 0
    while written < args.count:
        stem, data = rng.choice(sources)
        kind = KINDS[written % len(KINDS)]
        result = mutate(data, rng, kind)
        if result is None or result == data:
            continue
        (out / f"m{written:05d}-{kind}-{stem}.xml").write_bytes(result)
        written += 1
    print(f"{written} mutants of {len(sources)} files in {out}")


if __name__ == "__main__":
    main()
