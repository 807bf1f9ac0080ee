#!/usr/bin/env python3
"""Edits a DOCX that ehcp wrote the way an officer would in Word (python-docx, an
independent writer): change a sentence, type a provision row in words, delete an outcome.
Usage: import_edit_docx.py IN.docx OUT.docx"""
import copy
import sys

import docx
from docx.oxml.ns import qn

doc = docx.Document(sys.argv[1])
body = doc.element.body


def marked_paragraph(name):
    for start in body.iter(qn("w:bookmarkStart")):
        if start.get(qn("w:name")) == name:
            p = start.getparent()
            while p.tag != qn("w:p"):
                p = p.getparent()
            return p
    raise SystemExit("no bookmark " + name)


def set_text(p, text):
    """Retype a paragraph's words: runs go, one new run; bookmarks stay where Word keeps them."""
    runs = [r for r in p if r.tag in (qn("w:r"), qn("w:hyperlink"))]
    first = runs[0] if runs else None
    for r in runs[1:]:
        p.remove(r)
    if first is None or first.tag != qn("w:r"):
        first = p.makeelement(qn("w:r"), {})
        p.append(first)
    for child in list(first):
        if child.tag != qn("w:rPr"):
            first.remove(child)
    t = first.makeelement(qn("w:t"), {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    first.append(t)


def is_heading(el):
    if el.tag != qn("w:p"):
        return False
    style = el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    return style is not None and style.get(qn("w:val")).startswith("Heading")


# 1. Change a sentence: outcome E1's words.
set_text(marked_paragraph("ehcp_text_E1"),
         "By the end of Year 8, Yusuf will ask an adult for help in class at least once a lesson.")

# 2. Type a provision row in words into Section F's table (Word's "Insert row below"
#    copies the row's formatting; the officer then types over it).
row_paragraph = marked_paragraph("ehcp_row_F1")
table = row_paragraph
while table.tag != qn("w:tbl"):
    table = table.getparent()
rows = table.findall(qn("w:tr"))
new_row = copy.deepcopy(rows[-1])
for tag in ("w:bookmarkStart", "w:bookmarkEnd"):
    for b in list(new_row.iter(qn(tag))):
        b.getparent().remove(b)
typed = ["Social communication group to practise turn-taking",
         "a teaching assistant trained in ELSA",
         "twice a week for 45 minutes in a group of four",
         "Needs: B1 Outcomes: E1"]
for cell, text in zip(new_row.findall(qn("w:tc")), typed):
    paragraphs = cell.findall(qn("w:p"))
    for extra in paragraphs[1:]:
        cell.remove(extra)
    set_text(paragraphs[0], text)
rows[-1].addnext(new_row)

# 3. Delete outcome E2: its heading, words, facts table and steps, up to the next heading.
text_p = marked_paragraph("ehcp_text_E2")
children = list(body)
i = children.index(text_p)
start = i
while start > 0 and not is_heading(children[start]):
    start -= 1
end = i + 1
while end < len(children) and not is_heading(children[end]) and children[end].tag != qn("w:sectPr"):
    end += 1
for el in children[start:end]:
    body.remove(el)

doc.save(sys.argv[2])
