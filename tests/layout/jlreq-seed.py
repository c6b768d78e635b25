#!/usr/bin/env python3
"""tests/layout/jlreq-seed.py: the seed session's line composition measured glyph by glyph.

Makes the seed's FO (`minutes fo input/r03-1.xml`), renders it with `minutes render
--dump-layout` (the PDF `minutes build` writes, less its metadata), reads every glyph's position
and advance from the PDF with pdfminer (Debian python3-pdfminer) and matches the glyphs to the
dump's lines (same page and baseline, inside the line's box).  Then, per W3C JLREQ:

  Japanese-Latin space (§3.2.5): at every boundary between a kanji or kana and a Latin letter or
    digit (either order; a half-width bracket around Latin counts as Latin), the gap between the
    two glyphs' advances, in em of the Japanese side.  Must: median 0.20-0.30 em, none above
    0.5 em.  Where the source has a space between them (Japanese, space, Latin), the glyphs
    beside the space touch it (no added Japanese-Latin space, |gap| < 0.01 em).
  Inter-character gaps (§3.8): between neighbouring glyphs of one line that are neither a
    Japanese-Latin pair, nor Latin-Latin (inside a word), nor a space, nor two punctuation marks
    (their blanks are the 'halt' compression's, JLREQ §3.1.4): shrunk lines show a negative gap
    (a punctuation mark giving up part of its blank half), stretched ones a positive one.  Must:
    some below 0, none below -0.125 em.
  Flush lines: every line of a justified block but its last whose glyphs end within one em of
    the line box's right edge (a "near-full" line) ends within 1 pt of it.  Must: >= 98%.
  Kinsoku (§3.1.7, strict): no line after a break starts with a character of props.NO_START, no
    line before a break ends with one of props.NO_END (props.check_kinsoku).

Prints the figures; exits 1 when a bound fails.  Usage: jlreq-seed.py [--keep DIR]
[--report-only] (--report-only prints the figures and exits 0: for measuring an older binary
with MINUTES=...).
"""
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import props  # noqa: E402

try:
    import pdfminer  # noqa: F401
except ImportError:  # the Debian package lives in the system's dist-packages
    sys.path.append("/usr/lib/python3/dist-packages")
try:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
except ImportError:
    print("SKIP: pdfminer is missing (Debian python3-pdfminer, in tools/packages.txt)")
    sys.exit(77)

ROOT = props.ROOT
MINUTES = props.MINUTES

CLOSING = set("、。，．」』）】〕〉》］｝〙〗〟")
OPENING = set("「『（【〔〈《［｛〘〖〝")
MIDDLE = set("・：；")
PUNCT = CLOSING | OPENING | MIDDLE


def japanese(c):
    o = ord(c)
    return ((0x3041 <= o <= 0x309F and o not in (0x309B, 0x309C)) or (0x30A1 <= o <= 0x30FF and o != 0x30FB)
            or 0x31F0 <= o <= 0x31FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF or c in "々〆〇")


def latin(c):
    import unicodedata
    return ord(c) < 0x2E80 and c.isalnum() and unicodedata.east_asian_width(c) not in "WF"


def chars_of(obj):
    if isinstance(obj, LTChar):
        yield obj
    elif hasattr(obj, "__iter__"):
        for o in obj:
            yield from chars_of(o)


class SpanAggregator(PDFPageAggregator):
    """Marks each glyph drawn inside a marked-content span with /ActualText (PDF 1.7 §14.9.4)
    with that text: the engine puts a blank glyph into the gap of a Japanese-Latin space, inside
    the Latin side's span, so that extraction reads no word space there."""
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.actual = None

    def begin_tag(self, tag, props=None):
        t = props.get("ActualText") if isinstance(props, dict) else None
        if isinstance(t, bytes):
            t = t[2:].decode("utf-16-be") if t[:2] == b"\xfe\xff" else t.decode("latin-1")
        self.actual = t

    def end_tag(self):
        self.actual = None

    def render_char(self, *a, **k):
        adv = super().render_char(*a, **k)
        self.cur_item._objs[-1].actual = self.actual
        return adv


