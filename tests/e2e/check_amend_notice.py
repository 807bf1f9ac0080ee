#!/usr/bin/python3
"""Checks an amendment notice (ehcp amend) as a reader gets it.

Usage: /usr/bin/python3 check_amend_notice.py NOTICE.pdf NOTICE.docx
Prints one "FAIL ..." line per problem and exits 1, or a summary line and exits 0.
Run with /usr/bin/python3: apt's pikepdf and python-docx are only visible to it.

PDF (pikepdf): every inserted or deleted run is a /Span whose /ActualText starts with its
label ("inserted: ", "deleted: ") and whose layout attribute says Underline / LineThrough,
and it has marked content (it is drawn). Text (pdftotext): the labels are printed.
DOCX (python-docx): each label is a bold run followed by its words, underlined after
"inserted: ", struck through after "deleted: "; no tracked changes (w:ins, w:del).
"""

import subprocess
import sys
import zipfile

import docx
import pikepdf

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def check_pdf(path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True,
                          check=True).stdout
    for label in ("inserted:", "deleted:"):
        if label not in text:
            fail(f"pdf text: no printed label {label!r}")
    spans = {"inserted": 0, "deleted": 0}
    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot
        stack = [root]
        while stack:
            node = stack.pop()
            kids = node.get("/K")
            if kids is None:
                continue
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") in (None, "/StructElem") \
                        and "/S" in kid:
                    stack.append(kid)
            if node.get("/S") != "/Span" or "/ActualText" not in node:
                continue
            actual = str(node.ActualText)
            for label, decoration in (("inserted", "/Underline"), ("deleted", "/LineThrough")):
                if not actual.startswith(label + ": "):
                    continue
                spans[label] += 1
                attributes = node.get("/A")
                if attributes is None or attributes.get("/O") != "/Layout" or \
                        attributes.get("/TextDecorationType") != decoration:
                    fail(f"pdf: {actual[:40]!r} has no /A <</O /Layout /TextDecorationType {decoration}>>")
                if not any(isinstance(k, (int, pikepdf.Dictionary)) for k in kids):
                    fail(f"pdf: {actual[:40]!r} has no marked content")
    for label, count in spans.items():
        if count == 0:
            fail(f"pdf: no Span announces {label!r} words")
    return spans


def check_docx(path):
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    if "<w:ins " in body or "<w:ins>" in body or "<w:del " in body or "<w:del>" in body:
        fail("docx: tracked changes (w:ins / w:del) found")
    document = docx.Document(path)
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    marked = {"inserted": 0, "deleted": 0}
    for index, run in enumerate(runs):
        for label in marked:
            if run.text != label + ": ":
                continue
            marked[label] += 1
            if not run.bold or run.underline or run.font.strike:
                fail(f"docx: label run {run.text!r} is not plain bold")
            if index + 1 >= len(runs):
                fail(f"docx: label {label!r} ends the document")
                continue
            words = runs[index + 1]
            if label == "inserted" and not (words.underline and not words.font.strike):
                fail(f"docx: inserted words {words.text[:40]!r} not underlined")
            if label == "deleted" and not (words.font.strike and not words.underline):
                fail(f"docx: deleted words {words.text[:40]!r} not struck through")
    for label, count in marked.items():
        if count == 0:
            fail(f"docx: no {label!r} label run")
    return marked


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    spans = check_pdf(sys.argv[1])
    runs = check_docx(sys.argv[2])
    if failures:
        return 1
    print(f"OK pdf spans inserted={spans['inserted']} deleted={spans['deleted']}; "
          f"docx runs inserted={runs['inserted']} deleted={runs['deleted']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
