#!/usr/bin/env python3
"""tests/build/reading-order.py: the text of a PDF in the order its structure tree gives it.

Usage: reading-order.py PDF DUMP > TEXT

A table row split over two pages has each page's part of every cell in that page's content:
`pdftotext -raw` reads the first part of the question, the first part of the answer, then the
second parts (the order of the page, as the eye reads it).  The PDF's structure tree joins the
parts (src/engine/pdfstruct.c: one TD per cell), so a screen reader reads the question whole,
then the answer.  Poppler's `pdfinfo -struct-text` would read that order, but it drops the text
after a nested marked-content span (cairo's /ActualText, which the Japanese–Latin space makes),
so the order is taken from the layout dump of the same document instead, after checking that
the dump holds exactly the PDF's text:

1. for every page, the PDF's text (`pdftotext -raw`, whitespace left out) is the dump's lines
   of that page (running header first, as painted), or the script fails (exit 1);
2. the dump's text is printed page by page, except that a table cell continued from the page
   before (the first body row of a page, same source line and column as a cell before it)
   is printed with the part it continues: each cell whole, in the order of the rows.

DUMP comes from `minutes fo --source-lines` and `minutes render --dump-layout` of the session
the PDF was built from (tests/build/check.sh seed-pdf-text).
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "layout"))
import props  # noqa: E402  (the layout tests' dump parser)


def lines_in(area):
    return [a.text for a in area.walk() if a.kind == "line"]


def page_regions(pg):
    regions = [r for r in pg.children if r.kind == "region"]
    return [r for r in regions if "before" in r.flags] + [r for r in regions if "before" not in r.flags]


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    pdf, dump = sys.argv[1], sys.argv[2]
    with open(dump, encoding="utf-8") as f:
        pages = props.parse_dump(f.read())
    ok = True
    for pg in pages:
        raw = subprocess.run(["pdftotext", "-raw", "-f", str(pg.page), "-l", str(pg.page), pdf, "-"],
                             capture_output=True, text=True, check=True).stdout
        want = "".join(t for r in page_regions(pg) for t in lines_in(r))
        if re.sub(r"\s+", "", raw) != re.sub(r"\s+", "", want):
            print(f"reading-order.py: page {pg.page}: the PDF's text is not the layout dump's", file=sys.stderr)
            ok = False
    if not ok or not pages:
        return 1

    out = []       # slots: a list of line texts each
    cells = {}     # (table src, cell src, column) -> its slot
    for pg in pages:
        for region in page_regions(pg):
            first_row_seen = set()
            for a in region.walk():
                if a.kind == "line" and not any(p.kind == "cell" for p in props.ancestors(a)):
                    out.append([a.text])
                elif a.kind == "row":
                    table = a.parent.attrs.get("src") if a.parent else None
                    body_rows = [r for r in a.parent.children if r.kind == "row" and "header" not in r.flags]
                    first = table not in first_row_seen and body_rows and body_rows[0] is a
                    if first:
                        first_row_seen.add(table)
                    for col, c in enumerate(x for x in a.children if x.kind == "cell"):
                        key = (table, c.attrs.get("src"), col)
                        if first and key in cells and "header" not in a.flags:
                            cells[key].extend(lines_in(c))     # the part it continues
                        else:
                            slot = lines_in(c)
                            cells[key] = slot
                            out.append(slot)
    for slot in out:
        for t in slot:
            print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
