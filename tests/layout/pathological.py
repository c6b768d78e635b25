#!/usr/bin/env python3
"""tests/layout/pathological.py: inputs that break naive paginators; each only has to end sanely.

Each case is generated here (they are too big or too repetitive to keep as files), rendered
with `minutes render --dump-layout` under the meson test's timeout, and must: exit 0, give a
dump whose lines keep every block's text (props.check_text_kept: nothing lost, nothing repeated
but table headers), obey kinsoku, keep every area on its page, and stay within a page budget (no
runaway blank pages).

  table-2000-rows               a 2000-row table with a repeated header (long documents)
  table-header-taller-than-page a table-header of 12 lines (180pt) on a 130pt body: it cannot
                                repeat and fit; the body rows must still all come out
  unbreakable-5000              a 5000-character string with no break opportunity
  deep-nesting-60               blocks nested 60 deep, each indented 1pt more
  keep-chain-longer-than-page   20 blocks all keep-with-next="always": the keep cannot be met
  row-of-unbreakable-lines      a table row whose one cell is 40 single-line blocks (600pt)

Usage: pathological.py CASE [--keep DIR]
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import props  # noqa: E402

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="tiny" page-width="200pt" page-height="150pt"
        margin-top="10pt" margin-bottom="10pt" margin-left="10pt" margin-right="10pt">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="tiny" font-family="IPAexMincho" font-size="10pt" line-height="15pt">
    <fo:flow flow-name="xsl-region-body">
"""
TAIL = """    </fo:flow>
  </fo:page-sequence>
</fo:root>
"""
CELL = '<fo:table-cell border="0.5pt solid black" padding="2pt"><fo:block>{}</fo:block></fo:table-cell>'


def table(header_rows, body_rows):
    s = ('<fo:table table-layout="fixed" width="180pt"><fo:table-column column-width="50pt"/>'
         '<fo:table-column column-width="130pt"/>\n')
    if header_rows:
        s += "<fo:table-header>\n" + "".join(header_rows) + "</fo:table-header>\n"
    return s + "<fo:table-body>\n" + "".join(body_rows) + "</fo:table-body></fo:table>\n"


def row(a, b):
    return "<fo:table-row>" + CELL.format(a) + CELL.format(b) + "</fo:table-row>\n"


def case_table_2000_rows():
    # 5 body rows of 19.5pt per page under the header (see table-header-repeat.fo): 400 pages.
    return table([row("番号", "件名")], [row(str(i), f"第{i}号議案") for i in range(1, 2001)]), 400, 410


def case_table_header_taller_than_page():
    tall = "".join(f"<fo:block>見出し{i}</fo:block>" for i in range(1, 13))
    hdr = "<fo:table-row>" + CELL.format("番号") + f'<fo:table-cell border="0.5pt solid black">{tall}</fo:table-cell></fo:table-row>\n'
    return table([hdr], [row(str(i), f"第{i}号議案") for i in range(1, 21)]), 2, 30


def case_unbreakable_5000():
    # 5000 x 'W' (about 10pt each): 18 a line, 8 lines a page: about 35 pages.
    return "<fo:block>" + "W" * 5000 + "</fo:block>\n", 20, 60


def case_deep_nesting_60():
    s = ""
    for i in range(60):
        s += f'<fo:block start-indent="{i}pt">段{i}'
    s += "最深部" + "</fo:block>" * 60 + "\n"
    return s, 1, 12


def case_keep_chain_longer_than_page():
    return "".join(f'<fo:block keep-with-next="always">見出し{i}</fo:block>\n' for i in range(1, 21)) + \
        "<fo:block>本文。</fo:block>\n", 3, 4


def case_row_of_unbreakable_lines():
    blocks = "".join(f"<fo:block>第{i}行</fo:block>" for i in range(1, 41))
    r = "<fo:table-row>" + CELL.format("1") + f'<fo:table-cell border="0.5pt solid black" padding="2pt">{blocks}</fo:table-cell></fo:table-row>\n'
    return table([row("番号", "内容")], [r]), 5, 8


CASES = {n[5:].replace("_", "-"): f for n, f in globals().items() if n.startswith("case_")}


def main():
    args = sys.argv[1:]
    if not args or args[0] not in CASES:
        raise SystemExit(f"usage: pathological.py {{{'|'.join(CASES)}}} [--keep DIR]")
    name = args[0]
    body, min_pages, max_pages = CASES[name]()
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    with tempfile.TemporaryDirectory() as tmp:
        d = keep or tmp
        os.makedirs(d, exist_ok=True)
        fo = os.path.join(d, name + ".fo")
        with open(fo, "w", encoding="utf-8") as f:
            f.write(HEAD + body + TAIL)
        dump = os.path.join(d, name + ".dump")
        t0 = time.monotonic()
        r = subprocess.run([props.MINUTES, "render", fo, "-o", os.path.join(d, name + ".pdf"),
                            "--dump-layout", dump], capture_output=True, text=True)
        secs = time.monotonic() - t0
        if r.returncode != 0:
            print(f"{name}: FAIL: minutes render exited with status {r.returncode} after {secs:.1f}s:\n{r.stderr}")
            return 1
        with open(dump, encoding="utf-8") as f:
            pages = props.parse_dump(f.read())
        props.check_text_kept(pages, fo)
        props.check_kinsoku(pages)
        props.check_on_page(pages)
        props.expect(min_pages <= len(pages) <= max_pages,
                     f"{len(pages)} pages, expected {min_pages} to {max_pages}")
        if r.stderr.strip():
            print(f"{name}: diagnostics: {r.stderr.strip()[:500]}")
    for msg in props.failures:
        print(f"{name}: FAIL: {msg}")
    if not props.failures:
        print(f"{name}: ok: {len(pages)} pages in {secs:.1f}s")
    return 1 if props.failures else 0


if __name__ == "__main__":
    sys.exit(main())
