"""Checks an `ehcp diff --format html` page with Python's HTML parser: it parses, has
<ins> and <del> marks, and each mark starts with a visually hidden "inserted: " or
"deleted: " label for screen readers. Prints what it found; exits 1 on a problem."""
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.marks = {"ins": 0, "del": 0}
        self.labelled = {"ins": 0, "del": 0}
        self.pending = None  # the mark whose first child we wait for
        self.in_label = None
        self.lang = None
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("ins", "del"):
            self.marks[tag] += 1
            self.pending = tag
        elif tag == "span" and self.pending and "visually-hidden" in (attrs.get("class") or ""):
            self.in_label = self.pending
            self.pending = None
        else:
            self.pending = None

    def handle_data(self, data):
        if self.in_label:
            want = "inserted: " if self.in_label == "ins" else "deleted: "
            if data == want:
                self.labelled[self.in_label] += 1
            else:
                self.problems.append(f"label {data!r} in <{self.in_label}>")
            self.in_label = None
        elif self.pending and data.strip():
            self.problems.append(f"<{self.pending}> without a label before {data!r}")
            self.pending = None


page = Page()
page.feed(open(sys.argv[1], encoding="utf-8").read())
page.close()
print(f"lang={page.lang} ins={page.marks['ins']} del={page.marks['del']} "
      f"labelled_ins={page.labelled['ins']} labelled_del={page.labelled['del']}")
for p in page.problems:
    print("problem:", p)
ok = (not page.problems and page.lang and page.marks["ins"] > 1 and page.marks["del"] > 1
      and page.labelled == page.marks)
sys.exit(0 if ok else 1)
