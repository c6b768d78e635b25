#!/usr/bin/env python3
"""tests/fop/compare.py: `minutes render` against Apache FOP on the same FO documents.

Renders every tests/layout/*.fo and tests/pdf/*.fo (or the NAMEs given) with `minutes render` and with Debian's
`fop` (configured by tests/fop/fop.xconf to embed the same pinned fonts from fonts/), then
compares per document:
  - the page count (pdfinfo);
  - the extracted text (pdftotext -raw: content order; all white space removed): FOP's ToUnicode maps some kanji
    to their look-alike Kangxi radicals (人 → ⼈ U+2F08), so its text is compared after mapping
    those back and the number of radicals is reported in its own column.
and prints a table.  Every difference must be listed in tests/fop/known-differences.txt with a
reason that docs/fop-differences.md explains; an unlisted difference fails the test, and a listed
one that no longer occurs is reported (so the list stays true).

FOP renders all documents in one JVM (FopBatch.java; `fop` per document without a JDK).
Usage: compare.py [--keep DIR] [NAME...]
"""
import concurrent.futures
import os
import re
import shutil
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
    return re.sub(r"\s+", "", run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"]).stdout)


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


def fo_of(name):
    return next(p for p in (os.path.join(d, name + ".fo") for d in DIRS) if os.path.exists(p))


FOP_JARS = ["commons-io", "batik-all", "commons-logging", "xmlgraphics-commons", "xml-apis-ext",
            "fontbox2", "fop"]


def fop_input(name, tmp):
    """The FO FOP is given: NAME.fo, or a copy without our extension attributes (namespace
    urn:minutes:fo-extensions:1, which FOP refuses), as `minutes fo` leaves them out."""
    path = fo_of(name)
    with open(path, encoding="utf-8") as f:
        fo = f.read()
    if "urn:minutes:fo-extensions:1" not in fo:
        return path
    fo = re.sub(r'\s+xmlns:mx="urn:minutes:fo-extensions:1"', "", fo)
    fo = re.sub(r'\s+mx:[\w.-]+="[^"]*"', "", fo)
    out = os.path.join(tmp, name + ".for-fop.fo")
    with open(out, "w", encoding="utf-8") as f:
        f.write(fo)
    return out


def render_fop(names, tmp):
    """Render NAMEs with FOP into tmp/NAME.fop.pdf: in one JVM with FopBatch.java when a JDK is
    installed (Java's source-file mode needs javac's module), else one `fop` run per document.
    Returns {name: error text} for documents FOP did not render."""
    errors = {}
    if shutil.which("javac"):
        cp = ":".join(p for p in (f"/usr/share/java/{j}.jar" for j in FOP_JARS) if os.path.exists(p))
        args = ["java", "-Djava.awt.headless=true",
                "-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.NoOpLog",
                "-cp", cp, os.path.join(HERE, "FopBatch.java"), XCONF]
        for n in names:
            args += [fop_input(n, tmp), os.path.join(tmp, n + ".fop.pdf")]
        r = run(args, timeout=600)
        for line in r.stdout.splitlines():
            if line.startswith("error "):
                path, _, msg = line[6:].partition(": ")
                errors[os.path.basename(path)[:-len(".fop.pdf")]] = msg
        if r.returncode not in (0, 1):
            for n in names:
                errors.setdefault(n, f"FopBatch failed: {r.stderr.strip()[-300:]}")
        return errors
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        rs = pool.map(lambda n: (n, run(["fop", "-q", "-c", XCONF, "-fo", fop_input(n, tmp), "-pdf",
                                         os.path.join(tmp, n + ".fop.pdf")])), names)
        for n, r in rs:
            if r.returncode != 0:
                errors[n] = r.stderr.strip()[-300:]
    return errors


def compare_one(name, tmp, fop_error, r1):
    ours = os.path.join(tmp, name + ".minutes.pdf")
    theirs = os.path.join(tmp, name + ".fop.pdf")
    res = {"name": name, "ok_ours": r1.returncode == 0 and os.path.exists(ours),
           "ok_fop": fop_error is None and os.path.exists(theirs), "err": ""}
    if not res["ok_ours"]:
        res["err"] += f"minutes: {r1.stderr.strip()[:200]} "
    if not res["ok_fop"]:
        res["err"] += f"fop: {fop_error}"
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
        # FOP in one JVM on one core while minutes renders on the other.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            fop_job = pool.submit(render_fop, names, d)
            ours = {n: run([MINUTES, "render", fo_of(n), "-o", os.path.join(d, n + ".minutes.pdf")]) for n in names}
            fop_errors = fop_job.result()
        results = [compare_one(n, d, fop_errors.get(n), ours[n]) for n in names]
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
