#!/bin/sh
# tests/reliability/full-disk.sh: every writer of minutes on a disk that fills up.
# Each case mounts a small tmpfs, puts the previous outputs on it, fills it so that exactly the
# writer under test runs out of space, and checks that the command fails whole: exit 2, a
# message naming the file and "No space left on device", the previous file byte for byte, and
# no temporary file left (docs/hardening.md, "Guarantees").
# Needs root (mount -t tmpfs), as CI has; elsewhere it is skipped (exit 77), saying why.
set -u
M=${MINUTES:?set MINUTES to the minutes program}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
mnt=$tmp/disk
mkdir -p "$mnt"
mounted=0
cleanup () { [ $mounted = 1 ] && umount "$mnt" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=4m tmpfs "$mnt" 2>/dev/null; then
  echo "SKIP: full-disk: mounting a tmpfs needs root (CI runs as root); not run here"
  exit 77
fi
umount "$mnt"
. "$(dirname "$0")/tally.sh"
blocks () { echo $(( ($1 + 4095) / 4096 * 4096 )); }   # bytes, rounded up to tmpfs pages
size () { wc -c <"$1" | tr -d ' '; }

# disk: a fresh 8 MB tmpfs at $mnt.  leave BYTES: fill it so that about BYTES stay free.
disk () { [ $mounted = 1 ] && umount "$mnt"; mount -t tmpfs -o size=8m tmpfs "$mnt" && mounted=1; }
leave () {
  avail=$(( $(stat -f -c '%a * %S' "$mnt") ))
  n=$(( (avail - $1) / 4096 ))
  [ $n -gt 0 ] && dd if=/dev/zero of="$mnt/.fill" bs=4096 count=$n status=none 2>/dev/null
  true
}
# expect FILE...: exit 2, "No space left on device" for the first FILE, each FILE as before
# (its copy in $tmp/before/), and nothing but those files and .fill in the folders of FILE.
expect () {
  [ "$st" = 2 ] || { bad "exit $st, want 2"; return; }
  grep -q "$(basename "$1").*No space left on device" "$tmp/err" || { bad "the message does not name $1 and ENOSPC"; return; }
  grep -Eq "written.*$(basename "$1")|AddressSanitizer|runtime error" "$tmp/err" "$tmp/out" \
    && { bad "it says $1 was written, or a sanitizer complained"; return; }
  for f in "$@"; do
    if [ -e "$tmp/before/$(basename "$f")" ]; then
      cmp -s "$f" "$tmp/before/$(basename "$f")" || { bad "$f was changed"; return; }
    else
      [ ! -e "$f" ] || { bad "$f was written"; return; }
    fi
    left=$(temporaries "$(dirname "$f")")
    [ -z "$left" ] || { bad "left behind: $left"; return; }
  done
  ok
}
run () { "$M" "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }
# temporaries DIR: the hidden files of DIR and of DIR/.summaries (where build keeps what the
# index needs of each session), but for .fill and .summaries itself.
temporaries () {
  { ls -A "$1" | grep '^\.' | grep -v -e '^\.fill$' -e '^\.summaries$'
    [ -d "$1/.summaries" ] && ls -A "$1/.summaries" | grep '^\.'; } | head -3
}
keep () { rm -rf "$tmp/before"; mkdir -p "$tmp/before"; for f in "$@"; do [ -e "$f" ] && cp "$f" "$tmp/before/"; done; true; }

# The inputs: a small session s.xml, and N more sessions of the same folder whose outputs are
# listed in the index (made quickly: their PDF and HTML are placeholders), so that the index and
# SHA256SUMS are larger than the session's own PDF and HTML.
in=$tmp/in; ref=$tmp/ref
mkdir -p "$in" "$ref"
session () {
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<session xmlns="urn:minutes:session:1"><title>%s</title>' "$1"
  printf '<council>情報公開・個人情報保護審議会</council><dates><decision iso="2021-05-24">令和3年5月24日</decision></dates></session>\n'
}
session 小さな会 >"$in/s.xml"
i=0; while [ $i -lt 400 ]; do
  session "第${i}回の会議" >"$in/other-session-with-a-long-name-$i.xml"
  : >"$ref/other-session-with-a-long-name-$i.pdf"; : >"$ref/other-session-with-a-long-name-$i.html"
  i=$((i + 1)); done
"$M" build -o "$ref" "$in/s.xml" >/dev/null 2>&1 || { echo "FAIL: the reference build failed"; exit 1; }
P=$(blocks "$(size "$ref/s.pdf")"); H=$(blocks "$(size "$ref/s.html")")
I=$(blocks "$(size "$ref/index.html")"); S=$(blocks "$(size "$ref/SHA256SUMS")")
[ $I -gt $((P + H + 8192)) ] && [ $S -gt 8192 ] || { echo "FAIL: the index ($I) or the sums ($S) are too small for the test"; exit 1; }
setup () { disk; cp -p "$ref"/* "$mnt/"; }

# === build: each of its four writers ===
case=build-html; setup; keep "$mnt/s.html" "$mnt/s.pdf"; leave 0
run build -o "$mnt" "$in/s.xml"; expect "$mnt/s.html" "$mnt/s.pdf"
case=build-pdf; setup; keep "$mnt/s.pdf" "$mnt/s.html"; leave $((H + 4096))
run build -o "$mnt" "$in/s.xml"; expect "$mnt/s.pdf" "$mnt/s.html"
case=build-index; setup; keep "$mnt/index.html" "$mnt/SHA256SUMS"; leave $((P + H + 4096))
run build -o "$mnt" "$in/s.xml"; expect "$mnt/index.html" "$mnt/SHA256SUMS"
case=build-sums; setup; rm "$mnt/index.html"; keep "$mnt/SHA256SUMS"; leave $((I + 4096))
run build -o "$mnt" "$in/s.xml"; expect "$mnt/SHA256SUMS"
case=build-jobs; setup; keep "$mnt/s.html" "$mnt/s.pdf"; cp "$in/s.xml" "$tmp/t.xml"; leave 0
run build -j2 -o "$mnt" "$in/s.xml" "$tmp/t.xml"; expect "$mnt/s.html" "$mnt/s.pdf" "$mnt/t.pdf" "$mnt/t.html"
case=build-check-tmpdir; setup; keep "$mnt/s.pdf" "$mnt/SHA256SUMS"; mkdir "$mnt/tmp"; leave 0
TMPDIR=$mnt/tmp run build --check -o "$mnt" "$in/s.xml"
[ "$st" = 2 ] && grep -q 'No space left on device' "$tmp/err" && [ -z "$(ls -A "$mnt/tmp")" ] \
  && cmp -s "$mnt/s.pdf" "$tmp/before/s.pdf" && ok || bad "exit $st, want 2 and nothing left in TMPDIR"

# === render: the PDF, the layout dump, the page spool ===
"$M" fo --source-lines "$in/s.xml" -o "$tmp/s.fo" 2>/dev/null || { echo "FAIL: fo"; exit 1; }
case=render-pdf; disk; cp "$ref/s.pdf" "$mnt/out.pdf"; keep "$mnt/out.pdf"; leave 4096
run render "$tmp/s.fo" -o "$mnt/out.pdf"; expect "$mnt/out.pdf"
case=render-dump; disk; mkdir -p "$tmp/o"; cp "$ref/s.pdf" "$tmp/o/out.pdf"; echo old >"$mnt/dump.txt"
keep "$mnt/dump.txt" "$tmp/o/out.pdf"; leave 0
run render "$tmp/s.fo" -o "$tmp/o/out.pdf" --dump-layout "$mnt/dump.txt"; expect "$mnt/dump.txt" "$tmp/o/out.pdf"
case=render-spool; disk; keep "$tmp/o/out.pdf"; leave 0
TMPDIR=$mnt MINUTES_LAYOUT_PASSES=1 run render "$tmp/s.fo" -o "$tmp/o/out.pdf"
[ "$st" = 2 ] && grep -q 'No space left on device' "$tmp/err" && cmp -s "$tmp/o/out.pdf" "$tmp/before/out.pdf" \
  && [ -z "$(ls -A "$mnt" | grep -v '^\.fill$')" ] && ok || bad "exit $st, want 2 and the old PDF"

# === fo -o, import -o, new ===
case=fo; disk; echo old >"$mnt/s.fo"; keep "$mnt/s.fo"; leave 0
run fo "$in/s.xml" -o "$mnt/s.fo"; expect "$mnt/s.fo"
printf '名称\t情報公開審議会\n日時\t令和4年7月1日(金)\n' >"$tmp/t.txt"
case=import; disk; keep "$mnt/t.xml"; leave 0
run import "$tmp/t.txt" -o "$mnt/t.xml"; expect "$mnt/t.xml"
case=new; disk; keep "$mnt/n.xml"; leave 0
run new "$mnt/n.xml"; expect "$mnt/n.xml"

tally full-disk
