#!/usr/bin/python3
"""Writes a copy of a good tagged PDF with one deliberate PDF/UA defect, so the tests
can prove check_pdfua.py really finds each kind of problem.

Usage: /usr/bin/python3 make_broken_pdf.py IN.pdf OUT.pdf DEFECT
DEFECT is one of the keys of DEFECTS below.
"""

import sys

import pikepdf


def elements(pdf):
    """Every structure element, depth first, in tree order."""
    out = []

    def walk(node):
        kids = node.get("/K")
        if kids is None:
            return
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                out.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def first(pdf, stype):
    for elem in elements(pdf):
        if elem.get("/S") == stype:
            return elem
    raise SystemExit(f"no {stype} element in the input")


def first_link_annotation(pdf):
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link":
                return page, annot
    raise SystemExit("no link annotation in the input")


def first_descriptor(pdf):
    for page in pdf.pages:
        for _, font in page.obj.Resources.Font.items():
            return font, font.DescendantFonts[0].FontDescriptor
    raise SystemExit("no font in the input")


def append_content(pdf, page, data):
    page.contents_add(pikepdf.Stream(pdf, data), prepend=False)


def remove_mcid(pdf):
    for elem in elements(pdf):
        kids = elem.get("/K")
        if isinstance(kids, pikepdf.Array):
            ints = [i for i, k in enumerate(kids) if isinstance(k, int) or
                    (isinstance(k, pikepdf.Object) and k._type_code == pikepdf.ObjectType.integer)]
            if ints:
                del kids[ints[0]]
                return
        elif kids is not None and not isinstance(kids, pikepdf.Dictionary):
            del elem["/K"]
            return
    raise SystemExit("no MCID kid found")


def drop_pdfuaid(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        del meta["{http://www.aiim.org/pdfua/ns/id/}part"]


def make_td_a_p(pdf):
    first(pdf, "/TD").S = pikepdf.Name.P


DEFECTS = {
    "th-scope": lambda pdf: first(pdf, "/TH").__delitem__("/A"),
    "figure-alt": lambda pdf: first(pdf, "/Figure").__delitem__("/Alt"),
    "first-heading": lambda pdf: setattr(first(pdf, "/H1"), "S", pikepdf.Name.H3),
    "untagged-path": lambda pdf: append_content(pdf, pdf.pages[0], b"0 0 m 100 100 l S\n"),
    "nested-artifact": lambda pdf: append_content(
        pdf, pdf.pages[0], b"/P <</MCID 900>> BDC /Artifact BMC 0 0 m 1 1 l S EMC EMC\n"),
    "link-contents": lambda pdf: first_link_annotation(pdf)[1].__delitem__("/Contents"),
    "tabs": lambda pdf: first_link_annotation(pdf)[0].obj.__delitem__("/Tabs"),
    "markinfo": lambda pdf: pdf.Root.__delitem__("/MarkInfo"),
    "lang": lambda pdf: pdf.Root.__delitem__("/Lang"),
    "display-doc-title": lambda pdf: pdf.Root.__delitem__("/ViewerPreferences"),
    "pdfuaid": drop_pdfuaid,
    "cidset": lambda pdf: first_descriptor(pdf)[1].__setitem__("/CIDSet", pikepdf.Stream(pdf, b"\xff")),
    "tounicode": lambda pdf: first_descriptor(pdf)[0].__delitem__("/ToUnicode"),
    "struct-parent-missing": lambda pdf: first(pdf, "/P").__delitem__("/P"),
    "table-nesting": make_td_a_p,
    "unreferenced-mcid": remove_mcid,
    "nonstandard-type": lambda pdf: setattr(first(pdf, "/P"), "S", pikepdf.Name("/Paragraph")),
}


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in DEFECTS:
        print(__doc__, "defects:", " ".join(DEFECTS))
        return 2
    pdf = pikepdf.open(sys.argv[1])
    DEFECTS[sys.argv[3]](pdf)
    version = "1.4" if sys.argv[3] == "version" else None
    pdf.save(sys.argv[2], min_version=version or "", force_version=version or "")
    return 0


if __name__ == "__main__":
    DEFECTS["version"] = lambda pdf: None
    sys.exit(main())
