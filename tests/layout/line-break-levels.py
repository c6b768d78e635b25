#!/usr/bin/env python3
"""tests/layout/line-break-levels.py: the three line-break levels against the WPT lists.

The W3C web-platform-tests css-text/i18n/ja/css-text-line-break-ja-{cj,cpm,hyphens,in,
iteration,po}-{strict,normal,loose} cases set 文文文文文文X字字 in a box 6.17 em wide, so that the
seventh character X falls at the line's end, and check whether X may start the next line
(文文文文文文 / X字字) or must not (文文文文文 / 文X字字).  Their character lists and what each level
allows (CSS Text 3 §5.2 line-break, W3C JLREQ 3.1.7):

  cj (small kana, ー; CSS "CJ")           strict: no   normal: yes  loose: yes
  hyphens (‐ – 〜 ゠)                      strict: no   normal: yes  loose: yes
  iteration (々 〻 ゝ ゞ ヽ ヾ)              strict: no   normal: no   loose: yes
  cpm (centred punctuation ・ ： ； ･ ‼ …) strict: no   normal: no   loose: yes
  po (PO of East Asian width A, F, W)     strict: no   normal: no   loose: yes
  in (inseparable … ‥ ⋯ …)                 strict: no   normal: no   loose: yes

This writes its own FO document (one block per character and level, mx:line-break on the block),
renders it with `minutes render --dump-layout` and checks every block's first two lines.  A
character no pinned font has (U+10AF6 MANICHAEAN PUNCTUATION LINE FILLER) cannot be set at all:
it is reported as not testable and left out.

Usage: line-break-levels.py [--keep DIR]
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import props  # noqa: E402

LISTS = {
    "cj": [0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095,
           0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
           0x30F5, 0x30F6, 0x30FC] + list(range(0x31F0, 0x3200)) + list(range(0xFF67, 0xFF71)),
    "hyphens": [0x2010, 0x2013, 0x301C, 0x30A0],
    "iteration": [0x3005, 0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE],
    "cpm": [0x30FB, 0xFF1A, 0xFF1B, 0xFF65, 0x203C, 0x2047, 0x2048, 0x2049, 0xFF01, 0xFF1F],
    "po": [0x00B0, 0x2030, 0x2032, 0x2033, 0x2035, 0x2103, 0x2109, 0xFE6A, 0xFF05, 0xFFE0],
    "in": [0x2024, 0x2025, 0x2026, 0x22EF, 0xFE19, 0x10AF6],
}
ALLOWED = {  # may X start the line, per level
    "cj": {"strict": False, "normal": True, "loose": True},
    "hyphens": {"strict": False, "normal": True, "loose": True},
    "iteration": {"strict": False, "normal": False, "loose": True},
    "cpm": {"strict": False, "normal": False, "loose": True},
    "po": {"strict": False, "normal": False, "loose": True},
    "in": {"strict": False, "normal": False, "loose": True},
}
LEVELS = ["strict", "normal", "loose"]


def make_fo(cases):
    blocks = "\n".join(
        f'      <fo:block mx:line-break="{lvl}" space-after="6pt">文文文文文文{chr(c)}字字</fo:block>'
        for (_, lvl, c) in cases)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by tests/layout/line-break-levels.py: one block per WPT character and level. -->
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:mx="urn:minutes:fo-extensions:1">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="m" page-width="81.7pt" page-height="842pt" margin="10pt">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="m" font-family="IPAexMincho" font-size="10pt" line-height="12pt">
    <fo:flow flow-name="xsl-region-body">
{blocks}
    </fo:flow>
  </fo:page-sequence>
</fo:root>
"""


def main():
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    tmp = keep or tempfile.mkdtemp()
    os.makedirs(tmp, exist_ok=True)
    fo, pdf, dump = (os.path.join(tmp, "levels." + e) for e in ("fo", "pdf", "dump"))
    cases = [(name, lvl, c) for name, chars in LISTS.items() for lvl in LEVELS for c in chars]
    untestable = set()
    while True:
        with open(fo, "w", encoding="utf-8") as f:
            f.write(make_fo(cases))
        r = subprocess.run([props.MINUTES, "render", fo, "-o", pdf, "--dump-layout", dump],
                           capture_output=True, text=True)
        if r.returncode == 0:
            break
        missing = {int(m, 16) for m in re.findall(r"U\+([0-9A-F]{4,6})", r.stderr)}
        if not missing or missing & untestable:
            print(r.stderr)
            print("FAIL: minutes render failed")
            return 1
        untestable |= missing
        cases = [k for k in cases if k[2] not in untestable]
    for c in sorted(untestable):
        print(f"not testable: U+{c:04X} (no pinned font has it)")
    with open(dump, encoding="utf-8") as f:
        pages = props.parse_dump(f.read())
    blocks = [a for pg in pages for a in pg.walk() if a.kind == "block"]
    if len(blocks) != len(cases):
        print(f"FAIL: {len(cases)} blocks written, {len(blocks)} laid out")
        return 1
    bad = 0
    counts = {}
    for (name, lvl, c), b in zip(cases, blocks):
        lines = [k.text for k in b.children if k.kind == "line"]
        x = chr(c)
        may = ALLOWED[name][lvl]
        want = (["文文文文文文", x + "字字"] if may else ["文文文文文", "文" + x + "字字"])
        ok = lines == want
        counts.setdefault((name, lvl), [0, 0])[0 if ok else 1] += 1
        if not ok:
            bad += 1
            print(f"FAIL: {name} {lvl} U+{c:04X} {x}: lines {lines}, expected {want} "
                  f"({'may' if may else 'must not'} start a line)")
    for name in LISTS:
        print(f"{name:10s} " + "  ".join(f"{lvl}: {counts[(name, lvl)][0]}/{sum(counts[(name, lvl)])}"
                                         for lvl in LEVELS if (name, lvl) in counts))
    print(f"{len(cases) - bad} of {len(cases)} cases agree with the WPT lists")
    if not keep:
        for p in (fo, pdf, dump):
            os.unlink(p)
        os.rmdir(tmp)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
