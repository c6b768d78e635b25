#!/usr/bin/env python3
"""tests/layout/kinsoku-seed.py: Japanese line breaking over a long real document.

Makes an FO document from the seed session text (../shared/seed, or tests/layout/seed.txt
if given: every paragraph and table cell of it becomes a justified block) set at several
measures -- 60pt (6 characters: a break every few characters), 150pt, 237pt and 311pt wide at
10pt, and A4's 481.89pt at 10.5pt, each measure its own page-sequence, then a two-column table
of the paragraphs (cells 115.5pt and 235.5pt wide) -- renders it with `minutes render --dump-layout` and scans every laid-out
line (props.check_kinsoku): no line after a break starts with 、。，．」』）】〕・ー small kana
～ etc., and no line before a break ends with 「『（【〔 (W3C JLREQ 3.1.7-3.1.8).  Each offending
line is reported with its page and text.  It also checks that every block's text comes out whole
(props.check_text_kept).

Usage: kinsoku-seed.py SEED.txt [--keep DIR]   (--keep leaves the FO, PDF and dump in DIR)
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import props  # noqa: E402

MEASURES = [  # (page width, font size, line height), margins 20pt
    (100.0, 10.0, 16.0),
    (190.0, 10.0, 16.0),
    (277.0, 10.0, 16.0),
    (351.0, 10.0, 16.0),
    (595.28, 10.5, 17.5),
]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraphs(seed):
    out = []
    for line in seed.split("\n"):
        for cell in line.split("\t"):
            cell = re.sub(r"</?p>", " ", cell).strip()
            if cell:
                out.append(cell)
    return out


def make_fo(paras):
    masters = []
    seqs = []
    for i, (w, size, lh) in enumerate(MEASURES):
        masters.append(
            f'    <fo:simple-page-master master-name="m{i}" page-width="{w}pt" page-height="842pt"'
            ' margin-top="20pt" margin-bottom="20pt" margin-left="20pt" margin-right="20pt">'
            '<fo:region-body/></fo:simple-page-master>')
        blocks = "\n".join(f'      <fo:block text-align="justify" space-after="4pt">{esc(p)}</fo:block>'
                           for p in paras)
        seqs.append(
            f'  <fo:page-sequence master-reference="m{i}" font-family="IPAexMincho" font-size="{size}pt"'
            f' line-height="{lh}pt">\n    <fo:flow flow-name="xsl-region-body">\n{blocks}\n'
            '    </fo:flow>\n  </fo:page-sequence>')
    # the paragraphs again, two to a row of a table on A4 (the seed's question / answer tables)
    masters.append('    <fo:simple-page-master master-name="tbl" page-width="595.28pt" page-height="842pt"'
                   ' margin-top="20pt" margin-bottom="20pt" margin-left="20pt" margin-right="20pt">'
                   '<fo:region-body/></fo:simple-page-master>')
    cell = '<fo:table-cell border="0.5pt solid black" padding="2pt"><fo:block text-align="justify">{}</fo:block></fo:table-cell>'
    # one cell a line: the checks find a block by its line in the FO
    rows = "\n".join("        <fo:table-row>\n          " + cell.format(esc(a)) + "\n          " + cell.format(esc(b))
                     + "\n        </fo:table-row>" for a, b in zip(paras[0::2], paras[1::2]))
    seqs.append(
        '  <fo:page-sequence master-reference="tbl" font-family="IPAexMincho" font-size="10pt" line-height="16pt">\n'
        '    <fo:flow flow-name="xsl-region-body">\n'
        '      <fo:table table-layout="fixed" width="360pt"><fo:table-column column-width="120pt"/>'
        '<fo:table-column column-width="240pt"/>\n      <fo:table-body>\n' + rows +
        '\n      </fo:table-body></fo:table>\n    </fo:flow>\n  </fo:page-sequence>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">\n  <fo:layout-master-set>\n'
            + "\n".join(masters) + "\n  </fo:layout-master-set>\n" + "\n".join(seqs) + "\n</fo:root>\n")


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        paras = paragraphs(f.read())
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    with tempfile.TemporaryDirectory() as tmp:
        d = keep or tmp
        os.makedirs(d, exist_ok=True)
        fo = os.path.join(d, "kinsoku-seed.fo")
        with open(fo, "w", encoding="utf-8") as f:
            f.write(make_fo(paras))
        dump = os.path.join(d, "kinsoku-seed.dump")
        r = subprocess.run([props.MINUTES, "render", fo, "-o", os.path.join(d, "kinsoku-seed.pdf"),
                            "--dump-layout", dump], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"kinsoku-seed: FAIL: minutes render exited with status {r.returncode}:\n{r.stderr}")
            return 1
        with open(dump, encoding="utf-8") as f:
            pages = props.parse_dump(f.read())
        props.check_kinsoku(pages)
        props.check_text_kept(pages, fo)
        nlines = len(props.body_lines(pages))
    for msg in props.failures:
        print(f"kinsoku-seed: FAIL: {msg}")
    print(f"kinsoku-seed: {len(paras)} paragraphs x {len(MEASURES) + 1} measures, {len(pages)} pages, "
          f"{nlines} lines scanned, {len(props.failures)} problems")
    if nlines < 1000:
        print("kinsoku-seed: FAIL: fewer than 1000 lines laid out: the scan would prove little")
        return 1
    return 1 if props.failures else 0


if __name__ == "__main__":
    sys.exit(main())
