#!/usr/bin/env python3
"""tests/engine/engine-tests.py: the engine's own checks (the big corpus is tests/layout and
tests/pdf).  One case per run: engine-tests.py CASE.  Each case can fail; none only checks
"it ran".  Environment: MINUTES (the program), SOURCE_ROOT.

  font-pin-mismatch     a font file whose sha256 differs from fonts/MANIFEST stops the program
                        (exit 3) with a message naming the file and `--repin`; no PDF written
  font-cache-rehash     the verified-fonts cache does not hide a changed file: after a good
                        run, swapping a file (new size/mtime) is detected
  justify-flush         every line but the last of a justified Japanese paragraph ends at the
                        right edge in the PDF (pdftotext -bbox), and no Latin word is spaced out
  no-clock              without xmp:CreateDate or SOURCE_DATE_EPOCH the PDF has no date at
                        all (qpdf --qdf), and two runs are byte-identical
  errors                absurd values and characters no font has are errors (exit 1) naming the
                        line; --strict turns an unknown element into an error; the previous
                        output file is left untouched
  punctuation           JLREQ spacing in the PDF: 」「 and 。」 take 1.5 em (not 2), and an
                        opening bracket starting a line is set half-width (its box starts half
                        an em before the edge, so its ink starts at the edge)
  memory-flat           ten times the pages does not take much more memory (pages are painted
                        and freed as they are completed)
  memory-flat-citations the same with "n / N" (the body laid out once, its pages spooled to a
                        temporary file and painted at the end)
  keep-within-line      keep-together.within-line: a kept inline is not broken; one wider than
                        the line breaks, with a warning at its line
  shorthands            margin with 1 to 4 values on page masters and region-body, border-width,
                        -style and -color with 1 to 4 values; five values, or a part that is
                        not a length, is an error at its line
  segment-break         a line feed in the source between two Japanese characters vanishes (CSS
                        Text 3 segment break), one between Latin words stays a space, and
                        linefeed-treatment="preserve" still breaks the line
  spool-same-pdf        every way of laying a document out (src/engine/render.c: direct,
                        spool, count) gives the same PDF byte for byte and the same layout
                        dump: a document citing pages only from its header and footer, with
                        the spool and with a counting pass, with the right numbers; one citing
                        none, all three ways; one whose body cites pages is refused the spool
                        and renders with the right number.  The ways are chosen with the
                        render-passes helper (the product always chooses itself)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

MINUTES = os.environ.get("MINUTES", "build/minutes")
RENDER_PASSES = os.environ.get("RENDER_PASSES", "build/tests/engine/render-passes")
ROOT = os.environ.get("SOURCE_ROOT", ".")
FO = "http://www.w3.org/1999/XSL/Format"


def fo_doc(body, master='page-width="200pt" page-height="200pt" margin="10pt"', seq_attrs="",
           extra=""):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<fo:root xmlns:fo="{FO}">'
            f'<fo:layout-master-set><fo:simple-page-master master-name="A" {master}>'
            f'<fo:region-body/></fo:simple-page-master></fo:layout-master-set>{extra}'
            f'<fo:page-sequence master-reference="A" {seq_attrs}><fo:flow flow-name="xsl-region-body">\n'
            f'{body}\n</fo:flow></fo:page-sequence></fo:root>\n')


def run(args, env=None, cwd=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([MINUTES] + args, capture_output=True, text=True, env=e, cwd=cwd)


fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)


def data_dir_copy(tmp):
    """A data folder whose fonts/ are symlinks to the real ones (cheap) and a schema."""
    d = os.path.join(tmp, "data")
    os.makedirs(os.path.join(d, "fonts"))
    os.makedirs(os.path.join(d, "schema"))
    shutil.copy(os.path.join(ROOT, "schema", "session.xsd"), os.path.join(d, "schema"))
    shutil.copy(os.path.join(ROOT, "fonts", "MANIFEST"), os.path.join(d, "fonts"))
    for line in open(os.path.join(ROOT, "fonts", "MANIFEST")):
        if line.startswith("#") or not line.strip():
            continue
        name = line.split()[1]
        os.symlink(os.path.abspath(os.path.join(ROOT, "fonts", name)), os.path.join(d, "fonts", name))
    return d


def case_font_pin_mismatch(tmp):
    d = data_dir_copy(tmp)
    man = os.path.join(d, "fonts", "MANIFEST")
    text = open(man).read()
    text = re.sub(r"^[0-9a-f]{64}(\s+ipaexg\.ttf)", "0" * 64 + r"\1", text, flags=re.M)
    open(man, "w").write(text)
    fo = os.path.join(tmp, "a.fo")
    open(fo, "w").write(fo_doc("<fo:block>あ</fo:block>"))
    out = os.path.join(tmp, "a.pdf")
    r = run(["--data-dir", d, "render", fo, "-o", out], env={"XDG_CACHE_HOME": os.path.join(tmp, "cache")})
    check(r.returncode == 3, f"exit status {r.returncode}, expected 3 (fonts differ from the pins)")
    check("ipaexg.ttf" in r.stderr, "the message names the file: " + r.stderr)
    check("--repin" in r.stderr, "the message says how to re-pin: " + r.stderr)
    check(not os.path.exists(out), "no PDF is written")


def case_font_cache_rehash(tmp):
    d = data_dir_copy(tmp)
    env = {"XDG_CACHE_HOME": os.path.join(tmp, "cache")}
    fo = os.path.join(tmp, "a.fo")
    open(fo, "w").write(fo_doc("<fo:block>あ</fo:block>"))
    out = os.path.join(tmp, "a.pdf")
    r = run(["--data-dir", d, "render", fo, "-o", out], env=env)
    check(r.returncode == 0, "first run succeeds: " + r.stderr)
    cache = os.path.join(tmp, "cache", "minutes", "fonts-verified")
    check(os.path.exists(cache) and "ipaexg.ttf" in open(cache).read(), "the verdicts are cached")
    # Swap Gothic for Mincho: another size and mtime, so the cache must not vouch for it.
    g = os.path.join(d, "fonts", "ipaexg.ttf")
    os.unlink(g)
    shutil.copy(os.path.join(ROOT, "fonts", "ipaexm.ttf"), g)
    r = run(["--data-dir", d, "render", fo, "-o", out], env=env)
    check(r.returncode == 3 and "ipaexg.ttf" in r.stderr, "the swapped file is detected: %d %s" % (r.returncode, r.stderr))


def bbox_lines(pdf):
    """Lines of words (y, [(xmin, xmax, text)]) from pdftotext -bbox, page 1."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
    lines = {}
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out):
        x0, y, x1, t = float(m.group(1)), round(float(m.group(2)), 1), float(m.group(3)), m.group(4)
        lines.setdefault(y, []).append((x0, x1, t))
    return [lines[y] for y in sorted(lines)]


