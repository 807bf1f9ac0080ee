#!/usr/bin/python3
"""Checks a tribunal working document written by `ehcp working-document`, reading it with
python-docx and the package's XML: every run's formatting is one of the tribunal's key,
the key table is on the first page and shows each style, the sample's proposals appear in
their party's style, each change has a real Word footnote, and there are no tracked
changes or comments. Prints a JSON summary; exits 1 with the reasons when a check fails.

usage: check_working_document.py WD.docx
"""
import json
import re
import sys
import zipfile

import docx
from docx.oxml.ns import qn

# (underline, strike, bold, italic) -> meaning, as the key says.
KEY = {
    (False, False, False, False): "original",
    (True, False, False, False): "agreed addition",
    (True, True, False, False): "agreed deletion",
    (False, False, True, False): "parent addition",
    (False, True, True, False): "parent deletion",
    (False, False, False, True): "council addition",
    (False, True, False, True): "council deletion",
    (False, True, True, True): "both deletion",
    # An agreed word that a party then proposes to delete.
    (True, True, True, False): "parent deletion of agreed",
    (True, True, False, True): "council deletion of agreed",
    (True, True, True, True): "both deletion of agreed",
}

problems = []


def style_of(run):
    return (bool(run.font.underline), bool(run.font.strike), bool(run.bold), bool(run.italic))


def main(path):
    document = docx.Document(path)
    body = document.element.body
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        parts = {name: package.read(name).decode("utf-8") for name in names if name.endswith(".xml") or name.endswith(".rels")}

    # No tracked changes or comments anywhere in the package.
    for name, xml in parts.items():
        for mark in ("<w:ins ", "<w:ins>", "<w:del ", "<w:del>", "<w:moveFrom", "<w:moveTo", "w:commentRangeStart",
                     "w:commentReference", "<w:rPrChange", "<w:pPrChange"):
            if mark in xml:
                problems.append(f"{name} has {mark}")
    if any("comments" in name for name in names):
        problems.append("the package has a comments part")

    # Every run with words has the formatting of one entry of the key; spaces are plain.
    styles_seen = {}
    runs_by_style = {}
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        for run in paragraph.runs:
            text = run.text
            if not text:
                continue
            key = style_of(run)
            if paragraph.style.name.startswith("Heading") or paragraph.style.name in ("Title", "Subtitle"):
                continue
            if not text.strip():
                if key != (False, False, False, False):
                    problems.append(f"a formatted space run {key!r} in: {paragraph.text[:60]!r}")
                continue
            if key not in KEY:
                problems.append(f"run {text!r} has formatting {key!r}, which is not in the key")
                continue
            styles_seen[KEY[key]] = styles_seen.get(KEY[key], 0) + 1
            runs_by_style.setdefault(KEY[key], []).append(text)

    # The key: a table before the first page break, each sample in its own style.
    first_break = None
    key_table_index = None
    for index, element in enumerate(body.iterchildren()):
        if element.tag == qn("w:tbl") and key_table_index is None:
            key_table_index = index
        # A page break is a w:br of type page, or (as ehcp writes it) the next paragraph's
        # w:pageBreakBefore.
        breaks = element.xpath(".//w:br[@w:type='page'] | ./w:pPr/w:pageBreakBefore")
        if element.tag == qn("w:p") and breaks and first_break is None:
            first_break = index
    if key_table_index is None or first_break is None or key_table_index > first_break:
        problems.append("the key table is not on the first page")
    expected_key = {
        "Original wording": (False, False, False, False),
        "Agreed addition": (True, False, False, False),
        "Agreed deletion": (True, True, False, False),
        "Parent's addition": (False, False, True, False),
        "Parent's deletion": (False, True, True, False),
        "Local authority's addition": (False, False, False, True),
        "Local authority's deletion": (False, True, False, True),
    }
    key_table = document.tables[0]
    found = {}
    for row in key_table.rows:
        runs = [run for run in row.cells[0].paragraphs[0].runs if run.text.strip()]
        if len(runs) == 1:
            found[runs[0].text] = style_of(runs[0])
    for label, style in expected_key.items():
        if found.get(label) != style:
            problems.append(f"key row {label!r} is {found.get(label)!r}, expected {style!r}")

    # The sample's proposals, each in its party's style.
    def shown_as(meaning, words):
        joined = " ".join(runs_by_style.get(meaning, []))
        if words not in joined:
            problems.append(f"{words!r} is not shown as {meaning}")

    shown_as("agreed addition", "but it is a response to anxiety")
    shown_as("parent addition", "modern foreign languages")
    shown_as("parent addition", "60")
    shown_as("council addition", "The support is reviewed each term")
    shown_as("council addition", "The therapist also trains his teaching assistants once a term")
    shown_as("council deletion", "; the educational psychologist saw this 3 times in one morning")
    shown_as("parent deletion", "fortnight")

    # Real footnotes: references in the body, notes with their citations in footnotes.xml.
    document_xml = parts.get("word/document.xml", "")
    footnotes_xml = parts.get("word/footnotes.xml", "")
    references = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document_xml)
    notes = re.findall(r'<w:footnote w:id="(\d+)">(.*?)</w:footnote>', footnotes_xml)
    if not references:
        problems.append("no footnote references in the body")
    if sorted(references, key=int) != [n for n, _ in notes]:
        problems.append(f"footnote references {references} do not match the notes {[n for n, _ in notes]}")
    if "footnotes.xml" not in parts.get("word/_rels/document.xml.rels", ""):
        problems.append("document.xml.rels has no footnotes relationship")
    if "wordprocessingml.footnotes+xml" not in parts.get("[Content_Types].xml", ""):
        problems.append("[Content_Types].xml has no footnotes override")
    # Word's form: the separators (ids -1 and 0) named in settings and carrying no note mark.
    if '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' not in parts.get(
            "word/settings.xml", ""):
        problems.append("settings.xml does not name the footnote separators")
    for separator in re.findall(r'<w:footnote w:type="[a-zA-Z]+" w:id="-?\d+">(.*?)</w:footnote>', footnotes_xml):
        if "footnoteRef" in separator:
            problems.append("a footnote separator carries a note mark")
    note_texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body_xml)).strip() for _, body_xml in notes]
    if not any("Dr Anna Kowal, educational psychologist, Educational psychology report, 15/07/2026, p.4, para. 12"
               in text for text in note_texts):
        problems.append(f"no footnote cites the educational psychology report: {note_texts}")

    print(json.dumps({"styles": styles_seen, "footnotes": len(notes), "problems": problems}, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
