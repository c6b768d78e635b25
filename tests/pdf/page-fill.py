#!/usr/bin/env python3
"""tests/pdf/page-fill.py: how full the pages of a session's PDF are (issue 14).

Usage: page-fill.py SESSION... [--param NAME=VALUE]... [--median-max PT] [--total-max BODIES]
                    [--pages-max N] [--mean-max PT] [--quiet]

Builds each session (`minutes fo`, then `minutes render --dump-layout`), and measures, for
every page but the last, the empty space at the foot of the body: the distance from the lowest
word of the body (from `pdftotext -bbox`, the words a reader sees) to the bottom of the
page's body region (from the layout dump's `region body` line).

A SESSION is a session file, or `gen:PARAMS` for a session made from the seed
(input/r03-1.xml) by bench/gen-session.xsl with those parameters (`gen:times=5`,
`gen:variant=17`, `gen:times=2,variant=5`).

With one session, prints one line a page and a summary; with several, a summary a session and
the pooled figures: the median of every measured page's foot space, and its mean (the total
over the pool, per measured page).  With limits given, exits 1 when one is exceeded: the median,
the total (in page bodies) and the page count are each session's, the mean (in points) the
pool's.
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
SEED = os.path.join(ROOT, "input", "r03-1.xml")
GEN = os.path.join(ROOT, "bench", "gen-session.xsl")


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


def session_file(spec, tmp):
    """The session file `spec` names (a gen: one is made in `tmp`)."""
    if not spec.startswith("gen:"):
        return spec
    args = []
    for kv in spec[4:].split(","):
        k, v = kv.split("=")
        args += ["--param", k, v]
    out = os.path.join(tmp, "gen.xml")
    subprocess.run(["xsltproc", "-o", out] + args + [GEN, SEED], check=True)
    return out


def measure(spec, params):
    """(pages, body height, the foot space of pages 1..N-1) of session `spec`."""
    with tempfile.TemporaryDirectory() as tmp:
        fo, pdf, dump = (os.path.join(tmp, n) for n in ("s.fo", "s.pdf", "s.dump"))
        p = [x for kv in params for x in ("--param", kv)]
        subprocess.run([MINUTES, "fo", "--source-lines", session_file(spec, tmp), "-o", fo] + p,
                       check=True)
        subprocess.run([MINUTES, "render", fo, "-o", pdf, "--dump-layout", dump], check=True,
                       stderr=subprocess.DEVNULL)
        regions = body_regions(dump)
        words = words_by_page(pdf)
    gaps = []
    for n in range(1, len(words)):
        top, bottom = regions[n]
        inside = [ymax for ymin, ymax in words[n] if ymin >= top - 1 and ymax <= bottom + 1]
        gaps.append(bottom - max(inside) if inside else bottom - top)
    return len(words), regions[1][1] - regions[1][0], gaps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sessions", nargs="+")
    ap.add_argument("--median-max", type=float)
    ap.add_argument("--total-max", type=float)
    ap.add_argument("--pages-max", type=int)
    ap.add_argument("--mean-max", type=float)
    ap.add_argument("--param", action="append", default=[])
    a = ap.parse_args()
    bad, pool, bodies = [], [], 0.0
    for spec in a.sessions:
        npages, body, gaps = measure(spec, a.param)
        if len(a.sessions) == 1:
            for n, gap in enumerate(gaps, 1):
                print(f"page {n}: {gap:.1f} pt empty at the foot")
        median = statistics.median(gaps) if gaps else 0.0
        total = sum(gaps) / body
        print(f"{spec}: {npages} pages; foot space on pages 1..{npages - 1}: median {median:.1f} pt, "
              f"max {max(gaps, default=0):.1f} pt, total {total:.2f} page bodies")
        if a.median_max is not None and median > a.median_max:
            bad.append(f"{spec}: median {median:.1f} pt > {a.median_max} pt")
        if a.total_max is not None and total > a.total_max:
            bad.append(f"{spec}: total {total:.2f} page bodies > {a.total_max}")
        if a.pages_max is not None and npages > a.pages_max:
            bad.append(f"{spec}: {npages} pages > {a.pages_max}")
        pool += gaps
        bodies += total
    if len(a.sessions) > 1 and pool:
        mean = statistics.mean(pool)
        print(f"pool of {len(a.sessions)} sessions, {len(pool)} pages measured: median "
              f"{statistics.median(pool):.1f} pt, mean {mean:.1f} pt a page, "
              f"total {bodies:.2f} page bodies ({bodies / len(pool):.3f} a page)")
        if a.mean_max is not None and mean > a.mean_max:
            bad.append(f"pool: mean {mean:.1f} pt > {a.mean_max} pt")
    for b in bad:
        print("FAIL: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
