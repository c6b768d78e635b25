#!/usr/bin/env python3
"""tests/pdf/pagination.py: how the minutes are paginated and broken into lines (issue 14).

Usage:
  pagination.py header SESSION.xml...     every page that shows any part of a Q&A table's body
                                          shows the table's header above it
  pagination.py moved SESSION.xml         the same, and the session has a long row (more than 4
                                          lines in a cell) that moved to the next page whole,
                                          leaving room on the page before: the case it is for
  pagination.py same-breaks SESSION.xml.. with the flush bottom (flush-bottom, the default) each
                                          page holds the same lines, rows and cells as without,
                                          none ends higher and some end lower (it fills)
  pagination.py names-pdf SESSION.xml...  no name, date, time or number the session marks up is
                                          broken across lines in the PDF
  pagination.py names-html SESSION.xml... the same in the HTML page, in headless Chromium at
                                          several window widths (exit 77, skipped, when there is
                                          no chromium)

The PDF checks read the layout dump (`minutes fo --source-lines` then `minutes render
--dump-layout`, the dump format of src/engine/area.h): each block's `src=` is the session line
of the element it was made from, so a name is looked for only in the blocks made from it or
from its ancestors (the same surname in running text is not a name the stylesheet marks up).
A string is broken when it is found across two lines of one block.  The HTML check runs a
script in the page that measures, for every element the stylesheet keeps on one line (span.nb,
the 番号 column, speakers, roster names), the line boxes its text occupies.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.parsers.expat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
MINUTES = os.environ.get("MINUTES") or os.path.join(ROOT, "build", "minutes")
SESSION_NS = "urn:minutes:session:1"

sys.path.insert(0, os.path.join(ROOT, "tests", "layout"))
import props  # noqa: E402  (the dump parser of the layout tests)

failures = []
quiet = False   # names-html-can-fail: the failures are what is expected


def fail(msg):
    failures.append(msg)
    print(("found: " if quiet else "FAIL: ") + msg)


# === the session ===

class Elem:
    def __init__(self, name, attrs, line, parent):
        self.name, self.attrs, self.line, self.parent = name, attrs, line, parent
        self.children = []   # Elem or str, in order

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Elem):
                yield from c.walk()


def parse_session(path):
    """The session as a tree of Elem with the line of each start tag."""
    p = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    root, stack = [], []

    def start(name, attrs):
        local = name.split(" ")[-1]
        e = Elem(local, attrs, p.CurrentLineNumber, stack[-1] if stack else None)
        if stack:
            stack[-1].children.append(e)
        else:
            root.append(e)
        stack.append(e)

    def end(name):
        stack.pop()

    def chars(data):
        if stack:
            stack[-1].children.append(data)

    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, chars
    with open(path, "rb") as f:
        p.ParseFile(f)
    return root[0]


def wide(n):
    return n.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def protected(session):
    """(printed string, element) for each name, date, time and number the stylesheets keep on
    one line: as session-fo.xsl prints them."""
    out = []
    for e in session.walk():
        if e.name == "person":
            name = re.sub(r"\s+", "", e.text()) + e.attrs.get("suffix", "")
            out.append((name, e))
            if e.parent.name == "attendees" and (e.attrs.get("seat") or e.attrs.get("role")):
                full = (wide(e.attrs["seat"]) + "番" if e.attrs.get("seat") else "") \
                       + e.attrs.get("role", "") + name
                out.append((full, e))
        elif e.name in ("start", "decision", "held-on", "time") and e.parent.name == "dates":
            out.append((re.sub(r"\s+", "", e.text()), e))
        elif e.name == "entry" and e.parent.name == "qa":
            out.append((e.attrs["n"], e))
        elif e.name in ("name", "role") and e.parent.name == "speaker":
            out.append((re.sub(r"\s+", "", e.text()), e))
    return [(s, e) for s, e in out if len(s) > 1]


def lines_of(e):
    """The session lines a block made from `e` may name: its own and its ancestors' (not the
    root's, which every generated block would share)."""
    s = set()
    while e is not None and e.parent is not None:
        s.add(str(e.line))
        e = e.parent
    return s


# === the PDF ===

def layout(session, tmp, params=()):
    fo, pdf, dump = (os.path.join(tmp, n) for n in ("s.fo", "s.pdf", "s.dump"))
    p = [x for kv in params for x in ("--param", kv)]
    subprocess.run([MINUTES, "fo", "--source-lines", session, "-o", fo] + p, check=True)
    subprocess.run([MINUTES, "render", fo, "-o", pdf, "--dump-layout", dump], check=True,
                   stderr=subprocess.DEVNULL)
    with open(dump, encoding="utf-8") as f:
        return props.parse_dump(f.read())


