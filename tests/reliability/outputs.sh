#!/bin/sh
# tests/reliability/outputs.sh: what minutes writes is checked before anything is written, and
# what it reads must be a regular file (docs/hardening.md, "Guarantees"):
#   - build: two sessions with one name, a session named index, an output that is a folder or
#     one of the sessions: exit 2 and nothing written (the previous outputs stay);
#   - fo, import, render: an output that is the input (or another name for it), or a layout
#     dump that is the PDF: exit 2 before reading, the input unchanged;
#   - a FIFO, a device or a folder given as a session, an FO file, a stylesheet or a text to
#     import: refused at once (never a hang), in every command and in a folder build;
#   - a text to import larger than 32 MB: refused with the limit.
set -u
M=${MINUTES:?set MINUTES to the minutes program}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tally.sh"
# run WANT PATTERN ARGS...: minutes ARGS exits WANT within 20 s, its messages match PATTERN.
run () {
  want=$1 pattern=$2; shift 2
  (cd "$tmp" && exec timeout 20 "$M" "$@") >"$tmp/stdout" 2>"$tmp/err"; st=$?
  [ $st = 124 ] && { bad "hung (killed after 20 s)"; return 1; }
  [ $st = "$want" ] || { bad "exit $st, want $want"; return 1; }
  grep -Eq -- "$pattern" "$tmp/err" || { bad "the messages do not match /$pattern/"; return 1; }
  grep -Eq 'AddressSanitizer|runtime error' "$tmp/err" && { bad "a sanitizer complained"; return 1; }
  return 0
}
# unchanged DIR: DIR holds exactly what $tmp/before.txt lists, with the same bytes.
snapshot () { (cd "$1" && ls -A | sort | while read -r f; do [ -f "$f" ] && cksum "$f" || echo "dir $f"; done) >"$tmp/before.txt"; }
unchanged () { snapshot "$1"; mv "$tmp/before.txt" "$tmp/after.txt"; cmp -s "$tmp/saved.txt" "$tmp/after.txt"; }
keep () { snapshot "$1"; mv "$tmp/before.txt" "$tmp/saved.txt"; }

session () {
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<session xmlns="urn:minutes:session:1"><title>%s</title>' "$1"
  printf '<council>情報公開・個人情報保護審議会</council><dates><decision iso="2021-05-24">令和3年5月24日</decision></dates></session>\n'
}
mkdir -p "$tmp/a" "$tmp/b" "$tmp/out"
session 一 >"$tmp/a/x.xml"; session 二 >"$tmp/b/x.xml"; session 三 >"$tmp/a/y.xml"
"$M" build -o "$tmp/out" "$tmp/a/x.xml" "$tmp/a/y.xml" >/dev/null 2>&1 || { echo "FAIL: the first build"; exit 1; }

# === build: the output plan ===
case=build-same-name; keep "$tmp/out"
run 2 'b/x.xml: error: this session and .*a/x.xml would both be written to .*out/x.pdf' build -o out a/x.xml b/x.xml \
  && { unchanged "$tmp/out" && ok || bad "the output folder changed"; }
case=build-named-twice; keep "$tmp/out"
run 2 'a/x.xml: error: this session is named twice' build -o out a/x.xml a/y.xml a/x.xml \
  && { unchanged "$tmp/out" && ok || bad "the output folder changed"; }
case=build-index-session; session 索引 >"$tmp/a/index.xml"; keep "$tmp/out"
run 2 'index.xml: error: a session named index would have its page .*out/index.html replaced' build -o out a \
  && { unchanged "$tmp/out" && ok || bad "the output folder changed"; }
rm "$tmp/a/index.xml"
case=build-html-is-a-folder; rm "$tmp/out/y.html"; mkdir "$tmp/out/y.html"; keep "$tmp/out"
run 2 'out/y.html: error: this is a folder, where minutes must write a file' build -o out a/x.xml a/y.xml \
  && { unchanged "$tmp/out" && ok || bad "the output folder changed (the PDF was replaced?)"; }
rmdir "$tmp/out/y.html"
case=build-pdf-is-a-fifo; rm "$tmp/out/y.pdf"; mkfifo "$tmp/out/y.pdf"; keep "$tmp/out"
run 2 'out/y.pdf: error: this is not a regular file' build -o out a/y.xml \
  && { unchanged "$tmp/out" && ok || bad "the output folder changed"; }