def pdf_glyphs(pdf):
    """Per page (1-based): [(char, x0, x1, y origin, size)]; the blank glyphs that fill a
    Japanese-Latin gap (a space inside a span whose ActualText has none) left out."""
    out = {}
    rm = PDFResourceManager()
    dev = SpanAggregator(rm, laparams=LAParams(all_texts=True))
    interp = PDFPageInterpreter(rm, dev)
    with open(pdf, "rb") as f:
        for n, pg in enumerate(PDFPage.get_pages(f), 1):
            interp.process_page(pg)
            page = dev.get_result()
            h = page.height
            gl = []
            for ch in chars_of(page):
                t = ch.get_text()
                if len(t) != 1:
                    continue
                actual = getattr(ch, "actual", None)
                if t == " " and actual is not None and " " not in actual:
                    continue
                gl.append((t, ch.x0, ch.x1, h - ch.matrix[5], ch.size))
            out[n] = gl
    return out


def main():
    keep = None
    report_only = "--report-only" in sys.argv
    if "--keep" in sys.argv:
        keep = sys.argv[sys.argv.index("--keep") + 1]
    tmp = keep or tempfile.mkdtemp()
    os.makedirs(tmp, exist_ok=True)
    fo, pdf, dump = (os.path.join(tmp, "seed." + e) for e in ("fo", "pdf", "dump"))
    subprocess.run([MINUTES, "fo", os.path.join(ROOT, "input", "r03-1.xml"), "-o", fo], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([MINUTES, "render", fo, "-o", pdf, "--dump-layout", dump], check=True)
    with open(dump, encoding="utf-8") as f:
        pages = props.parse_dump(f.read())
    glyphs = pdf_glyphs(pdf)

    jl, jl_space, gaps, short = [], [], [], []
    shrunk_lines = 0
    near_full = flush = 0
    all_lines = [a for pg in pages for a in pg.walk() if a.kind == "line"]
    for i, ln in enumerate(all_lines):
        gl = sorted((g for g in glyphs.get(ln.page, []) if abs(g[3] - ln.y) < 0.3
                     and ln.x - 0.55 * g[4] <= g[1] < ln.x + ln.w - 0.05), key=lambda g: g[1])
        if not gl:
            continue
        if "".join(g[0] for g in gl if not g[0].isspace()) != "".join(ln.text.split()):
            print(f"note: glyphs do not match the dump's text on page {ln.page}: {ln.text!r}")
            continue
        shrunk = False
        for k in range(len(gl) - 1):
            a, b = gl[k], gl[k + 1]
            gap = b[1] - a[2]
            ca, cb = a[0], b[0]
            a_lat = latin(ca) or (ca in ")]" and k > 0 and latin(gl[k - 1][0]))
            b_lat = latin(cb) or (cb in "([" and k + 2 < len(gl) and latin(gl[k + 2][0]))
            if japanese(ca) and b_lat:
                jl.append(gap / (a[2] - a[1]))
            elif a_lat and japanese(cb):
                jl.append(gap / (b[2] - b[1]))
            elif ca == " " or cb == " ":
                # Japanese | space | Latin (or the reverse): the space's neighbours touch it
                c = gl[k + 2][0] if ca != " " and k + 2 < len(gl) else None
                if ca != " " and c and ((japanese(ca) and latin(c)) or (latin(ca) and japanese(c))):
                    jl_space.append(gap / a[4])
            elif (latin(ca) or not ca.isalnum() and ord(ca) < 0x2000) and (latin(cb) or ord(cb) < 0x2000):
                pass  # inside a Latin word or number
            elif ca in PUNCT and cb in PUNCT:
                pass  # compressed pairs ('halt')
            elif k > 0 and ca in OPENING and gl[k - 1][0] in OPENING:
                pass  # the second of an opening pair carries the 'halt'
            else:
                g = gap / max(a[4], b[4])
                gaps.append(g)
                shrunk |= g < -0.001
        shrunk_lines += shrunk
        # flush: lines of a block but its last, ending near the edge
        nxt = all_lines[i + 1] if i + 1 < len(all_lines) else None
        last_of_block = nxt is None or nxt.parent is not ln.parent
        end = max(g[2] for g in gl if not g[0].isspace())
        right = ln.x + ln.w
        if not last_of_block and right - end < gl[-1][4] and gl[0][1] <= ln.x + gl[0][4] * 0.5 + 0.5:
            near_full += 1
            if right - end <= 1.0:
                flush += 1
            else:
                short.append((ln.page, round(right - end, 2), ln.text))

    ok = True

    def check(cond, msg):
        nonlocal ok
        print(("ok   " if cond else "FAIL ") + msg)
        ok &= cond

    med = statistics.median(jl) if jl else 0.0
    print(f"Japanese-Latin boundaries: {len(jl)}, gap median {med:.3f} em, min {min(jl, default=0):.3f}, "
          f"max {max(jl, default=0):.3f}")
    check(0.20 <= med <= 0.30, "median Japanese-Latin gap within 0.20-0.30 em")
    check(max(jl, default=0) <= 0.5 + 1e-3, "no Japanese-Latin gap above 0.5 em")
    print(f"Japanese|space|Latin boundaries: {len(jl_space)}, largest gap beside the space "
          f"{max((abs(g) for g in jl_space), default=0):.3f} em")
    check(all(abs(g) < 0.01 for g in jl_space), "no Japanese-Latin space where the source has a space")
    neg = [g for g in gaps if g < -0.001]
    print(f"inter-character gaps: {len(gaps)}, min {min(gaps, default=0):.3f} em, max {max(gaps, default=0):.3f} em; "
          f"{len(neg)} negative, on {shrunk_lines} shrunk lines of {len(all_lines)}")
    check(len(neg) > 0, "some lines shrunk (an inter-character gap below 0)")
    check(min(gaps, default=0) >= -0.125 - 1e-3, "no inter-character gap below -0.125 em")
    frac = flush / near_full if near_full else 0
    print(f"near-full lines: {near_full}, flush (<= 1 pt short): {flush} ({100 * frac:.1f}%)")
    for s in short[:10]:
        print(f"  short by {s[1]} pt on page {s[0]}: {s[2]}")
    check(frac >= 0.98, "near-full lines flush >= 98%")
    # a block's lines, in order across pages: keyed by source line and x (a list item's label
    # and body come from one session line; the label is a block of its own)
    blocks = {}
    for ln in all_lines:
        if any(a.kind == "list-label" for a in props.ancestors(ln)):
            continue  # a bullet is not a line after a break
        b = props.block_of(ln)
        key = (b.attrs.get("src"), round(b.x, 1)) if b is not None else ln.lineno
        blocks.setdefault(key, []).append(ln)
    bad = []
    for lines in blocks.values():
        for i, ln in enumerate(lines):
            t = ln.text.strip()
            if i > 0 and t and t[0] in props.NO_START:
                bad.append(f"starts with {t[0]}: page {ln.page}: {ln.text}")
            if i < len(lines) - 1 and t and t[-1] in props.NO_END:
                bad.append(f"ends with {t[-1]}: page {ln.page}: {ln.text}")
    for b in bad[:10]:
        print("  kinsoku: line " + b)
    check(not bad, f"no kinsoku violation (strict) over the seed's {len(all_lines)} lines")
    if not keep:
        for p in (fo, pdf, dump):
            os.unlink(p)
        os.rmdir(tmp)
    return 0 if ok or report_only else 1


if __name__ == "__main__":
    sys.exit(main())
