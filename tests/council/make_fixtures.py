#!/usr/bin/env python3
"""Writes the council-plan fixtures: one fictional plan as three Word layouts modelled on
published council templates, and the same plan as ehcp XML.

  tables.docx   details table; sections as "Section B: ..." headings; needs, outcomes and
                provision in tables with reference numbers and header words.
  prose.docx    "Part B" / "B." / "SECTION F -" headings, every item a paragraph with no
                reference number; links written as "(meets B1; towards E1)"; provision as
                sentences only.
  golden.docx   details as "Label: value" lines; needs, outcomes and provision together in
                one golden-thread table per area ("Sections B, E and F: ...").
  plan.xml      the equivalent ehcp plan: ehcp lint finds the same problems in it.

The plan has planted problems a reviewer would want found: a view with no attribution, vague
provision with no frequency, an outcome that is not SMART, and no Section J.
Everything in it is fictional. Usage: make_fixtures.py OUT_DIR [--repeat N] (N times the
rows, for the benchmark's long plan).
"""
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import docx

CHILD = {
    "given": "Ellis", "family": "Marr", "dob": "2016-05-14", "dob_words": "14 May 2016",
    "ncy": 5, "language": "English",
    "communication": "Ellis speaks in full sentences but needs extra time to answer a question.",
}
META = {
    "plan_id": "NV-2026-0417", "la": "Northvale Borough Council", "officer": "Jo Pennant",
    "request": ("2026-01-12", "12 January 2026"), "draft": ("2026-04-24", "24 April 2026"),
    "final": ("2026-05-22", "22 May 2026"), "review": ("2027-05-21", "21 May 2027"),
}
PARENT = ("Dana Marr", "Mother")
GATHERED = "Ellis's views were gathered by his class teacher in February 2026; his mother's by telephone."
# (label or None, attribution, paragraphs): a view with no label has no attribution.
VIEWS = [
    (None, None, ["Ellis lives with his mother and his older brother and goes to Fenwick Primary School."]),
    ("What Ellis says (in his own words)", "child-own-words",
     ["I like building things and drawing maps. I don't like it when the classroom is loud."]),
    ("What my parents say (parent's views)", "parent-carer",
     ["We want Ellis to make friends and to feel calm at school."]),
]
# Rows of the golden thread: need section, area, need title, need, outcome, provision section,
# provision sentence, who / how often / how long / group (as a tables layout writes them).
ROWS = [
    ("B", "communication-interaction", "Communication and interaction", "Understanding language",
     "Ellis finds it hard to follow instructions with more than two parts, so he often misses what to do in lessons.",
     "By the end of Year 6 (July 2027), Ellis will follow 3-part classroom instructions without a reminder in 8 out of 10 observed instructions.",
     "F", "Ellis will have 30 minutes of language therapy three times a week, 1:1 with a speech and language therapist.",
     ("speech and language therapist", "three times a week", "30 minutes", "1:1"),
     '<deliveredBy role="speech and language therapist"/><frequency count="3" per="week"/>'
     '<duration minutes="30"/><staffing ratio="1:1"/>'),
    ("B", "social-emotional-mental-health", "Social, emotional and mental health", "Managing worry",
     "Ellis becomes anxious when routines change and then refuses to join in, which happened 9 times in the spring term 2026.",
     "Ellis will develop his social skills.",
     "F", "Regular check-ins with a key adult to support Ellis's emotional wellbeing.",
     ("", "", "", ""), ""),
    ("C", "health", "", "Eczema",
     "Ellis has eczema on his hands that flares up in winter and makes writing painful.",
     "By the end of Year 6 (July 2027), Ellis will apply his cream at school without a reminder on 9 out of 10 school days.",
     "G", "A school nurse will show staff how to help Ellis apply his cream, once a term for 20 minutes.",
     ("school nurse", "once a term", "20 minutes", ""),
     '<deliveredBy role="school nurse"/><frequency count="1" per="term"/><duration minutes="20"/>'),
]
# The last field of each row is what the provision grammar reads from its sentence, as XML.
ADVICE = [
    ("K1", "Parent's views", "Dana Marr", "Mother", "2026-02-16"),
    ("K2", "Educational advice", "Priya Lowe", "SENCo", "2026-02-27"),
    ("K3", "Psychological advice", "Dr Omar Haines", "Educational psychologist", "2026-03-06"),
]
PLACEMENT = ("Fenwick Primary School", "Mainstream primary school")
NONE_D = "Ellis has no identified social care needs."
NONE_H1 = "No social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970 is required."
NONE_H2 = "No other social care provision is required."
AREA_WORDS = {"communication-interaction": "Communication and interaction",
              "social-emotional-mental-health": "Social, emotional and mental health"}
