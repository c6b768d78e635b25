#!/usr/bin/env python3
"""tools/pdf-size.py FILE.pdf...: where the bytes of a PDF go (docs/publishing.md).

For each file, from `qpdf --json` (stream lengths as stored, i.e. compressed):
  fonts      the embedded font programs (FontFile, FontFile2, FontFile3), their ToUnicode
             CMaps and CIDSets
  content    the page content streams
  structure  everything else but the XMP and the ICC profile: the structure tree, the page,
             annotation, outline and font dictionaries, the cross-reference table or stream
             (in object streams when the file has them)
  other      the XMP metadata and the ICC profile of the output intent
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

    font_refs, content_refs, other_refs = set(), set(), set()
    def scan(d):
        """Note the streams `d` (a value, searched through) names by role."""
        if isinstance(d, list):
            for x in d:
                scan(x)
            return
        if not isinstance(d, dict):
            return
        for key in ("/FontFile", "/FontFile2", "/FontFile3", "/CIDSet", "/ToUnicode"):
            if isinstance(d.get(key), str):
                font_refs.add(d[key])
        if d.get("/Type") == "/Page":
            c = d.get("/Contents")
            content_refs.update(c if isinstance(c, list) else [c])
        for key in ("/Metadata", "/DestOutputProfile"):
            if isinstance(d.get(key), str):
                other_refs.add(d[key])
        for x in d.values():
            if isinstance(x, (dict, list)):
                scan(x)

    for v in objs.values():
        scan(v.get("value") if "value" in v else v.get("stream", {}).get("dict"))
    parts = {"fonts": 0, "content": 0, "other": 0}
    for k, v in objs.items():
        if not k.startswith("obj:") or "stream" not in v:
            continue
        ref = k[4:]
        n = length(ref) or 0
        if ref in font_refs:
            parts["fonts"] += n
        elif ref in content_refs:
            parts["content"] += n
        elif ref in other_refs:
            parts["other"] += n
    total = os.path.getsize(path)
    parts["structure"] = total - sum(parts.values())
    return total, {k: parts[k] for k in ("fonts", "content", "structure", "other")}


def main():
    for path in sys.argv[1:]:
        total, parts = breakdown(path)
        print(f"{path}: {total} bytes ({total / 1024:.0f} KB): "
              + ", ".join(f"{k} {v} ({v / 1024:.0f} KB)" for k, v in parts.items()))


if __name__ == "__main__":
    main()
