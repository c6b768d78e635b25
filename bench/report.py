#!/usr/bin/env python3
"""bench/report.py TMP: bench/results.md (Markdown, on stdout) from what bench/run left in TMP.

Reads TMP/machine.txt (key=value), TMP/facts.tsv (size, tool, peak KiB, pages, PDF bytes) and the
hyperfine exports TMP/hf-*.json.  Wall times are hyperfine's (mean ± σ, and the minimum, which
is the figure least disturbed by other processes); CPU is user + system time of the process and
its children (FOP's JVM runs JIT and GC threads, so its CPU can exceed its wall time)."""
import json
import os
import sys

tmp = sys.argv[1]
machine = {}
for line in open(os.path.join(tmp, "machine.txt"), encoding="utf-8"):
    k, _, v = line.rstrip("\n").partition("=")
    machine[k] = v

facts = {}
for line in open(os.path.join(tmp, "facts.tsv"), encoding="utf-8"):
    size, tool, kib, pages, size_b = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
    facts[(size, tool)] = {
        "kib": int(kib) if kib else None,
        "pages": int(pages) if pages else None,
        "bytes": int(size_b) if size_b else None,
    }


def timings(name):
    path = os.path.join(tmp, f"hf-{name}.json")
    if not os.path.exists(path):
        return {}
    return {r["command"]: r for r in json.load(open(path))["results"]}


def ms(s):
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def mib(kib):
    return f"{kib / 1024:.0f} MiB" if kib is not None else "–"


LABEL = {"minutes": "minutes build", "typst": "Typst 0.14 (typst.ts, Node)", "fop": "Apache FOP 2.8",
         "weasyprint": "WeasyPrint 57"}
TOOLS = ("minutes", "typst", "fop", "weasyprint")
SIZES = [("x1", "seed (input/r03-1.xml)"), ("x5", "5× inquiries"), ("x20", "20× inquiries"),
         ("x100", "100× inquiries")]
# issue 18: how many times faster than each tool, by mean wall time
TARGET = {"x1": {"typst": 3, "fop": 25}, "x20": {"typst": 2.5, "fop": 15}}

out = []
w = out.append
w("# bench/run results")
w("")
w("Written by `bench/run` (do not edit by hand; `bench/README.md` explains the method and the profile).")
w("")
w(f"- when: {machine.get('date')}, commit {machine.get('commit')}, {machine.get('minutes')}")
w(f"- machine: {machine.get('cpu')}, {machine.get('cores')} cores, {machine.get('memory')}; "
  f"load average {machine.get('load_start')} at the start, {machine.get('load_end')} at the end")
w(f"- others: typst.ts {machine.get('typst')}, fop {machine.get('fop')}, {machine.get('weasyprint')}, {machine.get('hyperfine')}, "
  f"cairo {machine.get('cairo')}")
w(f"- each figure: hyperfine, 1 warm-up run, then {machine.get('runs')} timed runs (no warm-up from 5× on; 20×: one run fewer; 100×: 1 run); "
  "peak memory: `/usr/bin/time -v` around each timed run")
w("")
notes = [machine["note"]] if machine.get("note") else []
try:
    busy = max(float(machine.get(k, "0").split()[0]) for k in ("load_start", "load_end"))
    if busy > float(machine.get("cores", "1")) * 0.75:
        notes.append(f"The machine was busy (load average up to {busy:.1f} on {machine.get('cores')} cores): "
                     "other processes shared the cores, so every wall time here is pessimistic, "
                     "for all three tools; CPU times and the ratios are the steadier figures.")
except ValueError:
    pass
for n in notes:
    w(f"> {n}")
    w("")

ratios = []
curve = []
for key, title in SIZES:
    t = timings(key)
    if not t:
        continue
    w(f"## {title}")
    w("")
    w("| tool | wall mean ± σ | wall min | CPU (user+sys) | peak RSS | pages | PDF | ms/page (min) |")
    w("|---|---|---|---|---|---|---|---|")
    for tool in TOOLS:
        r = t.get(tool)
        if not r:
            continue
        f = facts.get((key, tool), {})
        pages = f.get("pages")
        per = f"{r['min'] * 1000 / pages:.1f}" if pages else "–"
        size = f"{f['bytes'] / 1024:.0f} KiB" if f.get("bytes") else "–"
        w(f"| {LABEL[tool]} | {ms(r['mean'])} ± {ms(r['stddev'] or 0)} | {ms(r['min'])} | "
          f"{ms(r['user'] + r['system'])} | {mib(f.get('kib'))} | {pages or '–'} | {size} | {per} |")
    w("")
    m = t.get("minutes")
    others = [x for x in TOOLS[1:] if x in t]
    if m and others:
        line = []
        for x in others:
            line.append(f"{LABEL[x]} / minutes: {t[x]['mean'] / m['mean']:.1f}× (mean), "
                        f"{t[x]['min'] / m['min']:.1f}× (min), "
                        f"{(t[x]['user'] + t[x]['system']) / (m['user'] + m['system']):.1f}× (CPU)")
        w("Ratios: " + "; ".join(line) + ".")
        for x, want in TARGET.get(key, {}).items():
            if x not in t:
                continue
            got = t[x]["mean"] / m["mean"]
            verdict = "met" if got >= want else "NOT met"
            w("")
            w(f"Target: ≥{want}× faster than {LABEL[x]} (by mean wall time): **{got:.1f}× — {verdict}** "
              f"(by min wall: {t[x]['min'] / m['min']:.1f}×; by CPU: "
              f"{(t[x]['user'] + t[x]['system']) / (m['user'] + m['system']):.1f}×).")
        w("")
    f = facts.get((key, "minutes"), {})
    if f.get("kib") and f.get("pages"):
        curve.append((title, f["pages"], f["kib"], m["min"] if m else None))

