#!/usr/bin/python3
"""Reads a bundle PDF back with pikepdf (qpdf) and prints what the tests assert on, as JSON:
the bookmark tree, the structure tree's shape, and consistency problems found in the
ParentTree, page stamps, links and fonts. Run with /usr/bin/python3 (apt's pikepdf)."""
import json
import sys

import pikepdf


def outline_tree(pdf):
    page_numbers = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}

    def walk(items):
        out = []
        for item in items:
            target = None
            dest = item.destination
            if isinstance(dest, pikepdf.Array) and len(dest) > 0 and isinstance(dest[0], pikepdf.Dictionary):
                target = page_numbers.get(dest[0].objgen)
            out.append({"title": item.title, "page": target, "open": item.is_closed is False,
                        "kids": walk(item.children)})
        return out

    with pdf.open_outline() as outline:
        return walk(outline.root)


def struct_summary(pdf, problems):
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        problems.append("no StructTreeRoot")
        return {}
    top = root.K
    document = top if isinstance(top, pikepdf.Dictionary) else top[0]
    kids = document.K

    def kid_types(element):
        k = element.get("/K")
        if k is None:
            return []
        items = k if isinstance(k, pikepdf.Array) else [k]
        return [str(x.S)[1:] for x in items if isinstance(x, pikepdf.Dictionary) and "/S" in x]

    parts = []
    for kid in kids:
        entry = {"type": str(kid.S)[1:], "title": str(kid.get("/T", "")), "kids": []}
        for sub in (kid.K if isinstance(kid.K, pikepdf.Array) else [kid.K]):
            if isinstance(sub, pikepdf.Dictionary) and "/S" in sub:
                entry["kids"].append({"type": str(sub.S)[1:], "title": str(sub.get("/T", "")),
                                      "kid_types": kid_types(sub)})
        parts.append(entry)

    # ParentTree: keys ascending and unique, every page's StructParents and every
    # annotation's StructParent present, and no element parented by something else.
    nums = []

    def walk_numbers(node):
        if "/Nums" in node:
            arr = node.Nums
            for i in range(0, len(arr), 2):
                nums.append((int(arr[i]), arr[i + 1]))
        for kid in node.get("/Kids", []):
            walk_numbers(kid)

    walk_numbers(root.ParentTree)
    keys = [k for k, _ in nums]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        problems.append("ParentTree keys not ascending and unique")
    key_set = set(keys)
    next_key = int(root.get("/ParentTreeNextKey", 0))
    if keys and max(keys) >= next_key:
        problems.append("ParentTreeNextKey too small")
    for i, page in enumerate(pdf.pages):
        sp = page.obj.get("/StructParents")
        if sp is None:
            problems.append(f"page {i + 1} has no StructParents")
        elif int(sp) not in key_set:
            problems.append(f"page {i + 1} StructParents {int(sp)} not in ParentTree")
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot and int(annot.StructParent) not in key_set:
                problems.append(f"page {i + 1} annotation StructParent not in ParentTree")
    return {"document_kids": parts, "parent_tree_entries": len(keys)}


def check_pages(pdf, problems):
    stamps = 0
    for i, page in enumerate(pdf.pages):
        contents = page.obj.Contents
        if not isinstance(contents, pikepdf.Array) or len(contents) < 2:
            problems.append(f"page {i + 1}: contents not wrapped")
            continue
        first = contents[0].read_bytes()
        last = contents[len(contents) - 1].read_bytes()
        if not first.rstrip().endswith(b"q"):
            problems.append(f"page {i + 1}: first content stream does not save the graphics state")
        if b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" not in last or not last.startswith(
                (b"Q", b"EMC\nQ")):
            problems.append(f"page {i + 1}: stamp not an isolated Pagination artifact")
        else:
            stamps += 1
        if "/EhcpBundleStamp" not in page.Resources.Font:
            problems.append(f"page {i + 1}: stamp font not in resources")
    return stamps


def index_links(pdf, problems):
    page_numbers = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
    links = []
    for i, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                continue
            target = page_numbers.get(annot.Dest[0].objgen)
            if "/Contents" not in annot:
                problems.append(f"link on page {i + 1} has no Contents")
            links.append({"page": i + 1, "target": target, "contents": str(annot.get("/Contents", ""))})
    return links


def fonts(pdf, problems):
    names = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj:
            if obj.get("/Subtype") == "/Type0":
                continue  # its descendant carries the same name
            name = str(obj.BaseFont)
            names.setdefault(name, set()).add(obj.objgen)
    duplicates = sorted(n for n, objs in names.items() if len(objs) > 1 and "+" in n)
    if duplicates:
        problems.append("different font subsets share a name: " + ", ".join(duplicates))
    return sorted(names)


def main():
    pdf = pikepdf.open(sys.argv[1])
    problems = []
    info = {
        "pages": len(pdf.pages),
        "lang": str(pdf.Root.get("/Lang", "")),
        "display_doc_title": bool(pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
        "marked": bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False)),
        "xmp_title": "",
        "outline": outline_tree(pdf),
        "struct": struct_summary(pdf, problems),
        "stamped_pages": check_pages(pdf, problems),
        "links": index_links(pdf, problems),
        "fonts": fonts(pdf, problems),
    }
    with pdf.open_metadata() as meta:
        info["xmp_title"] = meta.get("dc:title", "")
    info["problems"] = problems
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
