#!/bin/sh
# `minutes watch` rebuilds once per save — whether the editor renames a new file over the old
# one or truncates and rewrites it — and when a stylesheet changes; it ignores editors'
# temporary files, keeps going after a failed build, and ends with exit 0 on SIGINT.
# Bounded: every wait gives up after a few seconds.
set -u
: "${MINUTES:?}" "${SOURCE_ROOT:?}"
tmp=$(mktemp -d)
pid=
cleanup () { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail () { echo "FAIL: $*"; echo "--- watch stdout:"; cat "$tmp/out"; echo "--- watch stderr:"; tail -20 "$tmp/err"; exit 1; }

# A private copy of the data folder, so the test can edit a stylesheet.
mkdir -p "$tmp/data" "$tmp/work"
cp -r "$SOURCE_ROOT/schema" "$SOURCE_ROOT/templates" "$tmp/data/"
if [ -d "$SOURCE_ROOT/xsl" ]; then cp -r "$SOURCE_ROOT/xsl" "$tmp/data/"; else mkdir "$tmp/data/xsl"; fi
[ -d "$SOURCE_ROOT/fonts" ] && ln -s "$SOURCE_ROOT/fonts" "$tmp/data/fonts"
cd "$tmp/work" || exit 1
"$MINUTES" --data-dir "$tmp/data" new s.xml >/dev/null || fail "minutes new s.xml failed"

builds () { grep -c '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] s\.xml: ' "$tmp/out"; }
# wait_for N WHY [SECONDS]: until N build lines are printed (at most 8 s, or SECONDS).
wait_for () {
  i=0
  while [ "$(builds)" -lt "$1" ]; do
    i=$((i + 1)); [ $i -le $((${3:-8} * 10)) ] || fail "expected $1 build lines, got $(builds) ($2)"
    sleep 0.1
  done
}

"$MINUTES" --data-dir "$tmp/data" watch s.xml >"$tmp/out" 2>"$tmp/err" &
pid=$!
wait_for 1 "the first build at start"

# 1. Rename over (vim, emacs, gedit): write a new file, rename it into place.
sed 's/ここに記入/第1回/' s.xml > .s.xml.new && mv .s.xml.new s.xml
wait_for 2 "after a rename-over save"

# 2. Truncate and rewrite in place in two writes (VS Code, nano): one build, not two.
cp s.xml keep.xml
: > s.xml; sleep 0.05; cat keep.xml >> s.xml
wait_for 3 "after a truncate+write save"
sleep 0.6
[ "$(builds)" -eq 3 ] || fail "one truncate+write save gave $(($(builds) - 2)) builds, expected 1"

# 3. An editor's swap file next to the session is not a save of it.
echo x > .s.xml.swp; echo x > s.xml~
sleep 0.6
[ "$(builds)" -eq 3 ] || fail "an editor's temporary file triggered a build"

# 4. A stylesheet changes: the session is rebuilt.
echo '<!-- edited -->' > "$tmp/data/xsl/edited.xsl"
wait_for 4 "after a stylesheet changed"

# 5. A broken file: the build fails with an error line, and the watch goes on.
echo '<session' > .broken && mv .broken s.xml
wait_for 5 "after saving a broken file"
kill -0 "$pid" 2>/dev/null || fail "watch stopped after a failed build"
grep -q '^[0-9:]* s\.xml: not built' "$tmp/out" || fail "no 'not built' line for a broken file"
cat keep.xml > s.xml
wait_for 6 "after fixing the file"

# 6. A real session: the minutes are built, and the line says so (with the pages when qpdf
#    is there to count them).
cp "$SOURCE_ROOT/input/r03-1.xml" .s.xml.new && mv .s.xml.new s.xml
wait_for 7 "after saving a valid session" 60
last=$(grep '^[0-9:]* s\.xml: ' "$tmp/out" | tail -1)
echo "$last" | grep -qE '^[0-9:]{8} s\.xml: built in [0-9]+\.[0-9]{2} s' || fail "a valid session gave '$last'"
if command -v qpdf >/dev/null; then
  echo "$last" | grep -qE ', [0-9]+ pages?$' || fail "the line of a built session names no pages: '$last'"
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
[ "$rc" -eq 0 ] || fail "watch exited $rc on SIGINT, expected 0"
# 8. With no FILE: every input/*.xml, and a session created there later.
mkdir -p "$tmp/proj/input" && cd "$tmp/proj" || exit 1
cp "$tmp/work/keep.xml" input/a.xml
"$MINUTES" --data-dir "$tmp/data" watch >"$tmp/out" 2>"$tmp/err" &
pid=$!
lines () { grep -c "^[0-9:]* input/$1: " "$tmp/out"; }
i=0; until [ "$(lines a.xml)" -ge 1 ]; do i=$((i + 1)); [ $i -le 80 ] || fail "no build of input/a.xml with no FILE"; sleep 0.1; done
cp input/a.xml .new && mv .new input/b.xml
i=0; until [ "$(lines b.xml)" -ge 1 ]; do i=$((i + 1)); [ $i -le 80 ] || fail "a session created in input/ was not built"; sleep 0.1; done
[ "$(lines a.xml)" -eq 1 ] || fail "creating input/b.xml rebuilt input/a.xml"
kill -INT "$pid"; wait "$pid"; pid=

echo "ok: 7 builds, debounced, stylesheet change seen, a real build, clean stop"
