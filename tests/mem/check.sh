#!/bin/sh
# tests/mem/check.sh CASE: how `minutes build` holds its sessions (issue 6, memory).
# Environment (from tests/meson.build): MINUTES, SOURCE_ROOT.  Prints what it checked and exits
# 0 (pass), 1 (fail) or 77 (skipped).
set -u
case_name=$1
src=${SOURCE_ROOT:?}
minutes=${MINUTES:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

case $case_name in

one-job)
  # One session is built in the minutes process itself (no worker process), and what it writes
  # is byte for byte what the workers of a -j2 batch write: each session built alone, one after
  # the other, gives the same folder (PDFs, HTML, index.html, SHA256SUMS) as both at once.
  mkdir -p "$tmp/s"
  cp "$src/input/r03-1.xml" "$src/tests/build/input/all-constructs.xml" "$tmp/s/"
  # (not in the sanitized build: LeakSanitizer cannot run under ptrace; the plain pass checks.
  # The search index is made by node, a process of its own after the sessions are built: left
  # out of the trace, MINUTES_NODE empty; the next builds make it.)
  if [ -z "${MINUTES_SANITIZED:-}" ] && command -v strace >/dev/null 2>&1; then
    MINUTES_NODE= strace -f -qq -e trace=fork,vfork,clone,clone3 -o "$tmp/trace" \
      "$minutes" build -o "$tmp/alone" "$tmp/s/r03-1.xml" >/dev/null || fail "build of one session failed"
    # Pango and GLib start threads (no exit signal); a worker process is a clone with SIGCHLD.
    grep -E 'SIGCHLD|(^|[^a-z_])v?fork\(' "$tmp/trace" && fail "one session was built in a child process"
  else
    "$minutes" build -o "$tmp/alone" "$tmp/s/r03-1.xml" >/dev/null || fail "build of one session failed"
  fi
  "$minutes" build -o "$tmp/alone" "$tmp/s/all-constructs.xml" >"$tmp/said" || fail "build of the second session failed"
  grep -q "written $tmp/alone/all-constructs.pdf" "$tmp/said" || fail "no 'written' line: $(cat "$tmp/said")"
  "$minutes" build -j2 -o "$tmp/both" "$tmp/s" >/dev/null || fail "build -j2 failed"
  for f in r03-1.pdf r03-1.html all-constructs.pdf all-constructs.html index.html SHA256SUMS; do
    [ -s "$tmp/alone/$f" ] || fail "one job did not write $f"
  done
  diff -r "$tmp/alone" "$tmp/both" || fail "one job and two jobs wrote different files"
  ls -A "$tmp/alone" | grep -vx '.summaries' | grep '^\.' && fail "a temporary file was left"
  echo "ok: $(ls "$tmp/alone" | wc -l) files identical, no worker process for one session"
  ;;

index-many)
  # The index is made from what each session says of itself (title, council, dates): 40
  # sessions with distinct dates, two built now (one with -j1, one in a -j2 batch with a third
  # that fails) and 38 whose earlier output is in the folder, all listed, newest first, with
  # their names; the failed one is listed from the summary its earlier build left, the 37
  # without a summary (output of an older minutes) from their source.
  mkdir -p "$tmp/s" "$tmp/out"
  i=1
  while [ $i -le 40 ]; do
    n=$(printf %02d $i)
    # 2021-01-01 … 2021-02-09: session i decided on day i, named so that name order is not date order
    day=$(date -u -d "2021-01-01 +$((i - 1)) days" +%Y-%m-%d)
    era=$(date -u -d "2021-01-01 +$((i - 1)) days" +令和3年%-m月%-d日)
    sed -e "s|<title fiscal-year=\"2021\" number=\"1\">令和3年度第1回</title>|<title fiscal-year=\"2021\" number=\"$i\">令和3年度第${i}回</title>|" \
        -e "s|<decision iso=\"2021-05-24\">令和3年5月24日(月)</decision>|<decision iso=\"$day\">$era</decision>|" \
        -e "s|<start iso=\"2021-05-10\">令和3年5月10日(月)|<start iso=\"2020-12-01\">令和2年12月1日|" \
        "$src/input/r03-1.xml" >"$tmp/s/z$(( (i * 7) % 41 ))-$n.xml"
    i=$((i + 1))
  done
  grep -q "令和3年2月9日" "$tmp/s"/*-40.xml || fail "the test's sessions were not made (sed did not match the seed)"
  for f in "$tmp/s"/*.xml; do
    b=$(basename "$f" .xml)
    case $b in *-01|*-02|*-03) continue ;; esac
    echo '%PDF-1.7' >"$tmp/out/$b.pdf"
    echo '<html><head><title>x</title></head></html>' >"$tmp/out/$b.html"
  done
  one=$(basename "$tmp/s"/*-01.xml)
  two=$(basename "$tmp/s"/*-02.xml)
  three=$(basename "$tmp/s"/*-03.xml)
  "$minutes" build -j1 -o "$tmp/out" "$tmp/s/$one" >/dev/null || fail "build -j1 failed"
  # the third session built once, then broken: it fails now and keeps its earlier output
  "$minutes" build -j1 -o "$tmp/out" "$tmp/s/$three" >/dev/null || fail "build of the third session failed"
  sed -i 's|</council>|</council><oops>|' "$tmp/s/$three"
  "$minutes" build -j2 -o "$tmp/out" "$tmp/s/$two" "$tmp/s/$three" >/dev/null 2>"$tmp/err" && fail "the broken session built"
  rows=$(grep -o '<tr><th scope="row">' "$tmp/out/index.html" | wc -l)
  [ "$rows" -eq 40 ] || fail "index.html lists $rows sessions, not 40"
  # newest first: the decision days 40, 39, …, 1 (session 3 from its earlier summary)
  grep -o 'th scope="row">令和3年度第[0-9]*回' "$tmp/out/index.html" | sed 's/.*第\([0-9]*\)回/\1/' | tr '\n' ' ' >"$tmp/order"
  seq 40 -1 1 | tr '\n' ' ' >"$tmp/want"
  cmp -s "$tmp/order" "$tmp/want" || fail "not newest first: $(cat "$tmp/order")"
  grep -q '令和3年度第2回 情報公開・個人情報保護審議会</th><td class="date">令和3年1月2日<' "$tmp/out/index.html" \
    || fail "the session built in the batch lost its name or date"
  grep -q "href=\"$(basename "$three" .xml).pdf\"" "$tmp/out/index.html" || fail "the failed session left the index"
  echo "ok: 40 sessions listed newest first"
  ;;

*)
  echo "no such case: $case_name"
  exit 2
  ;;
esac
