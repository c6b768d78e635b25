#!/usr/bin/env python3
"""tests/pdf/page-fill.py: how full the pages of a session's PDF are (issue 14).

Usage: page-fill.py SESSION.xml [--median-max PT] [--total-max BODIES] [--pages-max N]

Builds the session (`minutes fo`, then `minutes render --dump-layout`), and measures, for
every page but the last, the empty space at the foot of the body: the distance from the lowest
word of the body (from `pdftotext -bbox`, the words a reader sees) to the bottom of the
page's body region (from the layout dump's `region body` line).  Prints one line a page and
a summary; with limits given, exits 1 when the median, the total (in page bodies) or the
page count exceeds them.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.environ.get("SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MINUTES = os.environ.get("MINUTES") or os.path.join(ROOT, "build", "minutes")


def body_regions(dump):
    """Page number -> (top, bottom) of the body region, in points, from a layout dump."""
    regions, page = {}, 0
    for line in open(dump, encoding="utf-8"):
        m = re.match(r"page (\d+) ", line)
        if m:
            page += 1
            continue
        m = re.match(r"\s*region body ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+)", line)
        if m and page not in regions:
            y, h = float(m.group(2)), float(m.group(4))
            regions[page] = (y, y + h)
    return regions


def words_by_page(pdf):
    """Page number (1-based) -> list of (yMin, yMax) of its words."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", html))
    out = {}
    for i, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        out[i] = [(float(w.get("yMin")), float(w.get("yMax")))
                  for w in page.iter("{http://www.w3.org/1999/xhtml}word")]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("session")
    ap.add_argument("--median-max", type=float)
    ap.add_argument("--total-max", type=float)
    ap.add_argument("--pages-max", type=int)
    ap.add_argument("--param", action="append", default=[])
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fo, pdf, dump = (os.path.join(tmp, n) for n in ("s.fo", "s.pdf", "s.dump"))
        params = [x for p in a.param for x in ("--param", p)]
        subprocess.run([MINUTES, "fo", a.session, "-o", fo] + params, check=True)
        subprocess.run([MINUTES, "render", fo, "-o", pdf, "--dump-layout", dump], check=True,
                       stderr=subprocess.DEVNULL)
        regions = body_regions(dump)
        words = words_by_page(pdf)
    npages = len(words)
    gaps = []
    for p in range(1, npages):
        top, bottom = regions[p]
        inside = [ymax for ymin, ymax in words[p] if ymin >= top - 1 and ymax <= bottom + 1]
        gap = bottom - max(inside) if inside else bottom - top
        gaps.append(gap)
        print(f"page {p}: {gap:.1f} pt empty at the foot")
    body = regions[1][1] - regions[1][0]
    median = statistics.median(gaps) if gaps else 0.0
    total = sum(gaps) / body
    print(f"{npages} pages; foot space on pages 1..{npages - 1}: median {median:.1f} pt, "
          f"max {max(gaps, default=0):.1f} pt, total {total:.2f} page bodies")
    bad = []
    if a.median_max is not None and median > a.median_max:
        bad.append(f"median {median:.1f} pt > {a.median_max} pt")
    if a.total_max is not None and total > a.total_max:
        bad.append(f"total {total:.2f} page bodies > {a.total_max}")
    if a.pages_max is not None and npages > a.pages_max:
        bad.append(f"{npages} pages > {a.pages_max}")
    for b in bad:
        print("FAIL: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
