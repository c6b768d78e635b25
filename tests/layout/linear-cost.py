#!/usr/bin/env python3
"""tests/layout/linear-cost.py: paragraph layout costs grow linearly with the input (issue 13).

Counts work, not time: each case is rendered under valgrind's callgrind, whose instruction count
(Ir) is the same from run to run whatever the machine's load, at size n and 4n, with a tiny
document as the fixed cost (start-up, fonts, the PDF) taken off both.  A linear cost gives a
ratio of 4; the square of the size gives 16.  The cases:

  inlines     one paragraph of n fo:inline elements, each with its own colour and id (20,000
              attendees in one paragraph: Pango split items while applying attributes, and
              each line scanned every id: memory and time grew with the square)
  paragraph   one paragraph of n characters, justified, over many pages (a 300,000-character
              paragraph took 38 s: every line reshaped the rest of its item)
  static      a running header of a long text (8,000 characters) on p pages:
              the extra work of the long header over a short one must not grow with the pages
              (ratio about 1 for 4x the pages; it was laid out again on every page, ratio 4)

Then the full sizes natively, each must render: 20,000 inlines and a 300,000-character
paragraph, whose peak resident sizes against the quarter sizes must stay within 10x (linear, with
arrays that grow by doubling; it grew with the square), and a 68,000-character header on 40
pages (within 64 MiB over the fixed cost).

Usage: linear-cost.py [--keep DIR].  Skips (77) when valgrind is missing (tools/packages.txt has
it; CI installs it) or under a sanitized build.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
MINUTES = os.environ.get("MINUTES") or os.path.join(ROOT, "build", "minutes")

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="m" page-width="595pt" page-height="842pt" margin="40pt">
      <fo:region-body margin-top="30pt"/><fo:region-before extent="20pt"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="m" font-family="IPAexMincho" font-size="10.5pt">
"""
SENTENCE = "会議録の作成には、minutesを使い、PDFとHTMLを同時に出力する。"


def text(n):
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n]


def doc_inlines(n):
    inl = "".join(f'<fo:inline id="a{i}" color="#{i % 200:02x}0000">委員{i}</fo:inline>、'
                  for i in range(n))
    return (HEAD + '<fo:flow flow-name="xsl-region-body"><fo:block text-align="justify">'
            + inl + "</fo:block></fo:flow></fo:page-sequence></fo:root>\n")


def doc_paragraph(n):
    return (HEAD + '<fo:flow flow-name="xsl-region-body"><fo:block text-align="justify">'
            + text(n) + "</fo:block></fo:flow></fo:page-sequence></fo:root>\n")


def doc_static(header_chars, pages):
    body = "".join(f'<fo:block break-before="page">第{i}頁</fo:block>' for i in range(pages))
    return (HEAD + '<fo:static-content flow-name="xsl-region-before"><fo:block>'
            + text(header_chars) + "</fo:block></fo:static-content>"
            + '<fo:flow flow-name="xsl-region-body">' + body
            + "</fo:flow></fo:page-sequence></fo:root>\n")


def write(tmp, name, content):
    path = os.path.join(tmp, name + ".fo")
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)
    return path


def ir(tmp, fo):
    """Instructions executed rendering `fo` (callgrind's Ir)."""
    out = os.path.join(tmp, "cg.out")
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                        MINUTES, "render", fo, "-o", os.path.join(tmp, "out.pdf")],
                       capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if r.returncode != 0 or not m:
        print(r.stderr[-2000:])
        raise SystemExit(f"FAIL: rendering {fo} under callgrind failed")
    return int(m.group(1))


def peak_rss(tmp, fo):
    proc = subprocess.Popen([MINUTES, "render", fo, "-o", os.path.join(tmp, "out.pdf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"FAIL: rendering {fo} failed: {err[-1000:]}")
    return usage.ru_maxrss


def main():
    if os.environ.get("MINUTES_SANITIZED"):
        print("skipped: the build is sanitized (its costs say nothing of ours)")
        return 77
    if not shutil.which("valgrind"):
        print("skipped: valgrind is missing (Debian valgrind, in tools/packages.txt)")
        return 77
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    tmp = keep or tempfile.mkdtemp()
    os.makedirs(tmp, exist_ok=True)
    ok = True

    def check(cond, msg):
        nonlocal ok
        print(("ok   " if cond else "FAIL ") + msg)
        ok &= cond

    base = ir(tmp, write(tmp, "base", doc_paragraph(10)))
    print(f"fixed cost: {base:,} instructions")
    for name, make, n in (("inlines", doc_inlines, 600), ("paragraph", doc_paragraph, 10000)):
        a = ir(tmp, write(tmp, f"{name}-n", make(n))) - base
        b = ir(tmp, write(tmp, f"{name}-4n", make(4 * n))) - base
        ratio = b / a
        check(ratio <= 5.0, f"{name}: {n:,} -> {4 * n:,}: {a:,} -> {b:,} instructions, ratio {ratio:.2f} "
                            "(linear 4, square 16; at most 5)")
    short = ir(tmp, write(tmp, "static-short-p", doc_static(10, 5))) - base
    long_p = ir(tmp, write(tmp, "static-long-p", doc_static(8000, 5))) - base
    short4 = ir(tmp, write(tmp, "static-short-4p", doc_static(10, 20))) - base
    long4 = ir(tmp, write(tmp, "static-long-4p", doc_static(8000, 20))) - base
    extra, extra4 = long_p - short, long4 - short4
    ratio = extra4 / extra
    check(ratio <= 1.5, f"static: an 8,000-character header costs {extra:,} instructions more on 5 pages, "
                        f"{extra4:,} on 20 pages: ratio {ratio:.2f} (laid out once: 1; on every page: 4)")

    # Memory: arrays grow by doubling, so a linear cost may show up to twice 4; the square of
    # the size shows 16 and more.
    rb = peak_rss(tmp, write(tmp, "base", doc_paragraph(10)))
    for name, small, full in (("inlines", doc_inlines(5000), doc_inlines(20000)),
                              ("paragraph", doc_paragraph(75000), doc_paragraph(300000))):
        r1 = peak_rss(tmp, write(tmp, f"{name}-quarter", small))
        r4 = peak_rss(tmp, write(tmp, f"{name}-full", full))
        ratio = (r4 - rb) / max(r1 - rb, 1)
        check(ratio <= 10.0, f"{name} at full size: peak RSS {r1:,} KB at a quarter, {r4:,} KB full "
                             f"({rb:,} KB fixed): ratio {ratio:.2f} (at most 10)")
    r = peak_rss(tmp, write(tmp, "static-full", doc_static(68000, 40)))
    check(r - rb < 64 * 1024, f"static at full size: a 68,000-character header on 40 pages renders in "
                              f"{r:,} KB ({r - rb:,} KB over the fixed cost; at most 64 MiB)")
    if not keep:
        shutil.rmtree(tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