if curve:
    w("## Memory and time against pages (minutes build)")
    w("")
    w("| session | pages | peak RSS | KiB per page | wall min | ms per page |")
    w("|---|---|---|---|---|---|")
    for title, pages, kib, tmin in curve:
        per = f"{tmin * 1000 / pages:.1f}" if tmin else "–"
        w(f"| {title} | {pages} | {mib(kib)} | {kib / pages:.0f} | {ms(tmin) if tmin else '–'} | {per} |")
    w("")
    big = [c for c in curve if c[0].startswith("100×")]
    if big:
        kib = big[0][2]
        verdict = "met" if kib < 60 * 1024 else "NOT met"
        w(f"Target: the 100× session under 60 MiB peak: **{mib(kib)} — {verdict}**.")
        first, last = curve[0], curve[-1]
        w(f"From {first[1]} to {last[1]} pages ({last[1] / first[1]:.0f}× the pages) peak memory grew "
          f"{last[2] / first[2]:.1f}×.")
        w("")

t = timings("start")
if t:
    w("## Start-up")
    w("")
    w("| command | wall mean ± σ | wall min | CPU (user+sys) | peak RSS |")
    w("|---|---|---|---|---|")
    names = {"version": "`minutes --version`",
             "render-one-page": "`minutes render one.fo` (one page, fonts included)",
             "build-one-page": "`minutes build one.xml` (one-page session: validate, XSLT, PDF, HTML)",
             "build-one-page-beside-1000": "the same build into a folder holding 1,000 sessions",
             "build-one-page-search": "the same build with the search index (Pagefind via node, issue 19)"}
    for k in names:
        r = t.get(k)
        if r:
            f = facts.get(("start", k), {})
            w(f"| {names[k]} | {ms(r['mean'])} ± {ms(r['stddev'] or 0)} | {ms(r['min'])} | "
              f"{ms(r['user'] + r['system'])} | {mib(f.get('kib'))} |")
    w("")
    for k, limit in (("version", 0.010), ("build-one-page", 0.030)):
        r = t.get(k)
        if r:
            verdict = "met" if r["mean"] <= limit else "NOT met"
            w(f"Target: {names[k]} ≤ {limit * 1000:.0f} ms: mean {ms(r['mean'])}, min {ms(r['min'])} — **{verdict}** (by mean).")
    one, many = t.get("build-one-page"), t.get("build-one-page-beside-1000")
    if one and many:
        cpu = lambda r: r["user"] + r["system"]
        verdict = "met" if cpu(many) <= cpu(one) * 1.15 else "NOT met"
        w(f"Target: the build costs the same beside 1,000 sessions: CPU {ms(cpu(many))} against "
          f"{ms(cpu(one))} alone ({cpu(many) / cpu(one):.2f}×) — **{verdict}**.")
    w("")

# the profile (bench/profile, callgrind): the tables as it printed them, then what the targets
# would take in instructions at this run's speed (the ratio reached against the one asked)
profiles = [(k, os.path.join(tmp, f"profile-{k}.md")) for k in ("one", "seed")]
profiles = [(k, p) for k, p in profiles if os.path.exists(p) and os.path.getsize(p) > 0]
if profiles:
    w("## Where the instructions go (callgrind, `bench/profile`)")
    w("")
    w("Counted instructions do not depend on the machine's load; the stage table takes our functions "
      "inclusively, the library table each library's own instructions.")
    w("")
    need = []
    for k, path in profiles:
        text = open(path, encoding="utf-8").read().strip()
        w(text)
        w("")
        head = text.splitlines()[0]
        total = float(head.split("instructions: ")[1].split(" M")[0].replace(",", ""))
        ours = next((l for l in text.splitlines() if l.startswith("| minutes (our code)")), None)
        share = float(ours.split("|")[3].strip().rstrip("%")) if ours else None
        if k == "seed":
            r = timings("x1")
            if r.get("minutes") and r.get("typst"):
                reached = r["typst"]["mean"] / r["minutes"]["mean"]
                need.append(f"the seed ≥ 3× Typst: {reached:.1f}× with {total:,.0f} M instructions, so about "
                            f"{total * reached / 3:,.0f} M at the same speed")
        if k == "one":
            r = timings("start").get("build-one-page")
            if r:
                need.append(f"a one-page build ≤ 30 ms: {ms(r['mean'])} with {total:,.0f} M instructions, so "
                            f"about {total * 0.030 / r['mean']:,.0f} M")
        if share is not None:
            need.append(f"{'one page' if k == 'one' else 'the seed'}: {100 - share:.1f}% of the instructions "
                        f"are in the libraries, {share:.1f}% in minutes' own code")
    if need:
        w("What stands in the way: " + "; ".join(need) + ". bench/README.md, \"What stands in the way\", "
          "says which of these costs can still be cut.")
        w("")

print("\n".join(out))
