#!/usr/bin/python3
"""Looks for active content in a bundle PDF, as an independent reader (pikepdf, qpdf).

Usage: /usr/bin/python3 check_active_content.py BUNDLE.pdf [MARKER]

Prints JSON: "found" lists every piece of active content met (actions other than URI to a
web address and GoTo, /AA, /JS, /OpenAction, /Names JavaScript or EmbeddedFiles, embedded
file streams, file attachment and media annotations, /AcroForm), "links" the web addresses
of the URI links kept, and "marker_in_file" whether MARKER occurs anywhere in the file once
qpdf has decompressed every stream (qpdf --qdf)."""
import json
import subprocess
import sys

import pikepdf

KEPT_ACTIONS = {"/URI", "/GoTo"}
REMOVED_ANNOTATIONS = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}


def check_action(action, where, found, links):
    if not isinstance(action, pikepdf.Dictionary):
        return
    kind = str(action.get("/S", ""))
    if kind not in KEPT_ACTIONS:
        found.append(f"{where}: {kind or 'untyped'} action")
    elif kind == "/URI":
        uri = str(action.get("/URI", ""))
        if not uri.lower().startswith(("http:", "https:", "mailto:")):
            found.append(f"{where}: URI {uri}")
        else:
            links.append(uri)
    if "/Next" in action:
        found.append(f"{where}: chained action")


def main():
    path = sys.argv[1]
    marker = sys.argv[2] if len(sys.argv) > 2 else None
    pdf = pikepdf.open(path)
    found, links = [], []
    root = pdf.Root
    for key in ("/OpenAction", "/AA", "/AcroForm", "/AF"):
        if key in root and not (key == "/OpenAction" and isinstance(root[key], pikepdf.Array)):
            found.append(f"catalog {key}")
    if "/Names" in root:
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in root.Names:
                found.append(f"catalog /Names {key}")
    for i, page in enumerate(pdf.pages):
        where = f"page {i + 1}"
        for key in ("/AA", "/AF", "/PieceInfo", "/PresSteps"):
            if key in page.obj:
                found.append(f"{where}: {key}")
        for annot in page.obj.get("/Annots", []):
            subtype = str(annot.get("/Subtype", ""))
            if subtype in REMOVED_ANNOTATIONS:
                found.append(f"{where}: {subtype} annotation")
            for key in ("/AA", "/FS", "/Parent" if subtype != "/Popup" else "/NoSuchKey"):
                if key in annot:
                    found.append(f"{where}: {subtype} annotation with {key}")
            for key in ("/A", "/PA"):
                if key in annot:
                    check_action(annot[key], f"{where} {subtype} annotation", found, links)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) or isinstance(obj, pikepdf.Stream):
            if obj.get("/Type") == "/EmbeddedFile":
                found.append(f"object {obj.objgen}: an embedded file stream")
            if "/JS" in obj:
                found.append(f"object {obj.objgen}: /JS")
            if obj.get("/S") in ("/JavaScript", "/Launch", "/SubmitForm", "/GoToR", "/GoToE", "/Rendition"):
                found.append(f"object {obj.objgen}: {obj.get('/S')} action")

    def walk(items):
        for item in items:
            if item.action is not None:
                check_action(item.action, f"bookmark {item.title}", found, links)
            walk(item.children)

    with pdf.open_outline() as outline:
        walk(outline.root)
    marker_in_file = False
    if marker:
        qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, "-"],
                             capture_output=True, check=False)
        marker_in_file = marker.encode() in qdf.stdout
    print(json.dumps({"found": found, "links": sorted(links), "marker_in_file": marker_in_file}, indent=1))


if __name__ == "__main__":
    main()
