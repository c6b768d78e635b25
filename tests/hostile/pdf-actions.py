#!/usr/bin/env python3
"""tests/hostile/pdf-actions.py PDF: the PDF is sound and can do nothing but follow a link.

Issue 13: a link target that broke out of cairo's `/URI (%s)` could add `/S /JavaScript` or
`/Launch` to the published PDF.  This reads the file with qpdf (`qpdf --check` must be clean,
`qpdf --json` gives every object) and fails, naming the object, when
  - an action (a dictionary with /Type /Action, or the value of /A, /OpenAction, /AA, /Next)
    is anything but /S /URI or /S /GoTo;
  - any key or name of script, launch, form submission or embedded file appears anywhere
    (/JS, /JavaScript, /Launch, /OpenAction, /AA, /SubmitForm, /ImportData, /EmbeddedFiles,
    /GoToR, /GoToE, /Rendition);
  - a URI holds a space, a parenthesis, a backslash or a non-ASCII byte (what cairo would
    have written raw), or a link's destination names no destination of the document.
Prints one line per problem; exit 0 when there is none."""
import json
import subprocess
import sys

ALLOWED = {"/URI", "/GoTo"}
FORBIDDEN = {"/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA", "/SubmitForm",
             "/ImportData", "/EmbeddedFiles", "/GoToR", "/GoToE", "/Rendition", "/Movie",
             "/Sound", "/ResetForm", "/Hide", "/Named", "/SetOCGState", "/Trans", "/GoTo3DView"}
ACTION_KEYS = {"/A", "/OpenAction", "/AA", "/Next"}


def text(v):
    """A qpdf JSON string ("u:…" or "b:…" in --json=2) as Python text."""
    if isinstance(v, str) and v[:2] in ("u:", "b:"):
        return v[2:] if v[0] == "u" else bytes.fromhex(v[2:]).decode("latin-1")
    return v


def main(path):
    problems = []
    chk = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    if chk.returncode != 0 or "WARNING" in chk.stdout + chk.stderr:
        problems.append("qpdf --check: " + (chk.stdout + chk.stderr).strip().splitlines()[-1])
    js = subprocess.run(["qpdf", "--json=2", "--json-stream-data=none", path],
                        capture_output=True, text=True)
    if js.returncode not in (0, 3):
        print("qpdf --json failed: " + js.stderr.strip())
        return 1
    objects = json.loads(js.stdout)["qpdf"][1]
    dests = set()
    links = []

    def walk(where, v, key=None):
        if isinstance(v, dict):
            is_action = v.get("/Type") == "/Action" or (key in ACTION_KEYS and "/S" in v)
            if is_action and v.get("/S") not in ALLOWED:
                problems.append(f"{where}: an action /S {v.get('/S')} (only /URI and /GoTo may appear)")
            for k, x in v.items():
                if k in FORBIDDEN:
                    problems.append(f"{where}: the key {k}")
                if k == "/URI":
                    u = text(x)
                    if not isinstance(u, str) or any(c in u for c in " ()\\") or any(ord(c) > 126 or ord(c) < 33 for c in u):
                        problems.append(f"{where}: the URI {u!r} holds a character cairo writes unescaped")
                if k == "/Dest" or (k == "/D" and v.get("/S") == "/GoTo"):
                    links.append((where, text(x)))
                if k == "/Names" and isinstance(x, list):
                    dests.update(text(n) for n in x[0::2] if isinstance(n, str))
                walk(where, x, k)
        elif isinstance(v, list):
            for x in v:
                walk(where, x, key)
        elif isinstance(v, str) and v in FORBIDDEN:
            problems.append(f"{where}: the name {v}")

    for name, obj in objects.items():
        body = obj.get("value", obj.get("stream", {}).get("dict"))
        walk(name, body)
    for where, d in links:
        if isinstance(d, str) and not d.startswith("/") and d not in dests:
            problems.append(f"{where}: the link goes to {d!r}, which names no destination")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
