#!/bin/sh
# tests/reliability/signals.sh: SIGINT, SIGTERM and SIGHUP in the middle of a build or a render
# leave no temporary file (`.NAME.pdf.XXXXXX`) in the output folder, keep the previous outputs,
# and stop the worker processes too; minutes dies of the signal (docs/hardening.md).
set -u
M=${MINUTES:?set MINUTES to the minutes program}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tally.sh"

# A session long enough to be caught mid-way (about 90 pages), and a second one for -j2.
sh "$SOURCE_ROOT/tests/hostile/gen.sh" qa-5000 "$tmp/a.xml" || exit 1
cp "$tmp/a.xml" "$tmp/b.xml"
"$M" fo --source-lines "$tmp/a.xml" -o "$tmp/a.fo" || exit 1
mkdir -p "$tmp/out"
echo old-pdf >"$tmp/out/a.pdf"; echo old-html >"$tmp/out/a.html"; echo old-pdf >"$tmp/out/b.pdf"

# start ARGS...: run minutes in the background with the three signals at their defaults (a
# shell starts background jobs with SIGINT ignored, and minutes keeps what it was given).
start () {
  python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP): signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$M" "$@" >/dev/null 2>"$tmp/err" &
  pid=$!
}
# wait_for PATTERN: until a file matching PATTERN is in out/ (at most 60 s).
wait_for () {
  n=0
  while [ -z "$(ls -A "$tmp/out" | grep -e "$1")" ]; do
    n=$((n + 1)); [ $n -gt 600 ] && return 1
    kill -0 $pid 2>/dev/null || return 1
    sleep 0.1
  done
}
# check SIG STATUS WORKERS: after `kill -SIG`, minutes ended by it, nothing is left in out/
# but the old files, and none of the worker processes WORKERS is alive.
check () {
  wait $pid 2>/dev/null; st=$?
  [ $st = $2 ] || { bad "exit status $st, want $2 (killed by SIG$1)"; return; }
  for w in $3; do
    n=0; while kill -0 "$w" 2>/dev/null; do n=$((n + 1)); [ $n -gt 100 ] && break; sleep 0.1; done
    kill -0 "$w" 2>/dev/null && { bad "worker $w is still running"; kill -9 "$w"; return; }
  done
  left=$({ ls -A "$tmp/out" | grep '^\.' | grep -v '^\.summaries$'
           [ -d "$tmp/out/.summaries" ] && ls -A "$tmp/out/.summaries" | grep '^\.'; })
  [ -z "$left" ] || { bad "left behind: $left"; rm -f "$tmp/out"/.[!.s]* "$tmp/out"/.summaries/.[!.]*; return; }
  [ "$(cat "$tmp/out/a.pdf")" = old-pdf ] && [ "$(cat "$tmp/out/a.html")" = old-html ] \
    || { bad "the old outputs were replaced"; return; }
  ok
}

for sig in INT TERM HUP; do
  case $sig in INT) code=130 ;; TERM) code=143 ;; HUP) code=129 ;; esac
  case=build-$sig
  start build -j1 -o "$tmp/out" "$tmp/a.xml"
  if wait_for '^\.a\.html\.'; then kill -$sig $pid; check $sig $code ""; else bad "no temporary appeared"; wait $pid; fi
  case=render-$sig
  start render "$tmp/a.fo" -o "$tmp/out/a.pdf" --dump-layout "$tmp/out/a.dump"
  if wait_for '^\.a\.pdf\.'; then kill -$sig $pid; check $sig $code ""; else bad "no temporary appeared"; wait $pid; fi
done

# Workers: the signal goes to the parent only (kill PID, not the terminal's whole group);
# the parent passes it on, and each worker removes its own temporaries.
case=build-workers-TERM
start build -j2 -o "$tmp/out" "$tmp/a.xml" "$tmp/b.xml"
if wait_for '^\.[ab]\.html\.'; then
  workers=$(ps -o pid= --ppid $pid | tr '\n' ' ')
  [ -n "$workers" ] || bad "no worker processes seen"
  kill -TERM $pid; check TERM 143 "$workers"
else bad "no temporary appeared"; wait $pid; fi

tally signals
