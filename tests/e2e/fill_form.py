#!/usr/bin/env python3
"""Fills an advice form that `ehcp form contribution` wrote, as a person would in Word
(python-docx, an independent writer): text typed into the boxes (content controls), a
second paragraph in one box, rows added to the tables by copying the empty row, and
optionally a note typed outside any box. All names are fictional.
Usage: fill_form.py IN.docx OUT.docx [--leave-empty TAG] [--stray TEXT]"""
import argparse
import copy

import docx
from docx.oxml.ns import qn

parser = argparse.ArgumentParser()
parser.add_argument("input")
parser.add_argument("output")
parser.add_argument("--leave-empty", action="append", default=[])
parser.add_argument("--stray")
args = parser.parse_args()

doc = docx.Document(args.input)
body = doc.element.body

# What is typed in each box, by the box's tag; a list is several paragraphs.
ANSWERS = {
    "ehcp_formfield_childName": "Yusuf Haddad",
    "ehcp_formfield_dateOfBirth": "17/01/2014",
    "ehcp_formfield_contributorName": "Dr Lena Okafor",
    "ehcp_formfield_role": "Specialist teacher for autism",
    "ehcp_formfield_organisation": "Northmoor Inclusion Service",
    "ehcp_formfield_written": "10 July 2026",
    "ehcp_formfield_summary": "Observed in maths, English and at lunchtime on 3 July 2026.",
    "ehcp_formview_strengths": "Yusuf remembers every station on the Northmoor line and explains coding to younger pupils.",
    "ehcp_formview_interests": "Minecraft, trains and coding games.",
    "ehcp_formview_communication": "Tell me what is going to happen before it happens.",
    "ehcp_formview_views": "The Hub helps because it is quiet.",
    "ehcp_formview_aspirations": "I want to make video games.",
    "ehcp_formview_history": "Yusuf moved to Northmoor Park Academy in September 2025.",
    # cognition-learning is area1, social-emotional-mental-health area2
    "ehcp_formneed_area1": [
        "Yusuf finds it very hard to write down what he knows; his typing is faster than his handwriting.",
        "He loses track of homework set verbally at the end of lessons.",
    ],
    "ehcp_formneed_area2": "Yusuf becomes very anxious in crowded corridors and before lessons with cover teachers.",
}

OUTCOMES = [
    ("Yusuf will type a one-page piece of writing independently in English lessons.", "Learning", "21/07/2027"),
    ("Yusuf will tell a trusted adult when he feels worried, using his exit card.", "Feelings", "end of Year 8"),
]
PROVISION = [
    ("Touch-typing programme in tutor time", "three times a week for 15 minutes", "Learning"),
    ("Check-in with the link teaching assistant before the first lesson", "daily for 10 minutes, 1:1 with a teaching assistant", "Feelings"),
]


def set_box(sdt, value):
    content = sdt.find(qn("w:sdtContent"))
    first = content.find(qn("w:p"))
    values = value if isinstance(value, list) else [value]
    for i, text in enumerate(values):
        p = first if i == 0 else copy.deepcopy(first)
        if i > 0:
            for b in p.findall(qn("w:bookmarkStart")) + p.findall(qn("w:bookmarkEnd")):
                p.remove(b)  # Word moves no bookmark into a new paragraph
            content.append(p)
        r = p.makeelement(qn("w:r"), {})
        t = r.makeelement(qn("w:t"), {})
        t.text = text
        r.append(t)
        p.append(r)


for sdt in body.iter(qn("w:sdt")):
    tag = sdt.find(qn("w:sdtPr") + "/" + qn("w:tag"))
    name = tag.get(qn("w:val")) if tag is not None else ""
    if name in ANSWERS and name not in args.leave_empty:
        set_box(sdt, ANSWERS[name])


def fill_table(table, rows):
    template = table.rows[1]._tr
    for i, values in enumerate(rows):
        tr = template if i == 0 else copy.deepcopy(template)
        if i > 0:
            table._tbl.append(tr)
        cells = tr.findall(qn("w:tc"))
        for cell, value in zip(cells, values):
            p = cell.find(qn("w:p"))
            for r in p.findall(qn("w:r")):
                p.remove(r)
            r = p.makeelement(qn("w:r"), {})
            t = r.makeelement(qn("w:t"), {})
            t.text = value
            r.append(t)
            p.append(r)


for table in doc.tables:
    header = table.rows[0]._tr
    names = [b.get(qn("w:name")) for b in header.iter(qn("w:bookmarkStart"))]
    if "ehcp_formtable_outcomes" in names:
        columns = len(table.rows[0].cells)
        fill_table(table, [o[:columns] for o in OUTCOMES])
    elif "ehcp_formtable_provision" in names:
        fill_table(table, PROVISION)

if args.stray:
    doc.add_paragraph(args.stray)

doc.save(args.output)