SECTION_TITLES = {
    "A": "Views, interests and aspirations", "B": "Special educational needs",
    "C": "Health care needs", "D": "Social care needs", "E": "Outcomes",
    "F": "Special educational provision", "G": "Health care provision",
    "H1": "Social care provision under section 2 of the CSDPA 1970",
    "H2": "Other social care provision", "I": "Placement", "K": "Advice and information",
}


def ids():
    """Ids as every layout gives them: needs, outcomes and provision numbered in order."""
    out, counters = [], {}
    for row in ROWS:
        def nxt(letter):
            counters[letter] = counters.get(letter, 0) + 1
            return f"{letter}{counters[letter]}"
        out.append((nxt(row[0]), nxt("E"), nxt(row[6])))
    return out


def details():
    return [
        ("Name", f"{CHILD['given']} {CHILD['family']}"), ("Date of birth", CHILD["dob_words"]),
        ("Year group", f"Year {CHILD['ncy']}"), ("Home language", CHILD["language"]),
        ("How I communicate", CHILD["communication"]),
        ("Plan reference", META["plan_id"]), ("Plan status", "Final"), ("Local authority", META["la"]),
        ("EHC plan coordinator", META["officer"]), ("Parent or carer", PARENT[0]),
        ("Relationship", PARENT[1]),
        ("Date request received", META["request"][1]), ("Date draft plan issued", META["draft"][1]),
        ("Date final plan issued", META["final"][1]), ("Next review", META["review"][1]),
    ]


def table(document, header, rows):
    t = document.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, header):
        cell.text = text
    for row in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    return t


def views(document):
    document.add_paragraph(f"How views were gathered: {GATHERED}")
    for label, _, paragraphs in VIEWS:
        if label:
            document.add_paragraph(label + ":")
        for p in paragraphs:
            document.add_paragraph(p)


def write_tables(path):
    d = docx.Document()
    d.add_heading("Education, Health and Care Plan", 0)
    table(d, ["Personal details", ""], details())
    for letter in ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "K"]:
        d.add_heading(f"Section {letter}: {SECTION_TITLES[letter]}", 1)
        rows = list(zip(ROWS, ids()))
        if letter == "A":
            views(d)
        elif letter in ("B", "C"):
            table(d, ["Ref", "Area of need", "Need", "Description"],
                  [(n, AREA_WORDS.get(r[1], "Health"), r[3], r[4]) for r, (n, _, _) in rows if r[0] == letter])
        elif letter == "D":
            d.add_paragraph(NONE_D)
        elif letter == "E":
            table(d, ["Ref", "Outcome", "Needs met"], [(e, r[5], n) for r, (n, e, _) in rows])
        elif letter in ("F", "G"):
            table(d, ["Ref", "Provision", "Who", "How often", "How long", "Group size", "Needs met",
                      "Outcomes supported"],
                  [(f, r[7], *r[8], n, e) for r, (n, e, f) in rows if r[6] == letter])
        elif letter == "H1":
            d.add_paragraph(NONE_H1)
        elif letter == "H2":
            d.add_paragraph(NONE_H2)
        elif letter == "I":
            d.add_paragraph(f"Name of school or setting: {PLACEMENT[0]}")
            d.add_paragraph(f"Type of school or setting: {PLACEMENT[1]}")
        elif letter == "K":
            table(d, ["Ref", "Advice", "Author", "Role", "Date received"], ADVICE)
    d.save(path)


