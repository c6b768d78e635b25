#!/usr/bin/env python3
"""tests/mem/memory.py: `minutes build` of a long session takes little more memory than a short
one (issue 6).  The seed session and the same with its inquiries repeated 10 times (~140 pages,
bench/gen-session.xsl) are built, each alone; the peak resident size of the second may exceed
the first's by at most LIMIT_KB.

Before the build kept one big tree at a time (and the index a summary, not the session), the 10x
build took about 14 MB more than the seed; then about 4 MB (the engine's input tree, which layout
needs whole, is most of it).  Since the PDF is finished with qpdf (src/engine/pdfpost.c, issue
16, which also joins split cells: pdfstruct.c, issue 14), qpdf holds every object of the PDF at the end, about 2 KB each: the Q&A tables' structure
elements (TR, TH, TD, P, some 60 objects a page) add about 160 KB a page, 21 MB for the 10x
build, at the very end, when the layout's memory is already freed.  The limit says so: 8 MB
for everything else, plus 160 KB a page for qpdf (docs/publishing.md)."""
import os
import re
import subprocess
import sys
import tempfile

MINUTES = os.environ["MINUTES"]
SRC = os.environ["SOURCE_ROOT"]
LIMIT_KB = 8 * 1024
QPDF_KB_A_PAGE = 160


def build(tmp, session, out):
    proc = subprocess.Popen([MINUTES, "build", "-o", out, session],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        print(f"FAIL: build of {session} failed: {err}")
        sys.exit(1)
    return usage.ru_maxrss


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def main():
    if os.environ.get("MINUTES_SANITIZED"):
        print("skipped: the build is sanitized (its resident size says nothing of ours)")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        seed = os.path.join(SRC, "input", "r03-1.xml")
        big = os.path.join(tmp, "x10.xml")
        with open(big, "w") as f:
            subprocess.run(["xsltproc", "--param", "times", "10",
                            os.path.join(SRC, "bench", "gen-session.xsl"), seed],
                           stdout=f, check=True)
        rss1 = build(tmp, seed, os.path.join(tmp, "o1"))
        rss10 = build(tmp, big, os.path.join(tmp, "o10"))
        p1 = pages(os.path.join(tmp, "o1", "r03-1.pdf"))
        p10 = pages(os.path.join(tmp, "o10", "x10.pdf"))
        print(f"peak RSS: {rss1} KB for {p1} pages, {rss10} KB for {p10} pages")
        if p10 < 5 * p1:
            print(f"FAIL: the long session has only {p10} pages (the test needs many)")
            return 1
        limit = LIMIT_KB + QPDF_KB_A_PAGE * (p10 - p1)
        if rss10 - rss1 > limit:
            print(f"FAIL: {p10 // p1}x the pages took {rss10 - rss1} KB more (limit {limit} KB)")
            return 1
        print("ok")
        return 0


if __name__ == "__main__":
    sys.exit(main())