rm "$tmp/out/y.pdf"
case=build-output-is-the-session; cp "$tmp/a/x.xml" "$tmp/out/index.html"; keep "$tmp/out"
run 2 'out/index.html: error: this output is the session file .*index.html itself' build -o out out/index.html \
  && { unchanged "$tmp/out" && ok || bad "the output folder changed"; }
rm "$tmp/out/index.html"

# === fo, import, render: an output that is the input ===
"$M" fo --source-lines "$tmp/a/x.xml" -o "$tmp/x.fo" 2>/dev/null || { echo "FAIL: fo"; exit 1; }
cp "$tmp/a/x.xml" "$tmp/s.xml"; ln -s s.xml "$tmp/link.xml"; printf '名称\t審議会\n' >"$tmp/t.txt"
cp "$tmp/s.xml" "$tmp/s.orig"; cp "$tmp/x.fo" "$tmp/x.orig"; cp "$tmp/t.txt" "$tmp/t.orig"
same () { cmp -s "$tmp/s.xml" "$tmp/s.orig" && cmp -s "$tmp/x.fo" "$tmp/x.orig" && cmp -s "$tmp/t.txt" "$tmp/t.orig" && [ ! -e "$tmp/x.pdf" ]; }
for c in "fo s.xml -o s.xml" "fo s.xml -o ./../$(basename "$tmp")/s.xml" "fo link.xml -o s.xml" \
         "import t.txt -o t.txt" "render x.fo -o x.fo" "render x.fo -o x.pdf --dump-layout x.fo"; do
  case="same-file: $c"
  # shellcheck disable=SC2086
  run 2 'error: (-o|--dump-layout) names .*which this command reads' $c && { same && ok || bad "the input was changed"; }
done
case="same-file: render -o x.pdf --dump-layout ./x.pdf"
run 2 'x.pdf: error: --dump-layout names the same file as -o' render x.fo -o x.pdf --dump-layout ./x.pdf \
  && { same && ok || bad "something was written"; }

# === what is read must be a regular file ===
mkfifo "$tmp/fifo.xml" "$tmp/fifo.fo" "$tmp/fifo.txt" "$tmp/fifo.xsl"
fifo='error: cannot read this: it is a named pipe \(FIFO\), not a file'
for c in "validate fifo.xml" "fo fifo.xml" "render fifo.fo -o x.pdf" "import fifo.txt -o n.xml" \
         "build -o out fifo.xml"; do
  case="fifo: $c"
  # shellcheck disable=SC2086
  run 2 "fifo\.[a-z]+: $fifo" $c && ok
done
case="fifo: fo --stylesheet fifo.xsl"
run 2 'fifo.xsl: error: cannot read the stylesheet: it is not a regular file' fo --stylesheet fifo.xsl s.xml && ok
case="fifo: a folder build with a FIFO among its sessions"
mkdir "$tmp/mixed"; cp "$tmp/a/x.xml" "$tmp/mixed/good.xml"; mkfifo "$tmp/mixed/pipe.xml"
run 2 "pipe.xml: $fifo" build -o mixed-out mixed && { [ -s "$tmp/mixed-out/good.pdf" ] && ok || bad "the good session was not built"; }
case="device: import /dev/zero"
run 2 '/dev/zero: error: cannot read this: it is a device, not a file' import /dev/zero -o n.xml && ok
case="folder: validate a folder"
run 2 'a: error: cannot read this: it is a folder, not a file' validate a && ok
case="import: a text over 32 MB"
head -c 33554433 /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
run 1 'big.txt: error: the file is larger than 32 MB' import big.txt -o n.xml && { [ ! -e "$tmp/n.xml" ] && ok || bad "written"; }
case="import: LANG=ja"
(cd "$tmp" && env -u LC_ALL -u LANGUAGE LANG=ja_JP.UTF-8 timeout 20 "$M" import fifo.txt -o n.xml) 2>"$tmp/err"
[ $? = 2 ] && grep -q 'fifo.txt: エラー: 読めません。これはファイルではなく名前付きパイプ (FIFO)です' "$tmp/err" && ok || bad "not in Japanese"

tally outputs