def write_prose(path):
    d = docx.Document()
    d.add_paragraph("EDUCATION, HEALTH AND CARE PLAN")
    for label, value in details():
        d.add_paragraph(f"{label}: {value}")
    headings = {"A": "Part A - Views, interests and aspirations", "B": "B. Special educational needs",
                "C": "PART C: HEALTH CARE NEEDS", "D": "Part D", "E": "E. Outcomes",
                "F": "SECTION F \u2013 SPECIAL EDUCATIONAL PROVISION", "G": "Section G",
                "H1": "H1 Social care provision under section 2", "H2": "Section H2", "I": "Part I: Placement",
                "K": "Section K \u2013 Advice and information"}
    rows = list(zip(ROWS, ids()))
    for letter in ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "K"]:
        d.add_heading(headings[letter], 1)
        if letter == "A":
            views(d)
        elif letter in ("B", "C"):
            area = None
            for r, _ in rows:
                if r[0] != letter:
                    continue
                if letter == "B" and r[2] != area:
                    area = r[2]
                    d.add_heading(area, 2)
                d.add_paragraph(f"{r[3]}: {r[4]}")
        elif letter == "D":
            d.add_paragraph(NONE_D)
        elif letter == "E":
            for r, (n, _, _) in rows:
                d.add_paragraph(f"{r[5]} (meets {n})")
        elif letter in ("F", "G"):
            for r, (n, e, _) in rows:
                if r[6] == letter:
                    d.add_paragraph(f"{r[7]} (meets {n}; towards {e})")
        elif letter == "H1":
            d.add_paragraph(NONE_H1)
        elif letter == "H2":
            d.add_paragraph(NONE_H2)
        elif letter == "I":
            d.add_paragraph(f"Name of school or setting: {PLACEMENT[0]}")
            d.add_paragraph(f"Type of school or setting: {PLACEMENT[1]}")
        elif letter == "K":
            table(d, ["Ref", "Advice", "Author", "Role", "Date received"], ADVICE)
    d.save(path)


def write_golden(path):
    d = docx.Document()
    d.add_heading("My EHC Plan", 0)
    for label, value in details():
        d.add_paragraph(f"{label}: {value}")
    d.add_heading("Section A: All about me", 1)
    views(d)
    for need_letter, prov_letter, area, title in [
            ("B", "F", "communication-interaction", "Communication and interaction"),
            ("B", "F", "social-emotional-mental-health", "Social, emotional and mental health"),
            ("C", "G", "health", "Health")]:
        d.add_heading(f"Sections {need_letter}, E and {prov_letter}: {title}", 1)
        needs_header = "Special educational needs" if need_letter == "B" else "Health care needs"
        prov_header = "Special educational provision" if prov_letter == "F" else "Health care provision"
        table(d, ["Need", f"{needs_header} (Section {need_letter})", "Outcomes (Section E)",
                  f"{prov_header} (Section {prov_letter})"],
              [(r[3], r[4], r[5], r[7]) for r in ROWS if r[1] == area])
    d.add_heading("Section D: Social care needs", 1)
    d.add_paragraph(NONE_D)
    d.add_heading("Section H1: Social care provision under section 2", 1)
    d.add_paragraph(NONE_H1)
    d.add_heading("Section H2: Other social care provision", 1)
    d.add_paragraph(NONE_H2)
    d.add_heading("Section I: Placement", 1)
    table(d, ["Name of school", "Type of school"], [PLACEMENT])
    d.add_heading("Section K: Advice and information", 1)
    table(d, ["Ref", "Advice", "Author", "Role", "Date received"], ADVICE)
    d.save(path)


