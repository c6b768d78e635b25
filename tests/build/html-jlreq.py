#!/usr/bin/env python3
"""tests/build/html-jlreq.py: the HTML page's Japanese composition takes effect in a browser.

The page's CSS asks for the browser's equivalents of what the PDF does (docs/fo-subset.md
"Japanese text"): `text-autospace: normal` (the Japanese-Latin space, JLREQ 3.2.5),
`text-spacing-trim: trim-start` (a line-start opening bracket set half-width, 3.1.5) and
`line-break: strict` (kinsoku, 3.1.7).  This builds the seed session's page twice -- as it is, and
with --param extra-css turning the three off -- takes a screenshot of each with headless
Chromium (Debian `chromium`) and checks that they differ: the properties are applied, not just
written.  The screenshots are kept with --keep DIR, to look at.

Skips (77) with a clear line when chromium is missing (tools/packages.txt installs it in CI).
"""
import os
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ.get("SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MINUTES = os.environ.get("MINUTES") or os.path.join(SRC, "build", "minutes")
OFF = ("body { text-autospace: no-autospace; text-spacing-trim: space-all; line-break: auto; }")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--hide-scrollbars",
         "--window-size=900,1300", "--force-device-scale-factor=1"]


def build(tmp, name, extra):
    proj = os.path.join(tmp, name)
    os.makedirs(os.path.join(proj, "input"))
    shutil.copy(os.path.join(SRC, "input", "r03-1.xml"), os.path.join(proj, "input"))
    args = [MINUTES, "build"] + (["--param", "extra-css=" + extra] if extra else [])
    subprocess.run(args, cwd=proj, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(proj, "output", "r03-1.html")


def shot(chromium, tmp, page, png):
    profile = tempfile.mkdtemp(dir=tmp)
    r = subprocess.run([chromium] + FLAGS + ["--user-data-dir=" + profile, "--screenshot=" + png,
                                             "file://" + page],
                       capture_output=True, text=True, timeout=120)
    if r.returncode != 0 or not os.path.exists(png):
        print(r.stderr[-2000:])
        raise SystemExit("FAIL: chromium did not take the screenshot")
    with open(png, "rb") as f:
        return f.read()


def main():
    chromium = shutil.which("chromium")
    if not chromium:
        print("SKIP: chromium is missing (Debian chromium, in tools/packages.txt); the HTML page's "
              "Japanese composition is not checked in a browser")
        return 77
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    tmp = keep or tempfile.mkdtemp()
    os.makedirs(tmp, exist_ok=True)
    on = shot(chromium, tmp, build(tmp, "on", None), os.path.join(tmp, "jlreq-on.png"))
    off = shot(chromium, tmp, build(tmp, "off", OFF), os.path.join(tmp, "jlreq-off.png"))
    ok = len(on) > 10000 and on != off
    print(f"screenshots: {len(on)} bytes with the page's CSS, {len(off)} with the three properties "
          f"off: {'they differ' if on != off else 'identical'}")
    print("ok" if ok else "FAIL: text-autospace / text-spacing-trim / line-break change nothing in Chromium")
    if not keep:
        shutil.rmtree(tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
