"""Checks that every name and view a family wrote in its own script (an element or
attribute of a plan with letters beyond ASCII and an xml:lang) reads back from the
rendered PDF (pdftotext) and DOCX (python-docx), and that the PDF's structure tree
tags each of those languages (pikepdf).

Usage: check_script_text.py PLAN.xml PLAN.pdf PLAN.docx
Prints what it found; exits 1 on a problem.

Comparison is after NFKC and without spaces and line breaks: pdftotext gives Arabic in
the presentation forms the PDF draws (NFKC maps them back), and a view wraps over lines.
Two artefacts of poppler's own reordering are allowed, and only for right-to-left text:
the full stop that ends a right-to-left line comes out before it, and a zero-width
non-joiner (which draws nothing) is not given back."""
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

import docx
import pikepdf

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"


def family_texts(plan_path):
    """(text, language) for every non-ASCII text under an element with xml:lang."""
    found = []

    def walk(element, lang):
        lang = element.get(XML_LANG, lang)
        for name in ("speaker",):
            value = element.get(name)
            if value and not value.isascii() and lang:
                found.append((value, lang))
        text = (element.text or "").strip()
        if text and not text.isascii() and lang:
            found.append((text, lang))
        for child in element:
            walk(child, lang)

    walk(ET.parse(plan_path).getroot(), None)
    return [(text, lang) for text, lang in found if lang != "en-GB"]


def squeeze(text, right_to_left=False):
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s" + BIDI_CONTROLS + "]", "", text)
    if right_to_left:
        text = text.replace("\u200c", "")
    return text


def is_right_to_left(text):
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def reads_back(text, haystack):
    rtl = is_right_to_left(text)
    wanted = squeeze(text, rtl)
    if wanted in haystack:
        return True
    if rtl and wanted.endswith("."):
        return "." + wanted[:-1] in haystack  # the full stop at the line's visual end
    return False


def pdf_languages(pdf_path):
    langs = set()
    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        stack = [root.get("/K")] if root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node:
                    langs.add(str(node.Lang))
                if "/K" in node:
                    stack.append(node.K)
        if "/Lang" in pdf.Root:
            langs.add(str(pdf.Root.Lang))
    return langs


def main():
    plan_path, pdf_path, docx_path = sys.argv[1:4]
    texts = family_texts(plan_path)
    problems = []
    pdf_text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf_path, "-"], check=True,
                              capture_output=True, text=True).stdout
    pdf_text = squeeze(pdf_text, right_to_left=True)
    word = docx.Document(docx_path)
    word_text = "".join(p.text for p in word.paragraphs)
    word_text += "".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    word_text = squeeze(word_text)
    for text, lang in texts:
        if not reads_back(text, pdf_text):
            problems.append(f"PDF: {lang} text not read back: {text}")
        if squeeze(text) not in word_text:
            problems.append(f"DOCX: {lang} text not read back: {text}")
    tagged = pdf_languages(pdf_path)
    for lang in sorted({lang for _, lang in texts}):
        if lang not in tagged:
            problems.append(f"PDF: no structure element has /Lang ({lang})")
    print(f"{len(texts)} texts in {len({lang for _, lang in texts})} languages; "
          f"PDF tags {sorted(tagged)}")
    for problem in problems:
        print(problem)
    return 1 if problems or not texts else 0


if __name__ == "__main__":
    sys.exit(main())
