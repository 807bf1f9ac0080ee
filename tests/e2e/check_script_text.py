"""Checks that every name and view a family wrote in its own script (an element or
attribute of a plan with letters beyond ASCII and an xml:lang) reads back from the
rendered PDF (pdftotext) and DOCX (python-docx), and that the PDF's structure tree
tags each of those languages (pikepdf).

Usage: check_script_text.py PLAN.xml PLAN.pdf PLAN.docx [PLAN.html]
With the HTML page, each text must also be in it, inside an element whose lang is the
text's language (a speaker's name in Latin letters may be untagged: WCAG 3.1.2 exempts
proper names, and the builder tags a name only where its script needs it). Prints what it found; exits 1 on a problem.

Comparison is after NFKC and without spaces and line breaks: pdftotext gives Arabic in
the presentation forms the PDF draws (NFKC maps them back), and a view wraps over lines.
Two artefacts of poppler's own reordering are allowed, and only for right-to-left text:
the full stop that ends a right-to-left line comes out before it, and a zero-width
non-joiner (which draws nothing) is not given back."""
import html.parser
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


def speaker_names(plan_path):
    return [e.get("speaker") for e in ET.parse(plan_path).iter() if e.get("speaker")]


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


class LanguageText(html.parser.HTMLParser):
    """The page's text by the language in force (the nearest lang attribute)."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang) of open elements
        self.by_lang = {}
        self.skip = 0  # inside <style> or <script>

    def lang(self):
        for _, lang in reversed(self.stack):
            if lang:
                return lang
        return ""

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skip:
            self.by_lang[self.lang()] = self.by_lang.get(self.lang(), "") + data


def main():
    plan_path, pdf_path, docx_path = sys.argv[1:4]
    html_path = sys.argv[4] if len(sys.argv) > 4 else None
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
    if html_path:
        page = LanguageText()
        with open(html_path, encoding="utf-8") as f:
            page.feed(f.read())
        by_lang = {lang: squeeze(text) for lang, text in page.by_lang.items()}
        names = set(speaker_names(plan_path))
        everything = "".join(by_lang.values())
        for text, lang in texts:
            if text in names and all("LATIN" in unicodedata.name(c, "") for c in text if c.isalpha()):
                if squeeze(text) not in everything:
                    problems.append(f"HTML: {lang} name not in the page: {text}")
                continue
            if squeeze(text) not in by_lang.get(lang, ""):
                where = [l for l, t in by_lang.items() if squeeze(text) in t]
                problems.append(f"HTML: {lang} text not inside lang=\"{lang}\""
                                f" (found under {where or 'no language'}): {text}")
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