def case_justify_flush(tmp):
    text = ("議長（山田太郎君）ただいまから、令和６年第１回定例会を開会いたします。本日の会議を開きます。"
            "HER-SYSの利用について、「本日の議事日程」は、お手元に配付のとおりです。会議録署名議員の指名を行います。"
            "会議規則第８８条の規定により、議長において、５番鈴木一郎議員、６番佐藤花子議員を指名いたします。")
    fo = os.path.join(tmp, "j.fo")
    # body 10..190pt wide; 10pt type
    open(fo, "w").write(fo_doc(f'<fo:block font-size="10pt" text-align="justify">{text}</fo:block>',
                               master='page-width="200pt" page-height="400pt" margin="10pt"'))
    pdf = os.path.join(tmp, "j.pdf")
    r = run(["render", fo, "-o", pdf])
    check(r.returncode == 0, "renders: " + r.stderr)
    lines = bbox_lines(pdf)
    check(len(lines) >= 4, f"several lines ({len(lines)})")
    for ln in lines[:-1]:
        right = max(w[1] for w in ln)
        check(abs(right - 190.0) < 0.05, f"a justified line ends at the right edge 190pt, not {right:.2f}: {ln}")
    last = max(w[1] for w in lines[-1])
    check(last < 189.0, f"the last line is not stretched (ends at {last:.2f})")
    # "HER-SYS" is one word: justification adds no space inside it, so pdftotext sees it whole
    words = " ".join(t for ln in lines for _, _, t in ln)
    check("HER-SYS" in words, "HER-SYS is not spaced out by justification: " + words)