def check_names_pdf(session):
    items = protected(parse_session(session))
    with tempfile.TemporaryDirectory() as tmp:
        pages = layout(session, tmp)
    blocks = {}   # src -> list of the joined texts of its blocks
    for pg in pages:
        for b in pg.walk():
            lines = [c.text for c in b.children if c.kind == "line"]
            if lines and "src" in b.attrs:
                joined = "\n".join(re.sub(r"[ \u3000]", "", t) for t in lines)
                blocks.setdefault(b.attrs["src"], []).append((pg.page, joined))
    checked = 0
    for s, e in items:
        pattern = re.compile("\n?".join(re.escape(c) for c in re.sub(r"[ \u3000]", "", s)))
        for src in lines_of(e):
            for page, text in blocks.get(src, []):
                for m in pattern.finditer(text):
                    checked += 1
                    if "\n" in m.group(0):
                        fail(f"{os.path.basename(session)}: page {page}: {s!r} (session line {e.line}) "
                             f"is broken across lines: {m.group(0)!r}")
    if checked == 0:
        fail(f"{os.path.basename(session)}: none of the {len(items)} names, dates, times and numbers was found in the layout")
    print(f"{os.path.basename(session)}: {checked} names, dates, times and numbers in the PDF checked")


# === the HTML ===

SCRIPT = """<script>
(function () {
  var sel = '.nb, table.qa th.number, .turn .speaker, table.roster th[scope=row], table.roster td.seat';
  var bad = [], n = 0;
  document.querySelectorAll(sel).forEach(function (el) {
    var r = document.createRange();
    r.selectNodeContents(el);
    var tops = {};
    Array.prototype.forEach.call(r.getClientRects(), function (x) {
      if (x.width > 0.5) tops[Math.round(x.top)] = 1;
    });
    n++;
    if (Object.keys(tops).length > 1) bad.push(el.textContent.replace(/\\s+/g, ''));
  });
  document.documentElement.setAttribute('data-checked', n);
  document.documentElement.setAttribute('data-broken', JSON.stringify(bad));
})();
</script>"""


def check_names_html(session, strip_nowrap=False):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("SKIP: no chromium (Debian package chromium) to lay the HTML page out")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([MINUTES, "build", "-o", out, os.path.abspath(session)], check=True,
                       stdout=subprocess.DEVNULL, cwd=tmp)
        name = os.path.splitext(os.path.basename(session))[0]
        html = open(os.path.join(out, name + ".html"), encoding="utf-8").read()
        if strip_nowrap:
            html = html.replace("white-space: nowrap", "white-space: normal")
        page = os.path.join(tmp, "page.html")
        open(page, "w", encoding="utf-8").write(html.replace("</body>", SCRIPT + "</body>"))
        broken = set()
        for width in (320, 375, 480, 640, 900):
            r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                "--user-data-dir=" + os.path.join(tmp, "profile"),
                                f"--window-size={width},1200", "--dump-dom", "file://" + page],
                               capture_output=True, text=True, timeout=120)
            m = re.search(r'data-checked="(\d+)"', r.stdout)
            b = re.search(r"data-broken=\"([^\"]*)\"", r.stdout)
            if not m or not b:
                fail(f"{name}: chromium gave no result at width {width}: {r.stderr[-500:]}")
                continue
            if int(m.group(1)) == 0:
                fail(f"{name}: no element to check at width {width}")
            for s in json.loads(b.group(1).replace("&quot;", '"')):
                broken.add((width, s))
        for width, s in sorted(broken):
            fail(f"{name}.html at {width}px: {s!r} is broken across lines")
        print(f"{name}.html: checked at 320 to 900 px, {len(broken)} broken")
        return broken


# === the table header on every page ===

def qa_tables(pages):
    """table src -> {page: its rows there}, for tables that have a header row somewhere."""
    tables = {}
    for pg in pages:
        for t in (a for a in pg.walk() if a.kind == "table"):
            rows = [r for r in t.children if r.kind == "row"]
            tables.setdefault(t.attrs.get("src"), {}).setdefault(pg.page, []).extend(rows)
    return {src: byp for src, byp in tables.items()
            if any("header" in r.flags for rows in byp.values() for r in rows)}


