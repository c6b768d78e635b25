#!/bin/bash
# `minutes watch` rebuilds once per save — whether the editor renames a new file over the old
# one or truncates and rewrites it — and when a stylesheet changes; it ignores editors'
# temporary files, keeps going after a failed build, and ends with exit 0 on SIGINT.
# Waits on the events, not on a clock: watch's output comes through a FIFO and is read line by
# line until the build line awaited arrives (a loaded machine only makes it later).  One outer
# watchdog (WATCH_TIMEOUT seconds, 240 by default) stops a watch that never says it.
set -u
: "${MINUTES:?}" "${SOURCE_ROOT:?}"
tmp=$(mktemp -d)
pid= dog=
cleanup () {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  [ -n "$dog" ] && kill "$dog" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail () { echo "FAIL: $*"; echo "--- watch stdout:"; cat "$tmp/out"; echo "--- watch stderr:"; tail -20 "$tmp/err"; exit 1; }

# A private copy of the data folder, so the test can edit a stylesheet.
mkdir -p "$tmp/data" "$tmp/ward"
cp -r "$SOURCE_ROOT/schema" "$SOURCE_ROOT/templates" "$tmp/data/"
if [ -d "$SOURCE_ROOT/xsl" ]; then cp -r "$SOURCE_ROOT/xsl" "$tmp/data/"; else mkdir "$tmp/data/xsl"; fi
[ -d "$SOURCE_ROOT/fonts" ] && ln -s "$SOURCE_ROOT/fonts" "$tmp/data/fonts"
cd "$tmp/ward" || exit 1
"$MINUTES" --data-dir "$tmp/data" new s.xml >/dev/null || fail "minutes new s.xml failed"

n=0   # build lines read so far from the current watch

# start_watch ARGS…: run `minutes watch ARGS…` with its output on fd 3 (a FIFO), under a
# watchdog that ends it after WATCH_TIMEOUT seconds.
start_watch () {
  rm -f "$tmp/fifo"; mkfifo "$tmp/fifo"
  "$MINUTES" --data-dir "$tmp/data" watch "$@" >"$tmp/fifo" 2>"$tmp/err" &
  pid=$!
  exec 3<"$tmp/fifo"
  # (its sleep is killed with it, and holds no descriptor of the test's output)
  ( trap 'kill "$s" 2>/dev/null; exit 0' TERM
    sleep "${WATCH_TIMEOUT:-240}" & s=$!
    wait "$s" && kill -TERM "$pid" 2>/dev/null ) >/dev/null 2>&1 </dev/null &
  dog=$!
  n=0
}

# next_build PATTERN WHY [SECONDS]: read watch's lines (copied to $tmp/out) until one matches
# the extended regexp PATTERN; with SECONDS, give up quietly when none comes that long
# (return 1).  Fails when watch ends first.
next_build () {
  while :; do
    if [ -n "${3:-}" ]; then
      IFS= read -r -t "$3" line <&3 || return 1
    else
      IFS= read -r line <&3 || fail "watch ended before the build line ($2)"
    fi
    printf '%s\n' "$line" >>"$tmp/out"
    if printf '%s\n' "$line" | grep -qE "$1"; then n=$((n + 1)); return 0; fi
  done
}
build_line='^[0-9]{2}:[0-9]{2}:[0-9]{2} s\.xml: '
# wait_for N WHY: until N build lines of s.xml are read.
wait_for () { while [ "$n" -lt "$1" ]; do next_build "$build_line" "$2"; done; }
# no_build_for SECONDS WHY: no build line comes within SECONDS.
no_build_for () { next_build "$build_line" "$2" "$1" && fail "an extra build: $2"; :; }

: >"$tmp/out"
start_watch s.xml
wait_for 1 "the first build at start"

# 1. Rename over (vim, emacs, gedit): write a new file, rename it into place.
sed 's/ここに記入/第1回/' s.xml > .s.xml.new && mv .s.xml.new s.xml
wait_for 2 "after a rename-over save"

# 2. Truncate and rewrite in place in two writes (VS Code, nano): one build, not two.
cp s.xml keep.xml
: > s.xml; sleep 0.05; cat keep.xml >> s.xml
wait_for 3 "after a truncate+write save"
no_build_for 0.6 "one truncate+write save gave two builds"

# 3. An editor's swap file next to the session is not a save of it.
echo x > .s.xml.swp; echo x > s.xml~
no_build_for 0.6 "an editor's temporary file triggered a build"

# 4. A stylesheet changes: the session is rebuilt.
echo '<!-- edited -->' > "$tmp/data/xsl/edited.xsl"
wait_for 4 "after a stylesheet changed"

# 5. A broken file: the build fails with an error line, and the watch goes on.
echo '<session' > .broken && mv .broken s.xml
wait_for 5 "after saving a broken file"
kill -0 "$pid" 2>/dev/null || fail "watch stopped after a failed build"
tail -1 "$tmp/out" | grep -q '^[0-9:]* s\.xml: not built' || fail "no 'not built' line for a broken file"
cat keep.xml > s.xml
wait_for 6 "after fixing the file"

# 6. A real session: the minutes are built, and the line says so, with the pages the engine
#    laid out (pdfinfo counts them again).
cp "$SOURCE_ROOT/input/r03-1.xml" .s.xml.new && mv .s.xml.new s.xml
wait_for 7 "after saving a valid session"
last=$(tail -1 "$tmp/out")
echo "$last" | grep -qE '^[0-9:]{8} s\.xml: built in [0-9]+\.[0-9]{2} s, [0-9]+ pages$' || fail "a valid session gave '$last'"
if command -v pdfinfo >/dev/null; then
  pages=$(pdfinfo output/s.pdf | awk '/^Pages:/ {print $2}')
  echo "$last" | grep -q ", $pages pages\$" || fail "the line says '$last', the PDF has $pages pages"
fi
[ -s output/s.pdf ] && [ -s output/s.html ] || fail "watch did not write output/s.pdf and output/s.html"

# 7. Ctrl-C: exit 0, promptly.
kill -INT "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
  i=$((i + 1)); [ $i -le 30 ] || fail "watch did not stop within 3 s of SIGINT"
  sleep 0.1
done
wait "$pid"; rc=$?; pid=
exec 3<&-
kill "$dog" 2>/dev/null; dog=
[ "$rc" -eq 0 ] || fail "watch exited $rc on SIGINT, expected 0"
# 8. With no FILE: every input/*.xml, and a session created there later.
mkdir -p "$tmp/proj/input" && cd "$tmp/proj" || exit 1
cp "$tmp/ward/keep.xml" input/a.xml
start_watch
next_build '^[0-9:]{8} input/a\.xml: ' "no build of input/a.xml with no FILE"
cp input/a.xml .new && mv .new input/b.xml
next_build '^[0-9:]{8} input/(a|b)\.xml: ' "a session created in input/ was not built"
tail -1 "$tmp/out" | grep -qE '^[0-9:]{8} input/b\.xml: ' || fail "creating input/b.xml rebuilt input/a.xml"
kill -INT "$pid"; wait "$pid"; pid=
kill "$dog"; wait "$dog"; dog=

echo "ok: 7 builds, debounced, stylesheet change seen, a real build, clean stop"
