#!/usr/bin/env python3
"""tests/fop/compare.py: `minutes render` against Apache FOP on the same FO documents.

Renders every tests/layout/*.fo and tests/pdf/*.fo (or the NAMEs given) with `minutes render` and with Debian's
`fop` (configured by tests/fop/fop.xconf to embed the same pinned fonts from fonts/), then
compares per document:
  - the page count (pdfinfo);
  - the extracted text (pdftotext, all white space removed): FOP's ToUnicode maps some kanji
    to their look-alike Kangxi radicals (人 → ⼈ U+2F08), so its text is compared after mapping
    those back and the number of radicals is reported in its own column.
and prints a table.  Every difference must be listed in tests/fop/known-differences.txt with a
reason that docs/fop-differences.md explains; an unlisted difference fails the test, and a listed
one that no longer occurs is reported (so the list stays true).

FOP's JVM takes ~1-3 s per document; documents are rendered two at a time.
Usage: compare.py [--keep DIR] [NAME...]
"""
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
MINUTES = os.environ.get("MINUTES") or os.path.join(ROOT, "build", "minutes")
DIRS = [os.path.join(ROOT, "tests", "layout"), os.path.join(ROOT, "tests", "pdf")]
XCONF = os.path.join(HERE, "fop.xconf")
# Documents that are errors by design (no PDF from minutes).
SKIP = {"missing-glyph-error"}


def run(cmd, timeout=120):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, 124, "", "timed out")


def pages(pdf):
    m = re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout, re.M)
    return int(m.group(1)) if m else None


def text(pdf):
    return re.sub(r"\s+", "", run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout)


def is_radical(c):
    return 0x2E80 <= ord(c) <= 0x2EFF or 0x2F00 <= ord(c) <= 0x2FDF


def same_but_radicals(ours, fops):
    """True if the texts are equal except where FOP has a Kangxi radical and we have a CJK
    ideograph: FOP's ToUnicode map names the glyph IPAex shares between, e.g., 黒 U+9ED2 and ⿊
    U+2FCA by the radical (whose NFKC form is 黑 U+9ED1, not 黒: so NFKC cannot undo it)."""
    if len(ours) != len(fops):
        return False
    for a, b in zip(ours, fops):
        if a != b and not (is_radical(b) and (0x4E00 <= ord(a) <= 0x9FFF or 0x3400 <= ord(a) <= 0x4DBF)):
            return False
    return True


def render_both(name, tmp):
    fo = next(p for p in (os.path.join(d, name + ".fo") for d in DIRS) if os.path.exists(p))
    ours = os.path.join(tmp, name + ".minutes.pdf")
    theirs = os.path.join(tmp, name + ".fop.pdf")
    r1 = run([MINUTES, "render", fo, "-o", ours])
    r2 = run(["fop", "-q", "-c", XCONF, "-fo", fo, "-pdf", theirs])
    res = {"name": name, "ok_ours": r1.returncode == 0 and os.path.exists(ours),
           "ok_fop": r2.returncode == 0 and os.path.exists(theirs), "err": ""}
    if not res["ok_ours"]:
        res["err"] += f"minutes: {r1.stderr.strip()[:200]} "
    if not res["ok_fop"]:
        res["err"] += f"fop: {r2.stderr.strip()[-200:]}"
    res["pages_ours"] = pages(ours) if res["ok_ours"] else None
    res["pages_fop"] = pages(theirs) if res["ok_fop"] else None
    t1 = text(ours) if res["ok_ours"] else ""
    t2 = text(theirs) if res["ok_fop"] else ""
    res["radicals"] = sum(1 for c in t2 if is_radical(c))
    res["text_same"] = same_but_radicals(t1, t2)
    if not res["text_same"]:
        # the first difference, for the table
        a, b = t1, t2
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k] and not is_radical(b[k])), min(len(a), len(b)))
        res["diff"] = f"at {i}: minutes {a[max(0, i - 5):i + 10]!r} / fop {b[max(0, i - 5):i + 10]!r}"
    return res


def known():
    """{(name, kind): reason} from known-differences.txt: lines `NAME KIND reason...`,
    KIND one of pages, text, fop-fails."""
    k = {}
    with open(os.path.join(HERE, "known-differences.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                name, kind, reason = (line.split(None, 2) + ["", ""])[:3]
                k[(name, kind)] = reason
    return k


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    names = args or sorted(f[:-3] for d in DIRS for f in os.listdir(d) if f.endswith(".fo") and f[:-3] not in SKIP)
    if subprocess.run(["sh", "-c", "command -v fop"], capture_output=True).returncode != 0:
        print("fop is not installed (Debian package fop): skipped")
        return 77
    kd = known()
    with tempfile.TemporaryDirectory() as tmp:
        d = keep or tmp
        os.makedirs(d, exist_ok=True)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda n: render_both(n, d), names))
    bad = []
    seen = set()
    print(f"{'document':42} {'pages':>7} {'fop':>4}  {'text':5} {'radicals':>8}  note")
    for r in results:
        n = r["name"]
        notes = []
        diffs = []
        if not r["ok_ours"]:
            diffs.append("minutes-fails")
        if not r["ok_fop"]:
            diffs.append("fop-fails")
        if r["ok_ours"] and r["ok_fop"]:
            if r["pages_ours"] != r["pages_fop"]:
                diffs.append("pages")
            if not r["text_same"]:
                diffs.append("text")
                notes.append(r["diff"])
        for kind in diffs:
            seen.add((n, kind))
            if (n, kind) in kd:
                notes.insert(0, f"known {kind}: {kd[(n, kind)]}")
            else:
                notes.insert(0, f"UNEXPLAINED {kind}")
                bad.append(f"{n}: {kind} differs and is not in known-differences.txt ({r['err'] or ''} {r.get('diff', '')})")
        print(f"{n:42} {str(r['pages_ours']):>7} {str(r['pages_fop']):>4}  {'same' if r['text_same'] else 'DIFF':5} "
              f"{r['radicals']:>8}  {'; '.join(notes)}")
    total_rad = sum(r["radicals"] for r in results)
    print(f"\n{len(results)} documents; FOP's text had {total_rad} Kangxi radicals in place of kanji "
          f"(matched as the kanji before comparing)")
    stale = [k for k in kd if k[0] in names and k not in seen]
    for name, kind in stale:
        print(f"note: known difference no longer seen: {name} {kind} (remove it from known-differences.txt)")
    for b in bad:
        print(f"FAIL: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