def check_header(session, params=()):
    with tempfile.TemporaryDirectory() as tmp:
        pages = layout(session, tmp, params)
    n = 0
    for src, byp in qa_tables(pages).items():
        for page, rows in sorted(byp.items()):
            body = [r for r in rows if "header" not in r.flags]
            if body:
                n += 1
                if "header" not in rows[0].flags:
                    fail(f"{os.path.basename(session)}: page {page}: the table of session line {src} "
                         f"continues without its header")
    print(f"{os.path.basename(session)}: {len(pages)} pages, {n} table parts with their header")
    return pages


def check_moved(session):
    # The room a moved row left is measured with the pages as broken, before the flush bottom
    # fills them (flush-bottom only moves lines down within their page: same-breaks checks it)
    check_header(session)
    pages = check_header(session, ["flush-bottom=no"])
    foot = {}   # page -> room left below its last row (points)
    for pg in pages:
        body = [r for r in pg.walk() if r.kind == "region" and "body" in r.flags]
        rows = [r for r in pg.walk() if r.kind == "row"]
        if body and rows:
            foot[pg.page] = body[0].y + body[0].h - max(r.y + r.h for r in rows)
    moved = 0
    for src, byp in qa_tables(pages).items():
        for page, rows in sorted(byp.items()):
            body = [r for r in rows if "header" not in r.flags]
            if not body or page - 1 not in byp:
                continue
            # a long row (a cell of more than 4 lines: not one kept whole for being short) that
            # starts the page whole (its number is here: not a continuation) while the page
            # before, with rows of the same table, had room left for more lines
            cells = [c for c in body[0].children if c.kind == "cell"]
            tall = max((len({l.y for l in c.walk() if l.kind == "line"}) for c in cells), default=0)
            if cells and any(l.kind == "line" for l in cells[0].walk()) and tall > 4 \
               and foot.get(page - 1, 0) > 20:
                moved += 1
    if not moved:
        fail(f"{os.path.basename(session)}: no long row moved to the next page whole: the session no longer tests that case")
    print(f"{os.path.basename(session)}: {moved} long row(s) moved to the next page with the header above")


def check_same_breaks(session):
    """Flush bottom (vertical justification) changes where lines sit, never what is on a page:
    each page holds the same lines, in the same order, with flush-bottom as without; and it
    does fill: no page's lowest line sits higher with it, and some page's sits lower."""
    def lines_by_page(params):
        with tempfile.TemporaryDirectory() as tmp:
            pages = layout(session, tmp, params)
        held = [[(a.kind, a.text) for a in pg.walk() if a.kind in ("line", "row", "cell")]
                for pg in pages]
        low = [max((a.y + a.h for a in pg.walk() if a.kind == "line"
                    and props.region_of(a) is not None and "body" in props.region_of(a).flags),
                   default=0.0) for pg in pages]
        return held, low
    name = os.path.basename(session)
    (on, on_low), (off, off_low) = lines_by_page([]), lines_by_page(["flush-bottom=no"])
    if len(on) != len(off):
        fail(f"{name}: {len(on)} pages with flush-bottom, {len(off)} without")
    for n, (a, b) in enumerate(zip(on, off), 1):
        if a != b:
            fail(f"{name}: page {n} holds other lines with flush-bottom than without")
    for n, (a, b) in enumerate(zip(on_low, off_low), 1):
        if a < b - 0.01:
            fail(f"{name}: page {n} ends higher with flush-bottom ({a:.2f}pt) than without ({b:.2f}pt)")
    lowered = sum(1 for a, b in zip(on_low[:-1], off_low[:-1]) if a > b + 0.5)
    if len(on) > 1 and not lowered:
        fail(f"{name}: flush-bottom moved the last line of no page down")
    print(f"{name}: {len(on)} pages, the same lines on each with flush-bottom as without; "
          f"{lowered} of pages 1..{len(on) - 1} end lower with it")


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    what, sessions = sys.argv[1], sys.argv[2:]
    for s in sessions:
        if what == "header":
            check_header(s)
        elif what == "moved":
            check_moved(s)
        elif what == "same-breaks":
            check_same_breaks(s)
        elif what == "names-pdf":
            check_names_pdf(s)
        elif what == "names-html":
            check_names_html(s)
        elif what == "names-html-can-fail":
            # without the stylesheet's nowrap, the same check must find broken names
            global quiet
            quiet = True
            if not check_names_html(s, strip_nowrap=True):
                fail(f"{s}: with white-space: nowrap taken out, no name broke: the check cannot fail")
            else:
                failures.clear()
        else:
            raise SystemExit(__doc__)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