def write_xml(path):
    x = lambda s: escape(s, {'"': "&quot;"})
    rows = list(zip(ROWS, ids()))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           "<!-- The council fixtures' plan as ehcp XML (tests/council/make_fixtures.py writes both). Fictional. -->",
           f'<plan xmlns="urn:ehcp:schema:1" id="{META["plan_id"]}" version="1" status="final" xml:lang="en-GB">',
           "  <meta>",
           f'    <localAuthority name="{x(META["la"])}" code="999"/>',
           f'    <officer name="{META["officer"]}" role="EHC plan coordinator"/>',
           f'    <dates requestReceived="{META["request"][0]}" draftIssued="{META["draft"][0]}" '
           f'finalIssued="{META["final"][0]}" nextReview="{META["review"][0]}"/>',
           "  </meta>",
           "  <child>",
           f'    <legalName><given>{CHILD["given"]}</given><family>{CHILD["family"]}</family></legalName>',
           f'    <dateOfBirth>{CHILD["dob"]}</dateOfBirth>',
           f'    <yearGroup ncy="{CHILD["ncy"]}"/>',
           f'    <homeLanguage code="en">{CHILD["language"]}</homeLanguage>',
           f'    <communication><p>{x(CHILD["communication"])}</p></communication>',
           "  </child>",
           f'  <family><parentCarer><name>{PARENT[0]}</name><relationship>{PARENT[1]}</relationship></parentCarer></family>',
           "  <sectionA>",
           f"    <gathered>{x(GATHERED)}</gathered>"]
    for i, (label, attribution, paragraphs) in enumerate(VIEWS, 1):
        attrs = f' attribution="{attribution}" speaker="{x(label)}"' if attribution else ""
        out.append(f'    <entry id="A{i}" kind="views"{attrs}><text>' +
                   "".join(f"<p>{x(p)}</p>" for p in paragraphs) + "</text></entry>")
    out.append("  </sectionA>")
    for letter in ("B", "C"):
        out.append(f"  <section{letter}>")
        for r, (n, _, _) in rows:
            if r[0] == letter:
                out.append(f'    <need id="{n}" area="{r[1]}" title="{x(r[3])}"><description><p>{x(r[4])}</p></description></need>')
        out.append(f"  </section{letter}>")
    out.append(f"  <sectionD><none>{x(NONE_D)}</none></sectionD>")
    out.append("  <sectionE>")
    for r, (n, e, _) in rows:
        out.append(f'    <outcome id="{e}"><text>{x(r[5])}</text><meets ref="{n}"/></outcome>')
    out.append("  </sectionE>")
    for letter, agency in (("F", "education"), ("G", "health")):
        out.append(f"  <section{letter}>")
        for r, (n, e, f) in rows:
            if r[6] == letter:
                out.append(f'    <provision id="{f}"><description>{x(r[7])}</description><meets ref="{n}"/>'
                           f'<towards ref="{e}"/>{r[9]}<responsible agency="{agency}"/></provision>')
        out.append(f"  </section{letter}>")
    out.append(f"  <sectionH1><none>{x(NONE_H1)}</none></sectionH1>")
    out.append(f"  <sectionH2><none>{x(NONE_H2)}</none></sectionH2>")
    out.append(f"  <sectionI><placement><name>{x(PLACEMENT[0])}</name><type>{x(PLACEMENT[1])}</type></placement></sectionI>")
    out.append("  <sectionK>")
    categories = {"Parent's views": "parent-views", "Educational advice": "educational",
                  "Psychological advice": "psychological"}
    for ref, title, author, role, received in ADVICE:
        out.append(f'    <advice id="{ref}" category="{categories[title]}" received="{received}" appended="true">'
                   f"<title>{x(title)}</title><author>{x(author)}</author><role>{x(role)}</role></advice>")
    out.append("  </sectionK>")
    out.append("</plan>")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def repeat(times):
    """The plan made longer for the benchmark: every row again, its words marked with a number."""
    global ROWS
    rows = []
    for n in range(1, times + 1):
        for r in ROWS:
            mark = "" if n == 1 else f" (part {n})"
            rows.append((*r[:3], r[3] + mark, r[4] + mark, r[5], *r[6:]))
    ROWS = rows


def main():
    args = sys.argv[1:]
    if "--repeat" in args:
        at = args.index("--repeat")
        repeat(int(args[at + 1]))
        del args[at:at + 2]
    out = Path(args[0] if args else Path(__file__).parent)
    out.mkdir(parents=True, exist_ok=True)
    write_tables(out / "tables.docx")
    write_prose(out / "prose.docx")
    write_golden(out / "golden.docx")
    write_xml(out / "plan.xml")


if __name__ == "__main__":
    main()