def case_no_clock(tmp):
    fo = os.path.join(tmp, "n.fo")
    open(fo, "w").write(fo_doc("<fo:block>日付のない文書</fo:block>"))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    outs = []
    for i in range(2):
        pdf = os.path.join(tmp, f"n{i}.pdf")
        r = subprocess.run([MINUTES, "render", fo, "-o", pdf], capture_output=True, text=True, env=env)
        check(r.returncode == 0, "renders: " + r.stderr)
        outs.append(open(pdf, "rb").read())
    check(outs[0] == outs[1], "two runs give byte-identical PDFs")
    qdf = subprocess.run(["qpdf", "--qdf", os.path.join(tmp, "n0.pdf"), "-"], capture_output=True).stdout
    check(b"/CreationDate" not in qdf and b"/ModDate" not in qdf, "no date from the clock")
    check(b"xmp:CreateDate" not in qdf and b"xmp:ModifyDate" not in qdf, "no date in the XMP either")
    # with SOURCE_DATE_EPOCH: that date
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    pdf = os.path.join(tmp, "e.pdf")
    subprocess.run([MINUTES, "render", fo, "-o", pdf], capture_output=True, env=env)
    qdf = subprocess.run(["qpdf", "--qdf", pdf, "-"], capture_output=True).stdout
    # PDF 1.7 §7.9.4 dates (pdfpost.c; cairo 1.16 alone wrote them without "D:")
    check(b"/CreationDate (D:20231114221320Z)" in qdf, "SOURCE_DATE_EPOCH gives the date")
    check(b"<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>" in qdf, "and the XMP the same date")


def case_errors(tmp):
    out = os.path.join(tmp, "o.pdf")
    open(out, "wb").write(b"previous")
    cases = [
        # line 1 is the XML declaration; the master is on line 2, the flow's first block on 3
        (fo_doc("<fo:block>x</fo:block>", master='page-width="0pt"'), "page-width", 2),
        (fo_doc('<fo:block font-size="5000pt">x</fo:block>'), "font-size", 3),
        (fo_doc('<fo:block>a</fo:block>\n<fo:block padding="-2pt">b</fo:block>'), "padding", 4),
        (fo_doc('<fo:block>顔文字\U0001F600</fo:block>'), "U+1F600", 3),
    ]
    for text, word, line in cases:
        fo = os.path.join(tmp, "e.fo")
        open(fo, "w", encoding="utf-8").write(text)
        r = run(["render", fo, "-o", out])
        check(r.returncode == 1, f"{word}: exit status {r.returncode}, expected 1")
        check(re.search(rf"e\.fo:{line}: (error|エラー): .*{re.escape(word)}", r.stderr) is not None,
              f"{word}: the message names line {line}: {r.stderr!r}")
        check(open(out, "rb").read() == b"previous", f"{word}: the previous output is untouched")
    fo = os.path.join(tmp, "s.fo")
    open(fo, "w").write(fo_doc("<fo:block>a<fo:footnote><fo:inline>1</fo:inline></fo:footnote>b</fo:block>"))
    r = run(["render", fo, "-o", out])
    check(r.returncode == 0 and "fo:footnote" in r.stderr, "an unknown element is a warning: " + r.stderr)
    r = run(["render", fo, "-o", out, "--strict"])
    check(r.returncode == 1 and "fo:footnote" in r.stderr, "--strict makes it an error")


