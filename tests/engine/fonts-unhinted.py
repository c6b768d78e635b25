#!/usr/bin/env python3
"""tests/engine/fonts-unhinted.py: the pinned fonts fonts/fetch makes unhinted (fonts/unhint.c)
are the Debian originals without their hinting, and nothing else changed.

For every fonts/MANIFEST line ending in `unhinted SHA256`:
- the file has no hinting table (cvt, fpgm, prep, hdmx, VDMX, LTSH) and no glyph carries
  instructions;
- it has the original's glyph count, and each glyph's outline is the original's (the glyph's
  bytes with its instructions taken out, padding aside);
- every table but the ones the subsetter writes again (glyf, loca, head, maxp, hhea, hmtx,
  vhea, vmtx) is the original's byte for byte: cmap, GSUB, GPOS, name, OS/2, post ...; and
  hmtx and vmtx, which it writes again, hold the same metrics.
The original is the Debian file the line names, checked against its pinned sha256; if it is
not installed, the comparison is skipped (exit 77) after the first check.  Environment:
SOURCE_ROOT."""
import hashlib
import os
import struct
import sys

ROOT = os.environ.get("SOURCE_ROOT", ".")
HINTING = {b"cvt ", b"fpgm", b"prep", b"hdmx", b"VDMX", b"LTSH"}
REWRITTEN = {b"glyf", b"loca", b"head", b"maxp", b"hhea", b"hmtx", b"vhea", b"vmtx"}
fails = []


def expect(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)


def tables(data):
    n = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        out[tag] = data[off:off + length]
    return out


def glyphs(t):
    """Each glyph's bytes, by glyph id (the loca format from head)."""
    count = struct.unpack(">H", t[b"maxp"][4:6])[0]
    long_loca = struct.unpack(">h", t[b"head"][50:52])[0] == 1
    fmt, scale = (">%dI" % (count + 1), 1) if long_loca else (">%dH" % (count + 1), 2)
    loca = [o * scale for o in struct.unpack(fmt, t[b"loca"][:struct.calcsize(fmt)])]
    return [t[b"glyf"][loca[g]:loca[g + 1]] for g in range(count)]


def outline(glyph):
    """(instruction bytes, the glyph without them).  Simple glyphs keep their instructions
    after the contour ends; composite ones after the last component (flag 0x100)."""
    if not glyph:
        return 0, b""
    contours = struct.unpack(">h", glyph[:2])[0]
    if contours >= 0:
        at = 10 + 2 * contours
        n = struct.unpack(">H", glyph[at:at + 2])[0]
        return n, glyph[:at] + glyph[at + 2 + n:].rstrip(b"\0")
    at, flags, parts = 10, 0x20, []
    while flags & 0x20:  # MORE_COMPONENTS
        flags = struct.unpack(">H", glyph[at:at + 2])[0]
        size = 4 + (4 if flags & 0x1 else 2)
        size += 8 if flags & 0x80 else 4 if flags & 0x40 else 2 if flags & 0x8 else 0
        parts.append(struct.pack(">H", flags & ~0x100) + glyph[at + 2:at + size])
        at += size
    n = struct.unpack(">H", glyph[at:at + 2])[0] if flags & 0x100 else 0
    return n, glyph[:10] + b"".join(parts)


def main():
    lines = [l.split() for l in open(os.path.join(ROOT, "fonts", "MANIFEST"))
             if l.strip() and not l.startswith("#")]
    made = [w for w in lines if len(w) >= 6 and w[4] == "unhinted"]
    expect(made, "fonts/MANIFEST names no font made unhinted")
    skipped = 0
    for _, name, pkg, source, _, source_sum in made:
        font = open(os.path.join(ROOT, "fonts", name), "rb").read()
        t = tables(font)
        expect(not HINTING & set(t), f"{name} still has hinting tables {sorted(HINTING & set(t))}")
        ours = glyphs(t)
        hinted = sum(1 for g in ours if outline(g)[0])
        expect(hinted == 0, f"{name}: {hinted} glyphs still carry instructions")
        if not os.path.exists(source):
            print(f"skip: {source} is not installed (Debian package {pkg}); {name} not compared")
            skipped += 1
            continue
        original = open(source, "rb").read()
        if hashlib.sha256(original).hexdigest() != source_sum:
            expect(False, f"{source} is not the pinned original ({source_sum})")
            continue
        o = tables(original)
        theirs = glyphs(o)
        expect(len(ours) == len(theirs), f"{name}: {len(ours)} glyphs, the original {len(theirs)}")
        moved = [g for g, (a, b) in enumerate(zip(ours, theirs)) if outline(a)[1] != outline(b)[1]]
        expect(not moved, f"{name}: {len(moved)} outlines differ from the original's (glyph {moved[:5]})")
        expect(sum(1 for g in theirs if outline(g)[0]) > 1000,
               f"{source}: the original has no glyph instructions, so this test checks nothing")
        for tag in sorted(set(o) - HINTING):
            if tag in REWRITTEN and tag not in (b"hmtx", b"vmtx"):
                continue
            expect(t.get(tag) == o[tag], f"{name}: table {tag.decode()} differs from the original's")
        print(f"ok: {name}: {len(ours)} glyphs, {len(font)} bytes ({len(original)} hinted)")
    if fails:
        print(f"{len(fails)} failures")
        return 1
    return 77 if skipped == len(made) else 0


if __name__ == "__main__":
    sys.exit(main())
