#!/usr/bin/env python3
"""tests/layout/props.py: layout property checks that do not depend on exact positions.

Goldens (run-golden.sh) catch every change; these checks say what must hold whatever the exact
numbers are, so they keep their meaning when metrics shift.  For each case NAME this renders
tests/layout/NAME.fo with `minutes render --dump-layout`, parses the dump (format: see
docs/fo-subset.md and the engine's area.c) and checks:

  1. general properties, for every case:
     a. kinsoku (W3C JLREQ 3.1.7, 3.1.8): no line *after a break* starts with a character that
        must not start a line, and no line *before a break* ends with an opening bracket.  (The
        first line of a block may start with 「 or ・ -- a list bullet is not a break.)
     b. nothing lost or repeated: for every block in the flow, its lines' text (joined, white
        space removed) equals the block's own text in the FO (white space removed).  Repeated
        table headers (rows marked `header`) are compared only once.
     c. every page's areas lie on the page; every line lies within its page horizontally; every
        word of the PDF (pdftotext -bbox) lies inside its page's regions.
  2. the case's own properties (CHECKS below), e.g. "the header row starts every page".

Usage: props.py NAME [--dump FILE] (a given dump is checked instead of rendering).
Exit status 0 if every check holds; each failure is printed with the offending area.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.parsers.expat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
MINUTES = os.environ.get("MINUTES") or os.path.join(ROOT, "build", "minutes")
FO_NS = "http://www.w3.org/1999/XSL/Format"

# JLREQ cl-02 closing brackets, cl-04 ?!, cl-05 middle dots, cl-06/07 full stops and commas,
# cl-09 iteration marks, cl-10 prolonged sound mark, cl-11 small kana; plus U+FF5E, which
# Windows text uses for the wave dash (cl-03).
NO_START = set("、。，．,.」』）】〕〉》］｝〙〗’”)]}・：；:;！？!?ヽヾゝゞ々〻ー"
               "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
               "〜～゠–")
# JLREQ cl-01 opening brackets.
NO_END = set("「『（【〔〈《［｛〘〖‘“([{")

failures = []


def fail(msg):
    failures.append(msg)


# === the dump ===

class Area:
    """One line of the dump: kind, rectangle, attributes, text, children, page number."""
    def __init__(self, kind, depth):
        self.kind = kind
        self.depth = depth
        self.x = self.y = self.w = self.h = 0.0
        self.attrs = {}      # src=, dest=, uri=
        self.flags = set()   # e.g. "header" on a row, "body" on a region
        self.text = None     # a line's text
        self.children = []
        self.parent = None
        self.page = 0
        self.lineno = 0      # line in the dump, for messages

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def __repr__(self):
        s = f"dump line {self.lineno}: {self.kind} {self.x:.2f},{self.y:.2f}"
        if self.text is not None:
            s += f' "{self.text}"'
        return s


NUM = r"(-?\d+\.\d\d)"
RECT = re.compile(NUM + "," + NUM + " " + NUM + "x" + NUM)
LINE = re.compile(NUM + "," + NUM + " " + NUM + r' "((?:[^"\\]|\\.)*)"')


def parse_dump(text):
    pages = []
    stack = []
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip(" "))
        body = raw.lstrip(" ")
        kind, _, rest = body.partition(" ")
        a = Area(kind, depth)
        a.lineno = n
        if kind == "page":
            m = re.match(r"(\d+) " + NUM + "x" + NUM + "$", rest)
            if not m or depth != 0:
                fail(f"dump line {n}: malformed page line: {raw!r}")
                continue
            a.page = int(m.group(1))
            a.w, a.h = float(m.group(2)), float(m.group(3))
            pages.append(a)
            stack = [a]
            continue
        if not stack:
            fail(f"dump line {n}: area outside a page: {raw!r}")
            continue
        if kind == "line":
            m = LINE.match(rest)
            if not m:
                fail(f"dump line {n}: malformed line: {raw!r}")
                continue
            a.x, a.y, a.w = float(m.group(1)), float(m.group(2)), float(m.group(3))
            a.text = re.sub(r"\\(.)", r"\1", m.group(4))
            # the line's adjustment: shrink=, stretch= (points), jl= (Japanese-Latin spaces)
            for k, v in re.findall(r" (shrink|stretch|jl)=(-?[0-9.]+)", rest[m.end():]):
                a.attrs[k] = float(v)
        else:
            m = re.match(r"(body|before|after|start|end) ", rest)
            if m:
                a.flags.add(m.group(1))
                rest = rest[m.end():]
            m = RECT.match(rest)
            if m:
                a.x, a.y, a.w, a.h = map(float, m.groups())
                rest = rest[m.end():]
            for m in re.finditer(r'(\S+?)=("(?:[^"\\]|\\.)*"|\S+)|(\S+)', rest):
                if m.group(3):
                    a.flags.add(m.group(3))
                else:
                    v = m.group(2)
                    if v.startswith('"'):
                        v = re.sub(r"\\(.)", r"\1", v[1:-1])
                    a.attrs[m.group(1)] = v
        while stack and stack[-1].depth >= depth:
            stack.pop()
        if not stack:
            fail(f"dump line {n}: bad indentation: {raw!r}")
            continue
        a.parent = stack[-1]
        a.page = stack[0].page
        stack[-1].children.append(a)
        stack.append(a)
    return pages


def ancestors(a):
    p = a.parent
    while p is not None:
        yield p
        p = p.parent


def region_of(a):
    for p in ancestors(a):
        if p.kind == "region":
            return p
    return None


def block_of(line):
    for p in ancestors(line):
        if p.kind == "block":
            return p
    return None


def in_header_row(a):
    return any(p.kind == "row" and "header" in p.flags for p in ancestors(a))


def body_lines(pages):
    return [a for p in pages for a in p.walk()
            if a.kind == "line" and region_of(a) is not None and "body" in region_of(a).flags]


def region_lines(page, which):
    return [a for a in page.walk() if a.kind == "line" and region_of(a) is not None
            and which in region_of(a).flags]


# === the FO: each block's own text, by source line ===

INLINE = {"inline", "basic-link", "wrapper", "character"}


def fo_block_texts(path):
    """{line of the fo:block start tag: its own text (white space removed)} for blocks in
    fo:flow; text inside nested blocks belongs to those."""
    texts = {}
    stack = []   # (local name, line, is_block)
    in_flow = [0]
    p = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def start(name, attrs):
        ns, _, local = name.rpartition(" ")
        line = p.CurrentLineNumber
        if ns == FO_NS and local == "flow":
            in_flow[0] += 1
        stack.append((local if ns == FO_NS else "?" + local, line))
        if ns == FO_NS and local == "block" and in_flow[0]:
            texts.setdefault(line, "")

    def end(name):
        ns, _, local = name.rpartition(" ")
        stack.pop()
        if ns == FO_NS and local == "flow":
            in_flow[0] -= 1

    def chars(data):
        if not in_flow[0]:
            return
        # the nearest enclosing block, through inline-level elements only
        for local, line in reversed(stack):
            if local == "block":
                texts[line] += re.sub(r"\s+", "", data)
                return
            if local not in INLINE:
                return

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    with open(path, "rb") as f:
        p.ParseFile(f)
    return texts


# === general checks ===

def check_kinsoku(pages):
    by_block = {}
    order = []
    for ln in body_lines(pages) + [l for pg in pages for l in region_lines(pg, "before") + region_lines(pg, "after")]:
        b = block_of(ln)
        key = (b.attrs.get("src"), in_header_row(ln) and ln.page) if b is not None else (None, ln.lineno)
        if key not in by_block:
            by_block[key] = []
            order.append(key)
        by_block[key].append(ln)
    for key in order:
        lines = by_block[key]
        for i, ln in enumerate(lines):
            t = ln.text.strip()
            if i > 0 and t and t[0] in NO_START:
                fail(f"kinsoku: line starts with {t[0]!r} (U+{ord(t[0]):04X}): page {ln.page}, {ln!r}")
            if i < len(lines) - 1 and t and t[-1] in NO_END:
                fail(f"kinsoku: line ends with {t[-1]!r} (U+{ord(t[-1]):04X}): page {ln.page}, {ln!r}")


def check_text_kept(pages, fo_path, skip_src=()):
    want = fo_block_texts(fo_path)
    got = {}
    header_page = {}
    for ln in body_lines(pages):
        b = block_of(ln)
        if b is None or "src" not in b.attrs:
            fail(f"text: a line outside any block with src=: {ln!r}")
            continue
        src = int(b.attrs["src"])
        if in_header_row(ln):
            # a repeated header: keep the lines of its first page only
            if header_page.setdefault(src, ln.page) != ln.page:
                continue
        got[src] = got.get(src, "") + re.sub(r"\s+", "", ln.text)
    for src, text in sorted(want.items()):
        if src in skip_src:
            continue
        if got.get(src, "") != text:
            fail(f"text: the block at FO line {src} should read {text!r} but its lines read "
                 f"{got.get(src, '')!r}")
    for src in sorted(set(got) - set(want)):
        fail(f"text: lines with src={src}, which is not a block in the flow: {got[src]!r}")


def check_on_page(pages):
    for pg in pages:
        for a in pg.walk():
            if a is pg:
                continue
            if a.kind == "line":
                if a.x < -0.01 or a.x + a.w > pg.w + 0.01 or a.y < 0 or a.y > pg.h:
                    fail(f"geometry: line off the page: page {pg.page}, {a!r}")
            elif a.x < -0.01 or a.y < -0.01 or a.x + a.w > pg.w + 0.01 or a.y + a.h > pg.h + 0.01:
                fail(f"geometry: {a.kind} off the page: page {pg.page}, {a!r} {a.w:.2f}x{a.h:.2f}")


def check_ink_inside(pages, pdf):
    """Every word pdftotext finds in the PDF lies inside the regions of its page (0.6pt of
    slack for glyph side bearings): nothing overflows the column or the page."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    page = 0
    for m in re.finditer(r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out):
        if m.group(0).startswith("<page"):
            page += 1
            continue
        if page > len(pages):
            fail(f"geometry: the PDF has more pages than the dump ({len(pages)})")
            return
        regions = [r for r in pages[page - 1].children if r.kind == "region"]
        if not regions:
            continue
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        word = m.group(5)
        # An opening bracket starting a line may be set half-width (JLREQ 3.1.5) by moving its
        # glyph box half an em left: its ink (the right half) stays in the column, the box not.
        # pdftotext's box is the em box, so half its height is half an em.
        bracket = (y1 - y0) / 2 if word[:1] in NO_END else 0
        left = min(r.x for r in regions) - 0.6 - bracket
        right = max(r.x + r.w for r in regions) + 0.6
        top = min(r.y for r in regions) - 0.6
        bottom = max(r.y + r.h for r in regions) + 0.6
        if x0 < left or x1 > right or y0 < top or y1 > bottom:
            fail(f"geometry: page {page}: the word {word!r} at {x0:.2f},{y0:.2f}-{x1:.2f},{y1:.2f} lies "
                 f"outside the regions ({left + 0.6 + bracket:.2f},{top + 0.6:.2f}-{right - 0.6:.2f},{bottom - 0.6:.2f})")