def case_punctuation(tmp):
    fo = os.path.join(tmp, "p.fo")
    blocks = ('<fo:block text-align="end">」「</fo:block><fo:block text-align="end">。」</fo:block>'
              '<fo:block text-align="end">あい</fo:block>'
              # 18 characters fill the 180pt line at 10pt, so 「 starts the second line
              '<fo:block>あいうえおかきくけこさしすせそたちつ「なにぬねの」はひふ</fo:block>')
    open(fo, "w").write(fo_doc(blocks, seq_attrs='font-size="10pt"'))
    pdf = os.path.join(tmp, "p.pdf")
    r = run(["render", fo, "-o", pdf])
    check(r.returncode == 0, "renders: " + r.stderr)
    lines = bbox_lines(pdf)
    widths = [round(ln[0][1] - ln[0][0], 2) for ln in lines[:3]]
    check(widths == [15.0, 15.0, 20.0], f"」「 and 。」 are 1.5 em wide, あい 2 em: {widths}")
    start = [ln for ln in lines if ln[0][2].startswith("「")]
    check(len(start) == 1 and abs(start[0][0][0] - 5.0) < 0.01,
          f"the line-start 「 is set half-width (box from 5pt, the edge at 10pt): {start}")


def case_segment_break(tmp):
    body = ('<fo:block>安全は\n      ありませんか。</fo:block>'
            '<fo:block>pdf\n  files and 会議録\n  of PDF</fo:block>'
            '<fo:block>「資料」\n\t（案）</fo:block>'
            '<fo:block linefeed-treatment="preserve">一行目\n二行目</fo:block>')
    fo = os.path.join(tmp, "b.fo")
    open(fo, "w").write(fo_doc(body, master='page-width="300pt" page-height="200pt" margin="10pt"'))
    dump = os.path.join(tmp, "b.dump")
    r = run(["render", fo, "-o", os.path.join(tmp, "b.pdf"), "--dump-layout", dump])
    check(r.returncode == 0, f"renders: {r.stderr}")
    if r.returncode != 0:
        return
    lines = re.findall(r'^ +line .*"(.*)"$', open(dump).read(), re.M)
    check("安全はありませんか。" in lines, f"the wrapped Japanese sentence is one: {lines}")
    check("pdf files and 会議録 of PDF" in lines, f"Latin words keep their space: {lines}")
    check("「資料」（案）" in lines, f"brackets across a source line break: {lines}")
    check("一行目" in lines and "二行目" in lines, f"preserved line feeds still break: {lines}")


