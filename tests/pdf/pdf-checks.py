#!/usr/bin/env python3
"""tests/pdf/pdf-checks.py: checks of the PDFs `minutes render` writes, with poppler and qpdf.

Usage: pdf-checks.py CHECK   (one meson test per CHECK; see CHECKS at the end)

Each check renders FO documents from tests/layout/ and tests/pdf/ into a temporary folder and
inspects the PDF with the tools a reader or archivist would use: pdffonts, pdfinfo, pdftotext,
qpdf.  Every failure is printed; the exit status is 1 if any.
"""
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
MINUTES = os.environ.get("MINUTES") or os.path.join(ROOT, "build", "minutes")
LAYOUT = os.path.join(ROOT, "tests", "layout")

failures = []
TMP = None


def fail(msg):
    failures.append(msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


def fo_path(name):
    for d in (HERE, LAYOUT):
        p = os.path.join(d, name + ".fo")
        if os.path.exists(p):
            return p
    raise SystemExit(f"pdf-checks.py: no {name}.fo")


def render(name, out=None, extra=(), env=None, cwd=None, fo=None):
    """Render NAME.fo; return the PDF's path, or None (and a failure) if rendering failed."""
    out = out or os.path.join(TMP, name + ".pdf")
    r = subprocess.run([MINUTES, "render", fo or fo_path(name), "-o", out, *extra],
                       capture_output=True, text=True, env=env, cwd=cwd)
    if r.returncode != 0:
        fail(f"{name}: minutes render exited with status {r.returncode}: {r.stderr.strip()}")
        return None
    return out


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def pdfinfo(pdf, *opts):
    r = run("pdfinfo", *opts, pdf)
    info = {}
    for line in r.stdout.splitlines():
        k, sep, v = line.partition(":")
        if sep:
            info[k.strip()] = v.strip()
    return info, r.stdout


def page_size(info):
    """pdfinfo's "Page size: W x H pts" rounded to 2 decimals, or None."""
    m = re.match(r"([\d.]+) x ([\d.]+) pts", info.get("Page size", ""))
    return (round(float(m.group(1)), 2), round(float(m.group(2)), 2)) if m else None


def size_is(info, w, h):
    s = page_size(info)
    return s is not None and abs(s[0] - w) <= 0.011 and abs(s[1] - h) <= 0.011


def same_instant(got, want):
    """True if ISO dates `got` (pdfinfo -isodates: ...+09, ...Z) and `want` are the same moment."""
    def parse(s):
        s = re.sub(r"Z$", "+00:00", s.strip())
        s = re.sub(r"([+-]\d\d)$", r"\1:00", s)
        try:
            return datetime.datetime.fromisoformat(s)
        except ValueError:
            return None
    a, b = parse(got), parse(want)
    return a is not None and a == b


# === the checks ===

def c_fonts():
    """pdffonts: every font embedded and subset (name prefix ABCDEF+), none Type 3; the
    fallback document embeds a Noto CJK subset too."""
    for name in ("block-basic", "inline-font-change", "fonts-fallback-noto", "text-exact", "table-basic"):
        pdf = render(name)
        if not pdf:
            continue
        out = run("pdffonts", pdf).stdout.splitlines()[2:]
        expect(out, f"{name}: pdffonts lists no fonts")
        for line in out:
            f = line.split()
            # name type... emb sub uni object ID: the last five columns are fixed
            emb, sub = f[-5], f[-4]
            expect(emb == "yes", f"{name}: font not embedded: {line}")
            expect(sub == "yes" and re.match(r"[A-Z]{6}\+", f[0]), f"{name}: font not subset: {line}")
            expect("Type 3" not in line, f"{name}: Type 3 font: {line}")
        names = " ".join(l.split()[0] for l in out)
        if name in ("fonts-fallback-noto", "text-exact"):  # both hold 𠮷 U+20BB7, not in IPAex
            expect("IPAexMincho" in names and "NotoSerifCJK" in names.replace(" ", ""),
                   f"{name}: expected IPAexMincho and a Noto Serif CJK fallback, fonts are: {names}")
        elif name == "inline-font-change":
            expect("IPAexMincho" in names and "IPAexGothic" in names,
                   f"{name}: expected IPAexMincho and IPAexGothic, fonts are: {names}")
        else:
            expect("Noto" not in names, f"{name}: needs no fallback font, but embeds: {names}")


def c_info():
    """pdfinfo: metadata from the document (fo:declarations XMP), A4 page size, page count,
    the creation date from the document and not the clock."""
    pdf = render("metadata-xmp")
    if not pdf:
        return
    info, raw = pdfinfo(pdf, "-isodates")
    want = {
        "Title": "令和3年度第1回 情報公開・個人情報保護審議会 会議録",
        "Author": "〇〇区 総務部 総務課",
        "Subject": "書面開催の記録",
        "Keywords": "会議録, 情報公開, 個人情報保護",
        "Pages": "1",
    }
    for k, v in want.items():
        expect(info.get(k) == v, f"metadata-xmp: pdfinfo {k}: {info.get(k)!r}, expected {v!r}")
    expect(same_instant(info.get("CreationDate", ""), "2021-05-24T10:00:00+09:00"),
           f"metadata-xmp: CreationDate {info.get('CreationDate')!r}, expected 2021-05-24T10:00:00+09 (from xmp:CreateDate)")
    expect(size_is(info, 595.28, 841.89), f"metadata-xmp: Page size {info.get('Page size')!r}, expected A4 595.28 x 841.89")
    for name, pages in (("page-number-footer", "3"), ("table-header-repeat", "4"), ("bookmarks", "2")):
        pdf = render(name)
        if pdf:
            info, _ = pdfinfo(pdf)
            expect(info.get("Pages") == pages, f"{name}: {info.get('Pages')} pages, expected {pages}")
            if name != "bookmarks":
                expect(size_is(info, 200, 150), f"{name}: page size {info.get('Page size')!r}, expected 200 x 150 pts")


def c_qpdf_check():
    """qpdf --check reports no errors or warnings on any of a range of documents."""
    for name in ("block-basic", "table-row-split-in-cell", "bookmarks", "links-external", "links-internal",
                 "metadata-xmp", "page-number-citation-last", "tagged-structure", "fonts-fallback-noto",
                 "row-split-structure", "paragraph-split-across-pages"):
        pdf = render(name)
        if not pdf:
            continue
        r = run("qpdf", "--check", pdf)
        expect(r.returncode == 0 and "No syntax or stream encoding errors" in r.stdout and "WARNING" not in r.stdout + r.stderr,
               f"{name}: qpdf --check (status {r.returncode}): {r.stdout.strip()} {r.stderr.strip()}")


def c_text():
    """pdftotext gives the text exactly as written (no Kangxi radicals for 人 日 月 黒)."""
    pdf = render("text-exact")
    if not pdf:
        return
    got = run("pdftotext", "-enc", "UTF-8", pdf, "-").stdout
    lines = [l.rstrip() for l in got.replace("\f", "").splitlines() if l.strip()]
    with open(os.path.join(HERE, "text-exact.expected"), encoding="utf-8") as f:
        want = [l.rstrip("\n") for l in f if l.strip()]
    expect(lines == want, "text-exact: pdftotext gives\n  " + "\n  ".join(lines) + "\nexpected\n  " + "\n  ".join(want))
    radicals = [c for c in got if 0x2F00 <= ord(c) <= 0x2FDF or 0x2E80 <= ord(c) <= 0x2EFF]
    expect(not radicals, f"text-exact: radicals in the text: {' '.join(f'{c} U+{ord(c):04X}' for c in radicals)}")


def c_raw_order():
    """pdftotext -raw keeps each table cell whole before the next."""
    pdf = render("table-raw")
    if not pdf:
        return
    got = re.sub(r"\s+", "", run("pdftotext", "-raw", pdf, "-").stdout)
    cells = ["質問一は三行にわたる長さの問いである。", "回答一も同じく数行にわたる長さの答えであり、読み順が保たれる。",
             "質問二は短い。", "回答二は二つの段落からなる。その第二段落である。"]
    expect(got == "".join(cells), f"table-raw: pdftotext -raw gives {got!r}, expected the cells in order: {''.join(cells)!r}")


def struct_tree(text):
    """`pdfinfo -struct-text` as (depth, tag or None, text or None) entries."""
    out = []
    for line in text.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        if body.startswith('"'):
            out.append((depth, None, body[1:-1]))
        elif body.startswith("/"):
            pass  # an attribute of the element above (TH: /Scope /Column)
        elif body:
            out.append((depth, body.split()[0].rstrip(":"), None))
    return out


def c_split_structure():
    """A table row split over two pages is one TR of one TD per cell in the structure tree,
    each split cell's TD holding its text of both pages; each page's content holds its part of
    the question, then its part of the answer (pdftotext -raw)."""
    pdf = render("row-split-structure")
    if not pdf:
        return
    info, _ = pdfinfo(pdf)
    expect(info.get("Pages") == "2", f"row-split-structure: {info.get('Pages')} pages, expected 2")
    tree = struct_tree(run("pdfinfo", "-struct-text", pdf).stdout)
    tags = [t for _, t, _ in tree if t]
    expect(tags.count("Table") == 1, f"row-split-structure: {tags.count('Table')} Table elements, expected 1")
    expect(tags.count("TR") == 3, f"row-split-structure: {tags.count('TR')} TR (header, row 1, row 2), expected 3")
    expect(tags.count("TH") == 3 and tags.count("TD") == 6,
           f"row-split-structure: {tags.count('TH')} TH and {tags.count('TD')} TD, expected 3 and 6")
    # each TD's text, in the tree's order
    tds, cur = [], None
    for depth, tag, text in tree:
        if tag in ("TD", "TH"):
            cur = [depth, ""]
            tds.append(cur)
        elif tag and cur and depth <= cur[0]:
            cur = None
        elif text is not None and cur:
            cur[1] += text
    q = "".join(f"問第{c}行です" for c in "一二三四五六七八九十甲乙丙丁")
    a = "".join(f"答第{c}行です" for c in "一二三四五六七八九十甲乙")
    cells = [t for _, t in tds]
    expect(cells[3:6] == ["一", q, a],
           f"row-split-structure: the split row's cells read {cells[3:6]!r}, expected the number, the whole question, the whole answer")
    raw = [re.sub(r"\s+", "", run("pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-").stdout) for p in (1, 2)]
    # page 1: 7 lines of each (49 characters), page 2: the rest (table.c rule 6: the cells split
    # at line boundaries; the text of each page is its part of the question, then of the answer)
    expect(raw[0] == "番号質問回答一" + q[:49] + a[:49],
           f"row-split-structure: page 1 reads {raw[0]!r}, expected the header, then the question's part, then the answer's")
    expect(raw[1] == "番号質問回答" + q[49:] + a[49:] + "二以上終わり",
           f"row-split-structure: page 2 reads {raw[1]!r}, expected the header again, the question's rest, the answer's rest")


def c_reproducible():
    """The same FO gives byte-identical PDFs: twice in a row, and with another TZ, LANG and
    working folder (the FO named by a relative path)."""
    for name in ("metadata-xmp", "table-header-repeat", "bookmarks", "fonts-fallback-noto"):
        a = render(name, os.path.join(TMP, name + "-a.pdf"))
        b = render(name, os.path.join(TMP, name + "-b.pdf"))
        other = os.path.join(TMP, "elsewhere")
        os.makedirs(other, exist_ok=True)
        shutil.copy(fo_path(name), os.path.join(other, name + ".fo"))
        env = dict(os.environ, TZ="America/Los_Angeles", LANG="ja_JP.UTF-8", LC_ALL="ja_JP.UTF-8")
        time.sleep(1.1)  # a different second on the clock, in case anything reads it
        c = render(name, os.path.join(TMP, name + "-c.pdf"), env=env, cwd=other, fo=name + ".fo")
        if not (a and b and c):
            continue
        ba, bb, bc = (open(p, "rb").read() for p in (a, b, c))
        expect(ba == bb, f"{name}: two renders differ")
        expect(ba == bc, f"{name}: a render with another TZ, LANG and working folder differs")


def c_no_clock():
    """No clock or machine data in the PDF: after qpdf --qdf (streams uncompressed), neither
    this year, today's date, the host name nor the user's name or home folder appears."""
    year = time.strftime("%Y")
    needles = [f"D:{year}", f"{year}-{time.strftime('%m')}-", time.strftime("%Y%m%d"), os.path.expanduser("~"),
               TMP]
    host = socket.gethostname()
    if len(host) >= 4:
        needles.append(host)
    user = os.environ.get("USER", "")
    if len(user) >= 4:
        needles.append(user)
    for name in ("metadata-xmp", "block-basic"):
        pdf = render(name)
        if not pdf:
            continue
        qdf = os.path.join(TMP, name + ".qdf")
        r = run("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
        expect(r.returncode in (0, 3), f"{name}: qpdf --qdf failed: {r.stderr}")
        data = open(qdf, "rb").read()
        for n in needles:
            expect(n.encode() not in data, f"{name}: the PDF contains {n!r} (clock or machine data)")
        # ISO 32000-1 §7.9.4 wants the prefix "D:", but Cairo 1.16 (iso8601_to_pdf_date_string)
        # writes "(20210524100000+09'00)" without it; readers (poppler, qpdf) accept that, and
        # Cairo leaves no way around it, so the prefix is optional here.
        m = re.search(rb"/CreationDate \((?:D:)?(\d{14})(Z|[+-]\d\d'?\d\d'?)?\)", data)
        if name == "metadata-xmp":
            iso = ""
            if m:
                d, z = m.group(1).decode(), (m.group(2) or b"Z").decode().replace("'", "")
                iso = f"{d[:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}" + (z if z == "Z" else z[:3] + ":" + z[3:])
            expect(same_instant(iso, "2021-05-24T10:00:00+09:00"), f"{name}: /CreationDate is {m and m.group(0)}, expected D:20210524100000+09'00 (the same moment)")
        m = re.search(rb"/ModDate \((?:D:)?([^)]*)\)", data)
        expect(not m or not m.group(1).startswith(year.encode()), f"{name}: /ModDate from the clock: {m and m.group(1)}")


def c_tagged():
    """The PDF is tagged, with a structure tree of the document's parts."""
    pdf = render("tagged-structure")
    if not pdf:
        return
    info, _ = pdfinfo(pdf)
    expect(info.get("Tagged") == "yes", f"tagged-structure: pdfinfo Tagged: {info.get('Tagged')!r}")
    struct = run("pdfinfo", "-struct", pdf).stdout
    tags = set(re.findall(r"^\s*(\w+)", struct, re.M))
    for t in ("Document", "P", "L", "LI", "Table", "TR", "TD"):
        expect(t in tags, f"tagged-structure: no {t} in the structure tree (pdfinfo -struct): {sorted(tags)}")
    expect(tags & {"H1", "H", "H2"}, f"tagged-structure: no heading (H1/H2/H) in the structure tree: {sorted(tags)}")


def c_outline():
    """bookmark-tree → the PDF outline, with titles and target pages (qpdf --json)."""
    pdf = render("bookmarks")
    if not pdf:
        return
    r = run("qpdf", "--json", "--json-key=outlines", pdf)
    try:
        outl = json.loads(r.stdout)["outlines"]
    except (ValueError, KeyError):
        fail(f"bookmarks: qpdf --json gave no outlines: {r.stdout[:300]} {r.stderr}")
        return

    def flat(items, depth=0):
        for o in items:
            yield depth, o.get("title"), o.get("destpageposfrom1")
            yield from flat(o.get("kids", []), depth + 1)
    got = list(flat(outl))
    want = [(0, "会議録", 1), (1, "諮問事項1", 2), (0, "諮問事項2", 2)]
    expect(got == want, f"bookmarks: outline is {got}, expected {want}")


def qdf_objects(pdf):
    """{object number: its text} of the PDF after qpdf --qdf (streams uncompressed), and the
    page objects' numbers in page order."""
    qdf = pdf + ".qdf"
    run("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
    data = open(qdf, "rb").read().decode("latin-1")
    objs = {int(m.group(1)): m.group(2) for m in re.finditer(r"^(\d+) 0 obj\n(.*?)^endobj", data, re.S | re.M)}
    try:
        pages = [int(p["object"].split()[0]) for p in json.loads(run("qpdf", "--json", "--json-key=pages", qdf).stdout)["pages"]]
    except (ValueError, KeyError):
        pages = []
    return objs, pages


def link_targets(pdf):
    """Each link annotation's target: ("uri", URI), ("page", N) or ("name", NAME)."""
    objs, pages = qdf_objects(pdf)
    res = []
    for num, body in objs.items():
        if not re.search(r"/Subtype /Link\b", body):
            continue
        m = re.search(r"/A (\d+) 0 R", body)
        action = objs.get(int(m.group(1)), "") if m else body
        m = re.search(r"/URI \((.*?)\)", action)
        if m:
            res.append(("uri", m.group(1)))
            continue
        m = re.search(r"/(?:Dest|D) (?:\[\s*(\d+) 0 R|\((.*?)\)|/(\S+))", action + body)
        if not m:
            res.append(("unknown", body))
        elif m.group(1):
            n = int(m.group(1))
            res.append(("page", pages.index(n) + 1 if n in pages else None))
        else:
            res.append(("name", m.group(2) or m.group(3)))
    return res


def c_links():
    """basic-link → link annotations: a /URI action, and an internal link to page 2."""
    pdf = render("links-external")
    if pdf:
        t = link_targets(pdf)
        expect(("uri", "https://www.city.example.lg.jp/") in t,
               f"links-external: no link annotation to https://www.city.example.lg.jp/: {t}")
    pdf = render("links-internal")
    if pdf:
        t = link_targets(pdf)
        dests = run("pdfinfo", "-dests", pdf).stdout
        ok = ("page", 2) in t
        for kind, name in t:
            if kind == "name" and re.search(r"^\s*2\s.*\"" + re.escape(name) + "\"", dests, re.M):
                ok = True
        expect(ok, f"links-internal: no link to page 2: links {t}; pdfinfo -dests:\n{dests}")


def c_missing_glyph():
    """A character no font has: an error naming U+1F600 and the FO line, a non-zero exit, and
    no PDF -- an existing file at the output path is left as it was."""
    out = os.path.join(TMP, "missing.pdf")
    with open(out, "wb") as f:
        f.write(b"previous contents")
    fo = fo_path("missing-glyph-error")
    r = run(MINUTES, "render", fo, "-o", out)
    expect(r.returncode != 0, "missing-glyph-error: exit status 0")
    expect("U+1F600" in r.stderr, f"missing-glyph-error: the message does not name U+1F600: {r.stderr.strip()!r}")
    expect(re.search(r"missing-glyph-error\.fo:19:", r.stderr), f"missing-glyph-error: the message does not give line 19 as FILE:19: {r.stderr.strip()!r}")
    expect(open(out, "rb").read() == b"previous contents", "missing-glyph-error: the existing output file was changed")
    expect(not [f for f in os.listdir(TMP) if f.startswith("missing.pdf") and f != "missing.pdf"], f"missing-glyph-error: temporary files left behind: {os.listdir(TMP)}")


def c_ivs():
    """Ideographic variation sequences: one the font has is set and kept in the text; one it
    lacks is a warning naming the line and the sequence (the base glyph is shown)."""
    fo = fo_path("fonts-ivs")
    out = os.path.join(TMP, "ivs.pdf")
    r = run(MINUTES, "render", fo, "-o", out)
    expect(r.returncode == 0, f"fonts-ivs: exit status {r.returncode}: {r.stderr.strip()}")
    expect(re.search(r"fonts-ivs\.fo:16:.*warning.*U\+9089.*U\+E0101", r.stderr),
           f"fonts-ivs: no warning naming line 16 and U+9089 U+E0101: {r.stderr.strip()!r}")
    expect(not re.search(r"fonts-ivs\.fo:15:", r.stderr),
           f"fonts-ivs: a diagnostic about line 15, whose 葛 U+E0100 IPAex has: {r.stderr.strip()!r}")
    if r.returncode == 0:
        lines = [l for l in run("pdftotext", "-enc", "UTF-8", out, "-").stdout.splitlines() if l.strip()]
        expect(lines[:1] == ["葛\U000E0100飾区の委員。"], f"fonts-ivs: line 1 reads {lines[:1]}, expected 葛 U+E0100 飾区の委員。")
        expect(lines[1:2] in (["渡邉委員。"], ["渡邉\U000E0101委員。"]), f"fonts-ivs: line 2 reads {lines[1:2]}")


def c_strict():
    """Constructs outside the subset: warnings with their line, or with --strict errors, a
    non-zero exit and no PDF."""
    fo = fo_path("unknown-element-warning")
    out = os.path.join(TMP, "warn.pdf")
    r = run(MINUTES, "render", fo, "-o", out)
    expect(r.returncode == 0, f"unknown-element-warning: exit status {r.returncode} without --strict: {r.stderr.strip()}")
    expect(os.path.exists(out), "unknown-element-warning: no PDF without --strict")
    for line, what in ((20, "text-transform"), (21, "footnote")):
        expect(re.search(rf"unknown-element-warning\.fo:{line}:.*warning.*{what}", r.stderr),
               f"unknown-element-warning: no warning about {what} at line {line}: {r.stderr.strip()!r}")
    out2 = os.path.join(TMP, "strict.pdf")
    r = run(MINUTES, "render", fo, "-o", out2, "--strict")
    expect(r.returncode != 0, "unknown-element-warning --strict: exit status 0")
    expect(re.search(r"unknown-element-warning\.fo:21:.*error.*footnote", r.stderr),
           f"unknown-element-warning --strict: no error about footnote at line 21: {r.stderr.strip()!r}")
    expect(not os.path.exists(out2), "unknown-element-warning --strict: a PDF was written")


CHECKS = {
    "fonts": c_fonts, "info": c_info, "qpdf-check": c_qpdf_check, "text": c_text,
    "raw-order": c_raw_order, "reproducible": c_reproducible, "no-clock": c_no_clock,
    "tagged": c_tagged, "outline": c_outline, "links": c_links,
    "missing-glyph": c_missing_glyph, "strict": c_strict, "ivs": c_ivs,
    "split-structure": c_split_structure,
}


def main():
    global TMP
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        raise SystemExit(f"usage: pdf-checks.py {{{'|'.join(CHECKS)}}}")
    name = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        TMP = tmp
        CHECKS[name]()
    for f in failures:
        print(f"pdf-{name}: FAIL: {f}")
    if not failures:
        print(f"pdf-{name}: ok: {CHECKS[name].__doc__.split(chr(10))[0]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
