#!/usr/bin/env python3
"""tools/pdf-size.py FILE.pdf...: where the bytes of a PDF go (docs/publishing.md).

For each file, from `qpdf --json` (stream lengths as stored, i.e. compressed):
  fonts      the embedded font programs (FontFile, FontFile2, FontFile3), their ToUnicode
             CMaps and CIDSets
  content    the page content streams
  structure  the object streams (structure tree, page, annotation, outline, font
             dictionaries: every object that is not a stream, compressed together)
  other      the rest: XMP, the ICC profile, the cross-reference stream, file overhead
Prints one line a file: total and the four parts in bytes and KB."""
import json
import os
import subprocess
import sys


def breakdown(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=none", path],
                         capture_output=True, text=True, check=False).stdout
    objs = json.loads(out)["qpdf"][1]

    def resolve(v):
        while isinstance(v, str) and v.endswith(" R"):
            v = objs.get("obj:" + v, {}).get("value")
        return v

    def length(ref):
        st = objs.get("obj:" + ref, {}).get("stream")
        return resolve(st["dict"].get("/Length")) if st else 0

    font_refs, content_refs = set(), set()
    for k, v in objs.items():
        d = v.get("value") if "value" in v else None
        if isinstance(d, dict):
            for key in ("/FontFile", "/FontFile2", "/FontFile3", "/CIDSet"):
                if isinstance(d.get(key), str):
                    font_refs.add(d[key])
            if d.get("/Type") == "/Page":
                c = d.get("/Contents")
                content_refs.update(c if isinstance(c, list) else [c])
            if isinstance(d.get("/ToUnicode"), str):
                font_refs.add(d["/ToUnicode"])
    parts = {"fonts": 0, "content": 0, "structure": 0}
    for k, v in objs.items():
        if not k.startswith("obj:") or "stream" not in v:
            continue
        ref = k[4:]
        n = length(ref) or 0
        if ref in font_refs:
            parts["fonts"] += n
        elif ref in content_refs:
            parts["content"] += n
        elif v["stream"]["dict"].get("/Type") == "/ObjStm":
            parts["structure"] += n
    total = os.path.getsize(path)
    parts["other"] = total - sum(parts.values())
    return total, parts


def main():
    for path in sys.argv[1:]:
        total, parts = breakdown(path)
        print(f"{path}: {total} bytes ({total / 1024:.0f} KB): "
              + ", ".join(f"{k} {v} ({v / 1024:.0f} KB)" for k, v in parts.items()))


if __name__ == "__main__":
    main()
