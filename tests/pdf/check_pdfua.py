#!/usr/bin/python3
"""Checks the machine-checkable PDF/UA-1 conditions (Matterhorn subset) of a PDF.

Usage: /usr/bin/python3 check_pdfua.py FILE.pdf
Prints one "FAIL <rule>: <detail>" line per problem and exits 1, or prints "OK" and
exits 0. Run with /usr/bin/python3: apt's pikepdf is only visible to it.

Covered (ISO 14289-1 clause / Matterhorn checkpoint):
  header       PDF version 1.7
  6.2/7.1      catalog /MarkInfo /Marked true, no /Suspects true; /StructTreeRoot
  7.1-8/9      XMP metadata with dc:title; pdfuaid:part = 1
  7.1-10       /ViewerPreferences /DisplayDocTitle true
  7.2 (11-xxx) catalog /Lang
  7.1-11/12    every StructElem has /P (and it is the real parent)
  02-001..004  only standard structure types (or RoleMap to one; no standard remapped)
  09-004/005/006  Table/THead/TBody/TR/TH/TD, L/LI/Lbl/LBody and TOC/TOCI nesting
  15-003       TH with /Scope
  13-004       Figure with /Alt or /ActualText
  14-002/003   headings start at H1 and never skip a level; no H mixed with Hn
  01-003..005  every painting operator inside an MCID sequence or an Artifact; the two
               never nested in each other
  (7.1)        every MCID on a page is owned by a structure element via the ParentTree,
               and every MCID the tree references exists on its page
  28-008..012  annotations: /Contents, /StructParent -> a Link element with an OBJR to
               it; pages with annotations have /Tabs /S
  31-xxx       fonts embedded, with /ToUnicode, no /CIDSet
"""

import sys

import pikepdf

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu",
    "WT", "WP", "Figure", "Formula", "Form",
}

# Allowed children (structure elements only) and parents for the grouping types.
ALLOWED_CHILDREN = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TFoot": {"TR"},
    "TR": {"TH", "TD"},
    "L": {"L", "LI", "Caption"},
    "LI": {"Lbl", "LBody"},
    "TOC": {"TOC", "TOCI", "Caption"},
}
REQUIRED_PARENT = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "TFoot": {"Table"},
    "LI": {"L"},
    "LBody": {"LI"},
    "TOCI": {"TOC"},
}

TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PATH_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
OTHER_PAINT = {"Do", "sh", "INLINE IMAGE", "BI"}