# === helpers for the case checks ===

def blocks_by_src(pages, src):
    return [a for pg in pages for a in pg.walk() if a.kind == "block" and a.attrs.get("src") == str(src)]


def lines_of(pages, src):
    return [l for l in body_lines(pages) if block_of(l) is not None and block_of(l).attrs.get("src") == str(src)]


def pages_of(pages, src):
    return sorted({l.page for l in lines_of(pages, src)})


def fo_line(fo_path, needle):
    """The line of the first FO element whose start tag contains `needle`."""
    with open(fo_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if needle in line and "<fo:" in line:
                return n
    raise SystemExit(f"props.py: {needle!r} not in {fo_path}")


def expect(cond, msg):
    if not cond:
        fail(msg)


def near(a, b, eps=0.02):
    return abs(a - b) <= eps


def pdf_lines(pdf):
    """Text lines of a PDF as (page, xMin, xMax, text), from pdftotext -bbox-layout."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    res = []
    page = 0
    for m in re.finditer(r'<page |<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>', out, re.S):
        if m.group(0).startswith("<page"):
            page += 1
            continue
        words = re.findall(r"<word[^>]*>(.*?)</word>", m.group(3))
        res.append((page, float(m.group(1)), float(m.group(2)), "".join(words)))
    return res


# === the cases' own checks ===
# Each gets (pages, fo path, pdf path).

def c_break_before(pages, fo, pdf):
    src = fo_line(fo, 'break-before="page"')
    expect(len(pages) == 2, f"expected 2 pages, got {len(pages)}")
    b = blocks_by_src(pages, src)
    expect(b and b[0].page == 2 and near(b[0].y, 10), f"block at FO line {src} should start page 2 at y 10: {b}")


def c_break_after(pages, fo, pdf):
    src = fo_line(fo, 'break-after="page"')
    expect(len(pages) == 2, f"expected 2 pages, got {len(pages)}")
    expect(pages_of(pages, src) == [1], f"block at FO line {src} should be on page 1")
    expect(pages_of(pages, src + 1) == [2], f"block at FO line {src + 1} should be on page 2")


def c_break_after_in_cell(pages, fo, pdf):
    expect(len(pages) == 3, f"expected 3 pages, got {len(pages)}")
    rows = table_rows(pages)
    expect([r.page for r in rows] == [1, 2, 3], f"expected one row a page, rows are on pages {[r.page for r in rows]}")
    for r in rows:
        texts = [l.text for l in r.walk() if l.kind == "line"]
        want = {1: 3, 2: 2, 3: 3}.get(r.page)
        expect(len(texts) == want, f"row on page {r.page} should hold {want} lines (whole), holds {texts}")
    after = fo_line(fo, "表の後")
    expect(pages_of(pages, after) == [3], f"the block after the table should be on page 3, is on {pages_of(pages, after)}")


def c_keep_with_next(pages, fo, pdf):
    h = fo_line(fo, 'keep-with-next="always"')
    last = max(int(b.attrs["src"]) for pg in pages for b in pg.walk() if b.kind == "block")
    para = last
    expect(pages_of(pages, h) == [2], f"heading (FO line {h}) should move to page 2, is on {pages_of(pages, h)}")
    expect(pages_of(pages, para)[:1] == [2], f"paragraph (FO line {para}) should start on page 2")


def c_keep_chain(pages, fo, pdf):
    hs = [n for n, l in enumerate(open(fo, encoding="utf-8"), 1) if 'keep-with-next="always"' in l]
    for h in hs:
        expect(pages_of(pages, h) == [2], f"heading at FO line {h} should be on page 2, is on {pages_of(pages, h)}")


def c_keep_together(pages, fo, pdf):
    src = fo_line(fo, 'keep-together')
    expect(len(pages_of(pages, src)) == 1, f"kept-together block at FO line {src} split over pages {pages_of(pages, src)}")
    expect(len(lines_of(pages, src)) == 4, f"kept-together block should have 4 lines, has {len(lines_of(pages, src))}")


def split_counts(pages, src):
    lines = lines_of(pages, src)
    return [sum(1 for l in lines if l.page == p) for p in pages_of(pages, src)]


def c_widows_orphans(minimum):
    def check(pages, fo, pdf):
        srcs = sorted({int(b.attrs["src"]) for pg in pages for b in pg.walk() if b.kind == "block" and "src" in b.attrs})
        split = 0
        for s in srcs:
            counts = split_counts(pages, s)
            if len(counts) > 1:
                split += 1
                expect(counts[0] >= minimum, f"block at FO line {s}: {counts[0]} orphan line(s) on page {pages_of(pages, s)[0]} (orphans={minimum})")
                expect(counts[-1] >= minimum, f"block at FO line {s}: {counts[-1]} widow line(s) on page {pages_of(pages, s)[-1]} (widows={minimum})")
        expect(split >= 1, "expected at least one paragraph split across pages")
    return check


def c_split_paragraph(pages, fo, pdf):
    src = fo_line(fo, "<fo:block>")
    expect(split_counts(pages, src) == [8, 8, 4], f"expected 8 + 8 + 4 lines, got {split_counts(pages, src)}")


def c_space_discard(pages, fo, pdf):
    for pg in pages:
        body = [r for r in pg.children if r.kind == "region" and "body" in r.flags]
        if body and body[0].children:
            first = body[0].children[0]
            expect(near(first.y, body[0].y), f"page {pg.page}: the first block starts at y {first.y:.2f}, not at the region's top {body[0].y:.2f} (space-before must be discarded)")


def table_rows(pages):
    return [a for pg in pages for a in pg.walk() if a.kind == "row"]


def c_header_repeat(min_pages):
    def check(pages, fo, pdf):
        expect(len(pages) >= min_pages, f"expected at least {min_pages} pages, got {len(pages)}")
        for pg in pages:
            rows = [a for a in pg.walk() if a.kind == "row"]
            if not rows:
                fail(f"page {pg.page}: no table rows")
                continue
            if pg.page > 1:
                expect("header" in rows[0].flags, f"page {pg.page}: the first row is not a repeated header")
            htext = "".join(l.text for l in rows[0].walk() if l.kind == "line")
            expect(htext.startswith("番号"), f"page {pg.page}: the first row reads {htext!r}, not the header")
    return check


def c_header_on_every_page(pages_min, moved_src_text=None):
    """Every page holding any body row of a table shows the header above it (issue 14); with
    moved_src_text, the row holding that text starts on a page after the first, whole or not."""
    def check(pages, fo, pdf):
        expect(len(pages) >= pages_min, f"expected at least {pages_min} pages, got {len(pages)}")
        for pg in pages:
            for t in (a for a in pg.walk() if a.kind == "table"):
                rows = [r for r in t.children if r.kind == "row"]
                if any("header" not in r.flags for r in rows):
                    expect("header" in rows[0].flags,
                           f"page {pg.page}: the table's rows there start without the header ({rows[0]!r})")
        if moved_src_text:
            src = fo_line(fo, moved_src_text)
            on = pages_of(pages, src)
            expect(on and min(on) > 1, f"the row at FO line {src} should have moved off page 1, is on {on}")
    return check


def cell_parts(pages):
    """(src, column index) of every body cell -> list of (page, line positions, texts)."""
    parts = {}
    for pg in pages:
        for r in (a for a in pg.walk() if a.kind == "row" and "header" not in a.flags):
            for i, c in enumerate(x for x in r.children if x.kind == "cell"):
                lines = [l for l in c.walk() if l.kind == "line"]
                key = (c.attrs.get("src"), i)
                parts.setdefault(key, []).append((pg.page, len({round(l.y, 2) for l in lines}),
                                                  [l.text for l in lines]))
    return parts


def c_cell_splits(pages_min, short=0):
    """Every split cell leaves at least 2 lines on each side of each break; a row's first cell
    (its number) is on the page where the row starts; with `short`, a row none of whose cells
    has more lines is on one page."""
    def check(pages, fo, pdf):
        expect(len(pages) >= pages_min, f"expected at least {pages_min} pages, got {len(pages)}")
        parts = cell_parts(pages)
        rows = {}
        for (src, i), ps in parts.items():
            rows.setdefault(src, {})[i] = ps
            nonempty = [p for p in ps if p[1] > 0]
            if len(nonempty) > 1:
                for pg, n, texts in nonempty:
                    expect(n >= 2, f"row at FO line {src}, cell {i + 1}: only {n} line(s) on page {pg}: {texts}")
        for src, cells in rows.items():
            first = min(p[0] for ps in cells.values() for p in ps if p[1] > 0)
            num = [p for p in cells.get(0, []) if p[1] > 0]
            expect(not num or num[0][0] == first,
                   f"row at FO line {src}: its number is on page {num and num[0][0]}, the row starts on {first}")
            total = [sum(p[1] for p in ps) for ps in cells.values()]
            if short and max(total) <= short:
                on = {p[0] for ps in cells.values() for p in ps if p[1] > 0}
                expect(len(on) == 1, f"row at FO line {src} has at most {short} lines a cell but is split over pages {sorted(on)}")
    return check


def c_heading_with_table(pages, fo, pdf):
    """The heading is on the page of the table's header and of the first 2 lines of its first row."""
    c_cell_splits(2)(pages, fo, pdf)
    head = [l for l in body_lines(pages) if l.text == "見出し"]
    expect(len(head) == 1, f"the heading is there {len(head)} times")
    if head:
        pg = head[0].page
        lines = [l for l in body_lines(pages) if l.page == pg and l.text.startswith("第") and "質問" in l.text]
        hdr = [l for l in body_lines(pages) if l.page == pg and in_header_row(l)]
        expect(hdr and len(lines) >= 2, f"page {pg}: the heading without the table's header and 2 lines of row 1")


def c_kept_within_line(pages, fo, pdf):
    """The kept names and the date are each on one line; the overlong kept run breaks."""
    texts = [l.text for l in body_lines(pages)]
    for word in ("伊藤由美委員", "渡辺誠委員", "令和3年5月10日(月)"):
        expect(any(word in t for t in texts), f"{word!r} is broken across lines: {texts}")
    expect("一二三四五六七八九十一二三四五六七八" in texts and "九十一二三四五" in texts,
           f"the overlong kept run should fill a line and break: {texts}")


def c_header_counts(pages, fo, pdf):
    c_header_repeat(4)(pages, fo, pdf)
    texts = [l.text for l in body_lines(pages) if not in_header_row(l)]
    for i in range(1, 21):
        n = sum(1 for t in texts if t == f"第{i}号議案の審議")
        expect(n == 1, f"body row {i} appears {n} times")


def c_row_split(pages, fo, pdf):
    c_header_repeat(2)(pages, fo, pdf)
    q = fo_line(fo, "何故")
    expect(len(pages_of(pages, q)) >= 2, f"the long question (FO line {q}) should continue on the next page, is on pages {pages_of(pages, q)}")


def c_tiling(pages, fo, pdf):
    for r in table_rows(pages):
        cells = [c for c in r.children if c.kind == "cell"]
        for a, b in zip(cells, cells[1:]):
            expect(near(a.x + a.w, b.x), f"cells do not meet: {a!r} ends at {a.x + a.w:.2f}, next starts at {b.x:.2f}")
        for c in cells:
            expect(near(c.y, r.y) and near(c.h, r.h), f"cell not as tall as its row: {c!r} {c.w:.2f}x{c.h:.2f} in {r!r} {r.w:.2f}x{r.h:.2f}")
        if cells:
            expect(near(cells[0].x, r.x) and near(cells[-1].x + cells[-1].w, r.x + r.w), f"cells do not fill row {r!r}")
    rows = table_rows(pages)
    for a, b in zip(rows, rows[1:]):
        if a.page == b.page:
            expect(near(a.y + a.h, b.y), f"rows do not meet: {a!r} then {b!r}")


def c_footer(fmt):
    def check(pages, fo, pdf):
        expect(len(pages) == 3, f"expected 3 pages, got {len(pages)}")
        for pg in pages:
            t = [l.text.strip() for l in region_lines(pg, "after")]
            expect(t == [fmt.format(n=pg.page, N=len(pages))], f"page {pg.page}: footer reads {t}")
    return check


def c_header_from_2(pages, fo, pdf):
    expect(len(pages) == 3, f"expected 3 pages, got {len(pages)}")
    for pg in pages:
        t = [l.text.strip() for l in region_lines(pg, "before")]
        want = [] if pg.page == 1 else ["令和3年度第1回 会議録"]
        expect(t == want, f"page {pg.page}: header reads {t}, expected {want}")


def c_links(kind, value):
    def check(pages, fo, pdf):
        links = [a for pg in pages for a in pg.walk() if a.kind == "link"]
        expect(any(l.attrs.get(kind) == value for l in links), f"no link with {kind}={value}: {links}")
    return check


def c_list_body_aligned(pages, fo, pdf):
    for item in (a for pg in pages for a in pg.walk() if a.kind == "list-body"):
        xs = {round(l.x, 2) for l in item.walk() if l.kind == "line" and block_of(l) in item.walk()}
        direct = [c for c in item.walk() if c.kind == "list-item"]
        if not direct:
            expect(len(xs) <= 1, f"lines of one list body start at different x: {sorted(xs)} in {item!r}")


def c_justified(pages, fo, pdf):
    lines = pdf_lines(pdf)
    expect(len(lines) >= 3, f"expected at least 3 lines in the PDF, got {lines}")
    for pg, x0, x1, t in lines[:-1]:
        expect(abs(x1 - 190) <= 0.6, f"justified line does not reach the right edge (x 190): ends at {x1:.2f}: {t}")
    if lines:
        expect(lines[-1][2] < 189, f"the last line of a justified paragraph should not be stretched: {lines[-1]}")


def c_justified_all(pages, fo, pdf):
    """Every paragraph is text-align="justify": each line but a block's last ends flush at the
    region's right edge in the PDF (pdftotext -bbox-layout, matched to the dump's lines in
    order) -- also the lines that lost a character to kinsoku push-out."""
    dump = body_lines(pages)
    got = pdf_lines(pdf)
    if len(dump) != len(got):
        fail(f"justify: the dump has {len(dump)} lines, pdftotext finds {len(got)}")
        return
    for i, (d, (pg, x0, x1, t)) in enumerate(zip(dump, got)):
        last = i + 1 == len(dump) or block_of(dump[i + 1]) is not block_of(d)
        right = region_of(d).x + region_of(d).w
        if not last:
            expect(abs(x1 - right) <= 0.6, f"justify: page {pg}: a justified line ends at x {x1:.2f}, not {right:.2f}: {t}")


def c_fits(pages, fo, pdf):
    for pg, x0, x1, t in pdf_lines(pdf):
        expect(x1 <= 190.5, f"line overflows the column (x 190): ends at {x1:.2f}: {t}")


def c_center_end(pages, fo, pdf):
    lines = pdf_lines(pdf)
    expect(len(lines) >= 2 and abs(lines[0][1] - 85) <= 0.6, f"centred 会議録 should start at x 85: {lines[:1]}")
    expect(len(lines) >= 2 and abs(lines[1][1] - 160) <= 0.6, f"end-aligned 会議録 should start at x 160: {lines[1:2]}")


def c_first_line_indent(pages, fo, pdf):
    lines = pdf_lines(pdf)
    expect(lines and abs(lines[0][1] - 30) <= 0.6, f"first line should start at x 30: {lines[:1]}")
    expect(len(lines) > 1 and abs(lines[1][1] - 10) <= 0.6, f"second line should start at x 10: {lines[1:2]}")


def c_unbreakable(pages, fo, pdf):
    text = "".join(l.text for l in body_lines(pages))
    expect(text.count("W") == 300, f"expected 300 W in the lines, found {text.count('W')}")


def c_compression(pages, fo, pdf):
    """Adjacent punctuation is set closer (JLREQ 3.1.4): 20 characters of brackets and stops
    fit in the 18-em line only if pairs like 。」「 lose their empty halves."""
    src = fo_line(fo, "「はい。」")
    lines = lines_of(pages, src)
    n = len(lines[0].text) if lines else 0
    expect(n > 18, f"line 1 of the block at FO line {src} holds {n} characters: adjacent punctuation is not compressed "
                   f"(an 18-em line holds more than 18 only then): {lines[:1]}")
    c_fits(pages, fo, pdf)


def c_dropped_inline(pages, fo, pdf):
    """A dropped inline-level element (fo:footnote) must not break the line around it."""
    src = fo_line(fo, "footnote")
    n = len(lines_of(pages, src))
    expect(n == 1, f"the block at FO line {src} ('注記' + a dropped fo:footnote + 'の段落。') takes {n} lines, not 1: "
                   "leaving the footnote out must not break the line")


def c_latin_space(pages, fo, pdf):
    """The Japanese-Latin space (JLREQ 3.2.5) where it belongs and nowhere else: each block's
    lines carry the number of spaces its comment in the FO names."""
    want = [2, 6, 2, 0, 2, 0, 0, 1]
    got = [int(l.attrs.get("jl", 0)) for l in body_lines(pages)]
    expect(got == want, f"Japanese-Latin spaces per line: {got}, expected {want}: "
                        f"{[l.text for l in body_lines(pages)]}")


def c_shrink(pages, fo, pdf):
    """Shrink before stretch (JLREQ 3.8): the full stop stays on the line by shrinking its
    commas' blanks; with too few commas the line pushes a character out and stretches; a
    paragraph that is not justified is not shrunk."""
    lines = body_lines(pages)
    expect(len(lines) >= 7, f"expected at least 7 lines: {lines}")
    if len(lines) < 7:
        return
    expect(lines[0].text.endswith("けこ。") and lines[0].attrs.get("shrink", 0) > 0,
           f"line 1 should end with けこ。 and be shrunk: {lines[0]!r} {lines[0].attrs}")
    expect(lines[2].attrs.get("stretch", 0) > 0 and lines[3].text.startswith("せ。"),
           f"block 2 should push せ out and stretch: {lines[2]!r} {lines[2].attrs}, {lines[3]!r}")
    expect("shrink" not in lines[4].attrs and lines[5].text.startswith("こ。"),
           f"a start-aligned block is not shrunk: {lines[4]!r} {lines[4].attrs}, {lines[5]!r}")
    c_fits(pages, fo, pdf)


def c_stretch_cap(pages, fo, pdf):
    """A Japanese-Latin space grows to half an em at most (a quarter em more than its own):
    a line whose only gap is one stays short."""
    capped = [l for l in body_lines(pages) if l.text.endswith("iiあ")]
    expect(len(capped) == 1 and capped[0].attrs.get("stretch", 0) <= 2.5 + 1e-6,
           f"the line ending iiあ should stretch by at most 2.50pt (a quarter em): {capped}")
    for pg, x0, x1, t in pdf_lines(pdf):
        if t.endswith("iiあ"):
            expect(x1 < 189, f"the line ending iiあ should stay short of the edge: ends at {x1:.2f}")


def c_url_justify(pages, fo, pdf):
    """A line holding a URL justifies on its Japanese side; a line of URL only has no gap to
    stretch (its break opportunities never widen)."""
    lines = body_lines(pages)
    for l in lines[:-1]:
        japanese = any(ord(ch) > 0x3000 for ch in l.text)
        if japanese:
            expect(l.attrs.get("stretch", 0) > 0, f"a line with Japanese and a URL should stretch: {l!r}")
        else:
            expect("stretch" not in l.attrs, f"a line of URL only must not stretch: {l!r} {l.attrs}")
    got = pdf_lines(pdf)
    for (pg, x0, x1, t), l in zip(got, lines[:-1]):
        if any(ord(ch) > 0x3000 for ch in l.text):
            expect(abs(x1 - 190) <= 0.6, f"a justified line with a URL ends at {x1:.2f}, not 190: {t}")


def c_content_ends(bottoms, header_h=None):
    """Vertical justification (mx:vertical-justify): on page N the body's content ends at
    bottoms[N] (the body's bottom where the page is filled, the natural end where it is not:
    the sequence's last page, a page ended by a forced break, a page over the cap); with
    header_h, every repeated header row keeps that height (it does not grow)."""
    def check(pages, fo, pdf):
        expect(len(pages) == len(bottoms), f"expected {len(bottoms)} pages, got {len(pages)}")
        for pg in pages:
            body = [a for a in pg.children if "body" in a.flags]
            if not body or pg.page not in bottoms:
                continue
            end = max((a.y + a.h for a in body[0].children), default=body[0].y)
            expect(near(end, bottoms[pg.page]),
                   f"page {pg.page}: the content ends at {end:.2f}, not at {bottoms[pg.page]:.2f}")
            lines = [a for a in body[0].walk() if a.kind == "line"]
            for a, b in zip(lines, lines[1:]):
                expect(a.y < b.y or a.parent is not b.parent,
                       f"page {pg.page}: {b!r} is not below {a!r}")
            if header_h is not None:
                for r in (a for a in body[0].walk() if a.kind == "row" and "header" in a.flags):
                    expect(near(r.h, header_h), f"page {pg.page}: the header row is {r.h:.2f} tall, not {header_h}")
    return check


CHECKS = {
    "vertical-justify-fill": c_content_ends({1: 140.0, 2: 40.0}),
    "vertical-justify-cap": c_content_ends({1: 136.0, 2: 40.0, 3: 129.0, 4: 40.0}),
    "vertical-justify-forced-break": c_content_ends({1: 40.0, 2: 55.0, 3: 40.0, 4: 140.0, 5: 55.0}),
    "vertical-justify-table": c_content_ends({1: 140.0, 2: 85.0}, header_h=15.0),
    "jlreq-latin-space": c_latin_space,
    "jlreq-shrink": c_shrink,
    "jlreq-stretch-cap": c_stretch_cap,
    "url-justify-ja": c_url_justify,
    "kinsoku-no-line-start-middle-dot-marks": c_justified_all,
    "kinsoku-fullwidth-tilde": c_justified_all,
    "kinsoku-no-line-end-opening-bracket": c_justified_all,
    "kinsoku-no-line-start-prolonged-mark": c_justified_all,
    "kinsoku-no-line-start-small-kana": c_justified_all,
    "kinsoku-no-line-start-closing-bracket": c_justified_all,
    "unknown-element-warning": c_dropped_inline,
    "punctuation-compression-adjacent": c_compression,
    "break-before-page": c_break_before,
    "break-after-page": c_break_after,
    "table-break-after-in-cell": c_break_after_in_cell,
    "keep-with-next-heading": c_keep_with_next,
    "keep-with-next-chain": c_keep_chain,
    "keep-together": c_keep_together,
    "widows-orphans-2": c_widows_orphans(2),
    "widows-orphans-3": c_widows_orphans(3),
    "paragraph-split-across-pages": c_split_paragraph,
    "space-before-discarded-at-page-top": c_space_discard,
    "table-header-repeat": c_header_counts,
    "table-row-split-in-cell": c_row_split,
    "table-row-taller-than-page": c_header_repeat(4),
    "table-header-row-moved": c_header_on_every_page(2, "第四行の質問"),
    "table-cell-orphans": c_cell_splits(2),
    "table-cell-widows": c_cell_splits(2),
    "table-row-short-kept": c_cell_splits(3, short=4),
    "keep-with-next-nested-table": c_heading_with_table,
    "keep-together-within-line": c_kept_within_line,
    "table-header-long-row-moved": c_header_on_every_page(3, "第十行の質問"),
    "table-borders-meet": c_tiling,
    "table-basic": c_tiling,
    "table-span-columns": c_tiling,
    "table-cell-display-align": c_tiling,
    "page-number-footer": c_footer("- {n} -"),
    "page-number-citation-last": c_footer("{n} / {N}"),
    "static-header-from-page-2": c_header_from_2,
    "links-external": c_links("uri", "https://www.city.example.lg.jp/"),
    "links-internal": c_links("dest", "annex"),
    "list-bullets": c_list_body_aligned,
    "list-labelled": c_list_body_aligned,
    "block-justify-ja": c_justified,
    "long-url-breaks": c_fits,
    "mixed-ja-latin": c_fits,
    "text-align-center-end": c_center_end,
    "block-indent-first-line": c_first_line_indent,
    "long-unbreakable-string": c_unbreakable,
}

# Blocks whose text legitimately differs from the FO: elements outside the subset.
SKIP_TEXT = {"unknown-element-warning": "footnote"}


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    name = args[0]
    fo = os.path.join(HERE, name + ".fo")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, name + ".pdf")
        if "--dump" in args:
            dump_path = args[args.index("--dump") + 1]
        else:
            dump_path = os.path.join(tmp, name + ".dump")
            r = subprocess.run([MINUTES, "render", fo, "-o", pdf, "--dump-layout", dump_path],
                               capture_output=True, text=True)
            if r.returncode != 0:
                print(f"{name}: FAIL: minutes render exited with status {r.returncode}:\n{r.stderr}")
                return 1
        with open(dump_path, encoding="utf-8") as f:
            pages = parse_dump(f.read())
        if not pages:
            fail("the dump has no pages")
        skip = ()
        if name in SKIP_TEXT:
            skip = (fo_line(fo, SKIP_TEXT[name]),)
        check_kinsoku(pages)
        check_text_kept(pages, fo, skip)
        check_on_page(pages)
        if os.path.exists(pdf):
            check_ink_inside(pages, pdf)
        if name in CHECKS:
            CHECKS[name](pages, fo, pdf)
    for f in failures:
        print(f"{name}: FAIL: {f}")
    if not failures:
        print(f"{name}: ok ({len(pages)} pages)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
