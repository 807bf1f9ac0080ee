#!/usr/bin/python3
"""Checks a plan PDF written with `ehcp render --appendices` against the plan alone and
the appendix PDFs, read with pikepdf (an independent reader).

Usage: /usr/bin/python3 check_appendices.py OUT.pdf PLAN.pdf ID=APPENDIX.pdf...
(the appended K entries in K's order). Checks: pages = the plan's + every appendix's; one
top-level bookmark "Appendix ID: ..." per appendix, after the plan's own and landing on its
first page; K's links to each appendix (/Contents "Go to Appendix ID...") land on that
page; the page labels (1.. for the plan, ID-1.. for each appendix); one Sect titled
"Appendix ID: ..." per appendix under the plan's Document element. Prints "FAIL ..." per
problem and exits 1, or "OK: N appendices, P pages" and exits 0.
"""

import sys

import pikepdf


def main():
    out = pikepdf.open(sys.argv[1])
    plan = pikepdf.open(sys.argv[2])
    appendices = []
    for arg in sys.argv[3:]:
        ident, path = arg.split("=", 1)
        appendices.append((ident, len(pikepdf.open(path).pages)))
    problems = []
    plan_pages = len(plan.pages)
    first = {}
    page = plan_pages
    for ident, pages in appendices:
        first[ident] = page  # 0-based
        page += pages
    if len(out.pages) != page:
        problems.append(f"pages: {len(out.pages)}, expected {page}")
    index = {p.objgen: i for i, p in enumerate(out.pages)}

    def dest_page(dest):
        if isinstance(dest, pikepdf.Array) and len(dest) > 0:
            return index.get(dest[0].objgen)
        return None

    # Bookmarks: the plan's, then one per appendix.
    with plan.open_outline() as o:
        plan_titles = [str(item.title) for item in o.root]
    with out.open_outline() as o:
        items = list(o.root)
        titles = [str(item.title) for item in items]
        if titles[: len(plan_titles)] != plan_titles:
            problems.append("bookmarks: the plan's own are not first")
        tail = items[len(plan_titles):]
        if len(tail) != len(appendices):
            problems.append(f"bookmarks: {len(tail)} after the plan's, expected {len(appendices)}")
        for item, (ident, _) in zip(tail, appendices):
            if not str(item.title).startswith(f"Appendix {ident}: "):
                problems.append(f"bookmark {item.title!r}: expected Appendix {ident}")
            target = dest_page(item.destination)
            if target != first[ident]:
                problems.append(f"bookmark {item.title!r} goes to page index {target}, "
                                f"expected {first[ident]}")

    # K's links: on the plan's pages, each lands on its appendix's first page.
    linked = set()
    for i, p in enumerate(out.pages[:plan_pages]):
        for annot in p.get("/Annots", []):
            contents = str(annot.get("/Contents", ""))
            if not contents.startswith("Go to Appendix "):
                continue
            ident = contents[len("Go to Appendix "):].split(":")[0]
            if "/A" in annot:
                problems.append(f"link to {ident} on page {i + 1} still has an action")
            target = dest_page(annot.get("/Dest"))
            if ident not in first or target != first[ident]:
                problems.append(f"link to {ident} on page {i + 1} goes to page index {target}")
            linked.add(ident)
    for ident, _ in appendices:
        if ident not in linked:
            problems.append(f"no link in the plan goes to appendix {ident}")

    # Page labels: the plan numbered as its footer is, each appendix ID-1, ID-2, ...
    labels = out.Root.get("/PageLabels")
    nums = list(labels.Nums) if labels is not None else []
    expected = [0, "D", ""] + [x for ident, _ in appendices
                               for x in (first[ident], "D", f"{ident}-")]
    got = []
    for k in range(0, len(nums), 2):
        got += [int(nums[k]), str(nums[k + 1].get("/S", ""))[1:], str(nums[k + 1].get("/P", ""))]
    if got != expected:
        problems.append(f"page labels {got}, expected {expected}")

    # Tags: one titled Sect per appendix under the plan's Document element.
    root = out.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    sects = [str(k.get("/T", "")) for k in document.K
             if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Sect"
             and str(k.get("/T", "")).startswith("Appendix ")]
    if [s.split(":")[0] for s in sects] != [f"Appendix {ident}" for ident, _ in appendices]:
        problems.append(f"appendix Sect elements: {sects}")

    for p in problems:
        print("FAIL " + p)
    if problems:
        return 1
    print(f"OK: {len(appendices)} appendices, {len(out.pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