class Checker:
    def __init__(self, path):
        self.path = path
        self.failures = []
        self.pdf = pikepdf.open(path)

    def fail(self, rule, detail):
        self.failures.append(f"FAIL {rule}: {detail}")

    # ------------------------------------------------------------------ catalog
    def check_catalog(self):
        pdf = self.pdf
        version = pdf.pdf_version
        if version != "1.7":
            self.fail("version", f"PDF version is {version}, expected 1.7")
        root = pdf.Root
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            self.fail("6.2-1", "catalog /MarkInfo /Marked is not true")
        elif bool(mark.get("/Suspects", False)):
            self.fail("7.1-4", "/MarkInfo /Suspects is true")
        if "/StructTreeRoot" not in root:
            self.fail("7.1-11", "catalog has no /StructTreeRoot")
        lang = root.get("/Lang")
        if lang is None or str(lang).strip() == "":
            self.fail("7.2-2", "catalog has no /Lang")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            self.fail("7.1-10", "/ViewerPreferences /DisplayDocTitle is not true")
        if "/Metadata" not in root:
            self.fail("7.1-8", "catalog has no XMP /Metadata stream")
            return
        meta = pdf.open_metadata()
        title = meta.get("dc:title")
        if not title:
            self.fail("7.1-9", "XMP has no dc:title")
        part = meta.get("{http://www.aiim.org/pdfua/ns/id/}part")
        if str(part) != "1":
            self.fail("5-1", f"XMP pdfuaid:part is {part!r}, expected 1")

    # ------------------------------------------------------------------ tree
    def check_tree(self):
        root = self.pdf.Root.get("/StructTreeRoot")
        if root is None:
            return
        role_map = root.get("/RoleMap")
        self.role_map = {}
        if role_map is not None:
            for key, value in role_map.items():
                name = key[1:]
                target = str(value)[1:]
                if name in STANDARD_TYPES:
                    self.fail("02-004", f"standard type {name} is remapped to {target}")
                self.role_map[name] = target
        self.mcids_in_tree = {}  # page objgen -> set of MCIDs
        self.objr_annots = {}    # annotation objgen -> Link element objgen
        self.headings = []
        seen = set()
        kids = root.get("/K")
        for kid in self.as_list(kids):
            if isinstance(kid, pikepdf.Dictionary):
                self.walk(kid, root, None, seen)
        if self.headings:
            if any(h == "H" for h in self.headings) and any(h != "H" for h in self.headings):
                self.fail("14-007", "H and H1..H6 are mixed")
            levels = [int(h[1:]) for h in self.headings if h != "H"]
            if levels and levels[0] != 1:
                self.fail("14-002", f"first heading is H{levels[0]}, not H1")
            for before, after in zip(levels, levels[1:]):
                if after > before + 1:
                    self.fail("14-003", f"heading level skips from H{before} to H{after}")
                    break

    @staticmethod
    def as_list(obj):
        if obj is None:
            return []
        if isinstance(obj, pikepdf.Array):
            return list(obj)
        return [obj]

    def role(self, elem):
        s = str(elem.get("/S", ""))[1:]
        seen = set()
        while s in self.role_map and s not in seen:
            seen.add(s)
            s = self.role_map[s]
        return s

    def walk(self, elem, parent, parent_type, seen):
        key = elem.objgen
        if key in seen and key != (0, 0):
            self.fail("7.1", f"structure element {key} appears twice (cycle)")
            return
        seen.add(key)
        stype = self.role(elem)
        raw = str(elem.get("/S", ""))[1:]
        if stype not in STANDARD_TYPES:
            self.fail("02-001", f"non-standard structure type {raw}")
        p = elem.get("/P")
        if p is None:
            self.fail("7.1-12", f"{raw} element {key} has no /P")
        elif p.objgen != parent.objgen:
            self.fail("7.1-12", f"{raw} element {key} has the wrong /P")
        if parent_type in ALLOWED_CHILDREN and stype not in ALLOWED_CHILDREN[parent_type]:
            self.fail("09-004/005/006", f"{stype} inside {parent_type}")
        if stype in REQUIRED_PARENT and parent_type not in REQUIRED_PARENT[stype]:
            self.fail("09-004/005/006", f"{stype} inside {parent_type}, expected one of "
                                        f"{sorted(REQUIRED_PARENT[stype])}")
        if stype == "TH":
            scope = None
            for attrs in self.as_list(elem.get("/A")):
                if isinstance(attrs, pikepdf.Dictionary) and "/Scope" in attrs:
                    scope = str(attrs["/Scope"])
            if scope not in ("/Row", "/Column", "/Both") and "/Headers" not in elem:
                self.fail("15-003", "TH without /Scope")
        if stype == "Figure":
            alt = elem.get("/Alt")
            actual = elem.get("/ActualText")
            if (alt is None or str(alt).strip() == "") and (actual is None or str(actual).strip() == ""):
                self.fail("13-004", "Figure without /Alt")
        if stype == "H" or (len(stype) == 2 and stype[0] == "H" and stype[1].isdigit()):
            self.headings.append(stype)
        page = elem.get("/Pg")
        for kid in self.as_list(elem.get("/K")):
            if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
                if page is None:
                    self.fail("7.1", f"{raw} has an MCID kid but no /Pg")
                    continue
                self.mcids_in_tree.setdefault(page.objgen, {})[int(kid)] = key
            elif isinstance(kid, pikepdf.Dictionary):
                ktype = kid.get("/Type")
                if ktype == "/MCR":
                    pg = kid.get("/Pg", page)
                    self.mcids_in_tree.setdefault(pg.objgen, {})[int(kid.MCID)] = key
                elif ktype == "/OBJR":
                    self.objr_annots[kid.Obj.objgen] = (key, stype)
                else:
                    self.walk(kid, elem, stype, seen)

    # ------------------------------------------------------------------ pages
    def parent_tree(self):
        root = self.pdf.Root.get("/StructTreeRoot")
        result = {}
        if root is None or "/ParentTree" not in root:
            self.fail("7.1", "StructTreeRoot has no /ParentTree")
            return result

        def collect(node):
            nums = node.get("/Nums")
            if nums is not None:
                keys = [int(nums[i]) for i in range(0, len(nums), 2)]
                if keys != sorted(keys):
                    self.fail("7.1", "ParentTree /Nums keys are not ascending")
                for i in range(0, len(nums), 2):
                    result[int(nums[i])] = nums[i + 1]
            for kid in self.as_list(node.get("/Kids")):
                collect(kid)

        collect(root.ParentTree)
        return result

    def check_pages(self):
        tree = self.parent_tree()
        for number, page in enumerate(self.pdf.pages, start=1):
            pobj = page.obj
            used = self.scan_content(number, page)
            in_tree = self.mcids_in_tree.get(pobj.objgen, {})
            key = pobj.get("/StructParents")
            owners = tree.get(int(key)) if key is not None else None
            if used and key is None:
                self.fail("7.1", f"page {number} has marked content but no /StructParents")
            for mcid in sorted(used):
                if mcid not in in_tree:
                    self.fail("7.1-3", f"page {number}: MCID {mcid} is not referenced from the structure tree")
                elif owners is not None:
                    if mcid >= len(owners) or owners[mcid].objgen != in_tree[mcid]:
                        self.fail("7.1", f"page {number}: ParentTree entry for MCID {mcid} is wrong")
            for mcid in sorted(set(in_tree) - used):
                self.fail("7.1", f"page {number}: the tree references MCID {mcid}, which is not on the page")
            annots = self.as_list(pobj.get("/Annots"))
            if annots and pobj.get("/Tabs") != "/S":
                self.fail("7.18.3-1", f"page {number} has annotations but no /Tabs /S")
            for annot in annots:
                subtype = annot.get("/Subtype")
                if subtype in ("/Popup",):
                    continue
                contents = annot.get("/Contents")
                if contents is None or str(contents).strip() == "":
                    self.fail("28-012" if subtype == "/Link" else "28-004",
                              f"page {number}: {subtype} annotation without /Contents")
                sp = annot.get("/StructParent")
                if sp is None:
                    self.fail("28-011", f"page {number}: annotation without /StructParent")
                    continue
                owner = tree.get(int(sp))
                linked = self.objr_annots.get(annot.objgen)
                if owner is None or linked is None or owner.objgen != linked[0]:
                    self.fail("28-011", f"page {number}: annotation is not an OBJR kid of its ParentTree element")
                elif subtype == "/Link" and linked[1] != "Link":
                    self.fail("28-011", f"page {number}: Link annotation inside {linked[1]}, not Link")
            self.check_fonts(number, page)

    def scan_content(self, number, page):
        used = set()
        stack = []  # "mcid", "artifact" or "other"
        try:
            ops = pikepdf.parse_content_stream(page)
        except Exception as error:  # a broken stream is a failure, not a crash
            self.fail("stream", f"page {number}: cannot parse content: {error}")
            return used
        for operands, operator in ops:
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                kind = "other"
                if tag == "/Artifact":
                    kind = "artifact"
                elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    kind = "mcid"
                    mcid = int(operands[1].MCID)
                    if mcid in used:
                        self.fail("7.1", f"page {number}: MCID {mcid} used twice")
                    used.add(mcid)
                if kind in ("mcid", "artifact"):
                    outer = [k for k in stack if k in ("mcid", "artifact")]
                    if outer:
                        if kind == "artifact" and "mcid" in outer:
                            self.fail("01-004", f"page {number}: Artifact inside tagged content")
                        elif kind == "mcid" and "artifact" in outer:
                            self.fail("01-003", f"page {number}: tagged content inside an Artifact")
                        else:
                            self.fail("7.1", f"page {number}: nested {kind} sequences")
                stack.append(kind)
            elif op == "EMC":
                if not stack:
                    self.fail("stream", f"page {number}: EMC without BDC/BMC")
                else:
                    stack.pop()
            elif op in TEXT_SHOW or op in PATH_PAINT or op in OTHER_PAINT:
                if not any(k in ("mcid", "artifact") for k in stack):
                    self.fail("01-005", f"page {number}: '{op}' is neither tagged nor an Artifact")
        if stack:
            self.fail("stream", f"page {number}: unclosed marked-content sequence")
        return used

    def check_fonts(self, number, page):
        resources = page.obj.get("/Resources")
        if resources is None:
            return
        fonts = resources.get("/Font")
        if fonts is None:
            return
        for name, font in fonts.items():
            subtype = font.get("/Subtype")
            if "/ToUnicode" not in font:
                self.fail("7.21.7-1", f"page {number}: font {name} has no /ToUnicode")
            descriptors = []
            if subtype == "/Type0":
                for descendant in self.as_list(font.get("/DescendantFonts")):
                    if descendant.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in descendant:
                        self.fail("7.21.3.2-1", f"font {name}: CIDFontType2 without /CIDToGIDMap")
                    descriptors.append(descendant.get("/FontDescriptor"))
            elif subtype != "/Type3":
                descriptors.append(font.get("/FontDescriptor"))
            for descriptor in descriptors:
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.fail("7.21.4.1-1", f"page {number}: font {name} is not embedded")
                elif "/CIDSet" in descriptor:
                    self.fail("7.21.4.2-2", f"font {name} has a /CIDSet (PoDoFo's is inexact)")

    def run(self):
        self.check_catalog()
        self.role_map = {}
        self.mcids_in_tree = {}
        self.objr_annots = {}
        self.check_tree()
        self.check_pages()
        return self.failures


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    try:
        failures = Checker(sys.argv[1]).run()
    except Exception as error:
        print(f"FAIL open: {error}")
        return 1
    # Each message once, in order: a defect repeated on every page is still one line.
    for line in dict.fromkeys(failures):
        print(line)
    if failures:
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