def case_spool_same_pdf(tmp):
    statics = ('<fo:static-content flow-name="xsl-region-before"><fo:block font-size="8pt">'
               '結びは<fo:page-number-citation ref-id="end"/>ページ</fo:block></fo:static-content>'
               '<fo:static-content flow-name="xsl-region-after"><fo:block text-align="center">'
               '<fo:page-number/> / <fo:page-number-citation-last ref-id="seq"/></fo:block>'
               '</fo:static-content>')
    para = ('<fo:block id="p{i}" text-align="justify" space-after="3pt">第{i}段　本日の会議を開きます。'
            '「本日の議事日程」は、お手元に配付のとおりです。<fo:basic-link internal-destination="end">'
            '結びへ</fo:basic-link>、<fo:basic-link external-destination="url(https://example.jp/a/b?c=d)">'
            'https://example.jp/a/b?c=d</fo:basic-link>をご覧ください。</fo:block>')
    rows = "".join(f'<fo:table-row><fo:table-cell><fo:block>{i}</fo:block></fo:table-cell>'
                   f'<fo:table-cell><fo:block>質問{i}　区の考え方をお示しください。</fo:block></fo:table-cell></fo:table-row>'
                   for i in range(40))
    table = ('<fo:table><fo:table-column column-width="20pt"/><fo:table-column column-width="proportional-column-width(1)"/>'
             '<fo:table-header><fo:table-row><fo:table-cell><fo:block>番号</fo:block></fo:table-cell>'
             f'<fo:table-cell><fo:block>質問</fo:block></fo:table-cell></fo:table-row></fo:table-header><fo:table-body>{rows}'
             '</fo:table-body></fo:table>')
    body = "".join(para.format(i=i) for i in range(30)) + table + '<fo:block id="end">以上</fo:block>'
    marks = ('<fo:bookmark-tree><fo:bookmark internal-destination="p0"><fo:bookmark-title>始め</fo:bookmark-title>'
             '</fo:bookmark><fo:bookmark internal-destination="end"><fo:bookmark-title>結び</fo:bookmark-title>'
             '</fo:bookmark></fo:bookmark-tree>')
    text = fo_doc(body, master='page-width="300pt" page-height="300pt" margin="15pt"',
                  seq_attrs='id="seq"', extra=marks)
    text = text.replace('<fo:region-body/>', '<fo:region-body margin-top="14pt" margin-bottom="14pt"/>'
                        '<fo:region-before extent="12pt"/><fo:region-after extent="12pt"/>')
    text = text.replace('<fo:flow ', statics + '<fo:flow ')
    fo = os.path.join(tmp, "s.fo")
    open(fo, "w").write(text)

    def render_ways(fo, ways):
        """{way: (pdf bytes, dump text)} for each way that renders; the exit statuses."""
        got, status = {}, {}
        for way in ways:
            pdf, dump = os.path.join(tmp, f"{way}.pdf"), os.path.join(tmp, f"{way}.dump")
            for f in (pdf, dump):
                if os.path.exists(f):
                    os.unlink(f)
            r = subprocess.run([RENDER_PASSES, way, fo, pdf, dump], capture_output=True, text=True)
            status[way] = r.returncode
            if r.returncode == 0:
                got[way] = (open(pdf, "rb").read(), open(dump).read())
        return got, status

    def same(got, what):
        ways = sorted(got)
        for w in ways[1:]:
            check(got[w][0] == got[ways[0]][0], f"{what}: the {w} PDF is the {ways[0]} PDF, byte for byte")
            check(got[w][1] == got[ways[0]][1], f"{what}: the {w} layout dump is the {ways[0]} one")

    # citations only in static content: the spool (what the product takes) and a counting pass
    got, status = render_ways(fo, ("spool", "count", "direct"))
    check(sorted(got) == ["count", "spool"], f"static citations render with spool and count: {status}")
    check(status["direct"] == 2, f"direct refuses a document that cites pages: {status}")
    same(got, "static citations")
    pdf = os.path.join(tmp, "s.pdf")
    r = run(["render", fo, "-o", pdf])
    check(r.returncode == 0 and "spool" in got and open(pdf, "rb").read() == got["spool"][0],
          f"minutes render makes the same PDF: {r.stderr}")
    if "spool" not in got:
        return
    dump = got["spool"][1]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                              text=True).stdout).group(1))
    check(pages >= 4, f"several pages ({pages})")
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
    end_page = max(int(m) for m in re.findall(r"^page (\d+)", dump, re.M))
    check(f"1/{pages}" in first.replace(" ", ""), f"page 1's footer says 1 / {pages}")
    check(f"結びは{end_page}ページ" in first.replace(" ", ""), f"page 1's header cites the last page, {end_page}")

    # no citations at all: all three ways
    plain = os.path.join(tmp, "p.fo")
    open(plain, "w").write(text.replace('<fo:page-number-citation ref-id="end"/>', "")
                           .replace('<fo:page-number-citation-last ref-id="seq"/>', ""))
    got, status = render_ways(plain, ("direct", "spool", "count"))
    check(sorted(got) == ["count", "direct", "spool"], f"no citations: every way renders: {status}")
    same(got, "no citations")

    # the body citing a page needs the counting pass: the spool refuses it
    cited = os.path.join(tmp, "c.fo")
    open(cited, "w").write(text.replace("第0段", '第<fo:page-number-citation ref-id="end"/>段'))
    got, status = render_ways(cited, ("spool", "count"))
    check(status["spool"] == 2 and "count" in got, f"a body citation: spool refused, count renders: {status}")
    r = run(["render", cited, "-o", pdf])
    body1 = subprocess.run(["pdftotext", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
    check(r.returncode == 0 and f"第{end_page}段" in body1.replace(" ", ""), "the body's citation is resolved")
    check("count" in got and open(pdf, "rb").read() == got["count"][0], "minutes render takes the counting pass")


def case_memory_flat(tmp):
    memory_flat(tmp, (40, 400), "")


def case_memory_flat_citations(tmp):
    # "n / N": the body's pages wait in a temporary file, not in memory, for the last page's
    # number.
    footer = ('<fo:static-content flow-name="xsl-region-after"><fo:block><fo:page-number/> / '
              '<fo:page-number-citation-last ref-id="seq"/></fo:block></fo:static-content>')
    memory_flat(tmp, (500, 1500), footer)


def memory_flat(tmp, sizes, footer):
    if os.environ.get("MINUTES_SANITIZED"):
        # AddressSanitizer's quarantine and shadow memory grow with every allocation: the
        # resident size says nothing about our own memory there (tests/sanitize/run).
        print("skipped: the build is sanitized")
        sys.exit(77)
    para = ('<fo:block text-align="justify" space-after="4pt">議長（山田太郎君）　ただいまから、令和６年第１回定例会を'
            '開会いたします。本日の会議を開きます。「本日の議事日程」は、お手元に配付のとおりです。会議録署名議員の指名を'
            '行います。会議規則第８８条の規定により、議長において、５番鈴木一郎議員を指名いたします。</fo:block>')
    rss = []
    for n in sizes:
        fo = os.path.join(tmp, f"m{n}.fo")
        text = fo_doc(para * n, master='page-width="210mm" page-height="297mm" margin="20mm"',
                      seq_attrs='id="seq"')
        if footer:
            text = text.replace('<fo:region-body/>', '<fo:region-body margin-bottom="12mm"/>'
                                '<fo:region-after extent="10mm"/>')
            text = text.replace('<fo:flow ', footer + '<fo:flow ')
        open(fo, "w").write(text)
        proc = subprocess.Popen([MINUTES, "render", fo, "-o", f"{tmp}/m.pdf"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        check(proc.returncode == 0, "renders")
        rss.append(usage.ru_maxrss)
    pages = subprocess.run(["pdfinfo", f"{tmp}/m.pdf"], capture_output=True, text=True).stdout
    print(f"max RSS (KB) for {sizes} paragraphs:", rss, re.search(r"Pages:\s+(\d+)", pages).group(0))
    # The input itself grows (about 2.5 KB of XML and tree a paragraph): allow 8 MB.
    check(rss[1] - rss[0] < 8 * 1024, f"memory grows with pages: {rss}")


def case_shorthands(tmp):
    """margin with 1 to 4 values on fo:simple-page-master and fo:region-body (issue 14: it was
    refused there), border-width/-style/-color with 1 to 4 values; too many values, or a part
    that is not a length, is an error naming the line."""
    fo = os.path.join(tmp, "s.fo")
    dump = os.path.join(tmp, "s.dump")
    out = os.path.join(tmp, "s.pdf")
    # page 200x150, margin 10pt 20pt (top/bottom 10, left/right 20); the body's margin 5pt 1pt
    # 2pt (top 5, left/right 1, bottom 2): the body is at 21,15, 200-40-2 = 158 wide and
    # 150-20-7 = 123 tall.  The block's border-width 1pt 2pt 3pt 4pt: its line starts 4pt in
    # (at 25) and is 158 - 2 - 4 = 152 wide.
    body = ('<fo:block border-style="solid" border-width="1pt 2pt 3pt 4pt" border-color="red blue">'
            'x</fo:block>')
    text = fo_doc(body, master='page-width="200pt" page-height="150pt" margin="10pt 20pt"')
    text = text.replace("<fo:region-body/>", '<fo:region-body margin="5pt 1pt 2pt"/>')
    open(fo, "w", encoding="utf-8").write(text)
    r = run(["render", fo, "-o", out, "--dump-layout", dump, "--strict"])
    check(r.returncode == 0, f"margin and border shorthands: exit {r.returncode}: {r.stderr}")
    d = open(dump, encoding="utf-8").read() if r.returncode == 0 else ""
    check("region body 21.00,15.00 158.00x123.00" in d, f"the body region from the margins: {d}")
    check(re.search(r'line 25\.00,[\d.]+ 152\.00 "x"', d) is not None, f"the line inside the borders: {d}")
    check(re.search(r"block 21\.00,15\.00 158\.00x", d) is not None, f"the block at the body's corner: {d}")
    # four values, each side its own
    text = fo_doc("<fo:block>x</fo:block>", master='page-width="200pt" page-height="150pt" margin="1pt 2pt 3pt 4pt"')
    open(fo, "w", encoding="utf-8").write(text)
    r = run(["render", fo, "-o", out, "--dump-layout", dump])
    d = open(dump, encoding="utf-8").read() if r.returncode == 0 else ""
    check("region body 4.00,1.00 194.00x146.00" in d, f"margin with four values: {d}")
    # a side's own margin wins over the shorthand, whichever comes first
    text = fo_doc("<fo:block>x</fo:block>",
                  master='page-width="200pt" page-height="150pt" margin-left="30pt" margin="10pt"')
    open(fo, "w", encoding="utf-8").write(text)
    r = run(["render", fo, "-o", out, "--dump-layout", dump])
    d = open(dump, encoding="utf-8").read() if r.returncode == 0 else ""
    check("region body 30.00,10.00 160.00x130.00" in d, f"margin-left over margin: {d}")
    for master, word in (('margin="1pt 2pt 3pt 4pt 5pt"', "margin"), ('margin="15mm wide"', "margin")):
        open(fo, "w", encoding="utf-8").write(fo_doc("<fo:block>x</fo:block>", master=master))
        r = run(["render", fo, "-o", out])
        check(r.returncode == 1 and re.search(rf"s\.fo:2: (error|エラー): {word}=", r.stderr) is not None,
              f"{master}: an error at line 2: {r.returncode} {r.stderr!r}")
    open(fo, "w", encoding="utf-8").write(fo_doc('<fo:block border-width="1pt 1pt 1pt 1pt 1pt">x</fo:block>'))
    r = run(["render", fo, "-o", out])
    check(r.returncode == 1 and "border-width" in r.stderr, f"five border widths: {r.stderr!r}")


def case_keep_within_line(tmp):
    """keep-together.within-line: a kept inline is not broken; one wider than the line is, with
    a warning naming its line (and the render succeeds)."""
    fo = os.path.join(tmp, "k.fo")
    dump = os.path.join(tmp, "k.dump")
    out = os.path.join(tmp, "k.pdf")
    body = ('<fo:block font-size="10pt">出席者は、<fo:inline keep-together.within-line="always">'
            '伊藤由美委員</fo:inline></fo:block>\n'
            '<fo:block font-size="10pt"><fo:inline keep-together.within-line="always">'
            + "一二三四五六七八九十" * 3 + '</fo:inline></fo:block>')
    # page 200pt, margin 10pt: 180pt, 18 characters a line; 出席者は、 (5) + the name (6) fit
    # on one line; the 30 kept characters do not
    open(fo, "w", encoding="utf-8").write(fo_doc(body, master='page-width="200pt" page-height="200pt" margin="10pt"'))
    r = run(["render", fo, "-o", out, "--dump-layout", dump])
    check(r.returncode == 0, f"exit {r.returncode}: {r.stderr}")
    check(re.search(r"k\.fo:4: (warning|警告): .*keep-together\.within-line", r.stderr) is not None,
          f"the overlong kept text is warned about at line 4: {r.stderr!r}")
    check(r.stderr.count("keep-together.within-line") == 1, f"only the overlong one is warned about: {r.stderr!r}")
    d = open(dump, encoding="utf-8").read() if r.returncode == 0 else ""
    check('"出席者は、伊藤由美委員"' in d, f"the short one on one line: {d}")
    check(len(re.findall(r'line [\d.,]+ 180\.00 "[一二三四五六七八九十]+"', d)) == 2, f"the long one over two lines: {d}")


def main():
    case = sys.argv[1]
    fn = globals().get("case_" + case.replace("-", "_"))
    if not fn:
        print("no such case:", case)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        fn(tmp)
    print("ok" if not fails else f"{len(fails)} check(s) failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
