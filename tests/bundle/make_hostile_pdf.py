#!/usr/bin/python3
"""Writes a fictional evidence PDF full of active content, for the bundle's stripping tests.

Usage: /usr/bin/python3 make_hostile_pdf.py OUT.pdf

Page 1 has page open/close actions (/AA, JavaScript), a JavaScript link, a Launch link, a
javascript: URI link, a web link that chains a JavaScript action (/Next), a plain web link
and a GoTo link to page 2 (these two are kept). Page 2 has a FileAttachment annotation with
an embedded file, Sound, Movie, Screen, RichMedia and 3D annotations, and a form widget
with a SubmitForm action, a keystroke script and a parent field carrying a script. The
catalog has an OpenAction script, document-level JavaScript, an embedded file and an
AcroForm; a bookmark runs JavaScript. Every script and file carries a marker (PAYLOAD) that
must not be found anywhere in a bundle made from this file."""
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name, String

PAYLOAD = "EHCP-HOSTILE-PAYLOAD"


def js(pdf, code):
    return pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String(f"{code} // {PAYLOAD}")))


def main():
    pdf = pikepdf.new()
    for text in (b"Parent's report, page one", b"Page two"):
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[-1]
        font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
        page.Resources = Dictionary(Font=Dictionary(F1=font))
        page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 760 Td (" + text + b") Tj ET")
    one, two = pdf.pages[0].obj, pdf.pages[1].obj

    def link(rect, action=None, **extra):
        d = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]),
                       Contents=String("a link"), **extra)
        if action is not None:
            d.A = action
        return pdf.make_indirect(d)

    one.AA = Dictionary(O=js(pdf, "app.alert('page opened')"), C=js(pdf, "app.alert('closed')"))
    one.Annots = Array([
        link([72, 700, 200, 720], js(pdf, "app.launchURL('http://example.invalid')")),
        link([72, 670, 200, 690], Dictionary(S=Name.Launch, F=String(f"calc.exe {PAYLOAD}"))),
        link([72, 640, 200, 660], Dictionary(S=Name.URI, URI=String(f"javascript:alert('{PAYLOAD}')"))),
        link([72, 610, 200, 630], Dictionary(S=Name.URI, URI=String("https://www.gov.uk/children-with-special-educational-needs"),
                                             Next=js(pdf, "this.submitForm('x')"))),
        link([72, 580, 200, 600], Dictionary(S=Name.URI, URI=String("https://www.legislation.gov.uk/ukpga/2014/6"))),
        link([72, 550, 200, 570], Dictionary(S=Name.GoTo, D=Array([two, Name.Fit]))),
    ])

    payload_file = pdf.make_stream(f"attached file contents {PAYLOAD}".encode())
    payload_file.Type = Name.EmbeddedFile
    filespec = pdf.make_indirect(Dictionary(Type=Name.Filespec, F=String("evil.exe"),
                                            EF=Dictionary(F=payload_file)))
    media = pdf.make_stream(f"media {PAYLOAD}".encode())

    def annot(subtype, y, **extra):
        return pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name("/" + subtype),
                                            Rect=Array([72, y, 100, y + 20]), Contents=String(subtype), **extra))

    field = pdf.make_indirect(Dictionary(FT=Name.Tx, T=String("name"),
                                         AA=Dictionary(K=js(pdf, "event.rc = true"))))
    widget = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, Rect=Array([300, 700, 500, 720]), Parent=field,
        A=Dictionary(S=Name.SubmitForm, F=String(f"http://example.invalid/{PAYLOAD}")),
        AA=Dictionary(Fo=js(pdf, "app.alert('focus')"))))
    field.Kids = Array([widget])
    two.Annots = Array([
        annot("FileAttachment", 700, FS=filespec, Name=Name.PushPin),
        annot("Sound", 670, Sound=media),
        annot("Movie", 640, Movie=Dictionary(F=String(f"movie-{PAYLOAD}.mov"))),
        annot("Screen", 610, A=Dictionary(S=Name.Rendition, JS=String(f"play() // {PAYLOAD}"))),
        annot("RichMedia", 580, RichMediaContent=Dictionary(Assets=Dictionary(Names=Array([String("a"), filespec])))),
        annot("3D", 550, **{"3DD": media}),
        widget,
    ])

    pdf.Root.OpenAction = js(pdf, "app.alert('opened')")
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("init"), js(pdf, "app.alert('init')")])),
        EmbeddedFiles=Dictionary(Names=Array([String("evil.exe"), filespec])))
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Run me", action=js(pdf, "app.alert('bookmark')")))
        outline.root.append(pikepdf.OutlineItem("Page two", 1))
    pdf.save(sys.argv[1])


if __name__ == "__main__":
    main()
