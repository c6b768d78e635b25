#!/bin/sh
# tests/fuzz/run.sh: build the libFuzzer targets with clang (build-fuzz/, -fsanitize=fuzzer,
# address,undefined) and run each, one after the other, for FUZZ_SECONDS on a corpus seeded
# from tests/.  The default is the short run, 60 s a target; the recorded runs of
# docs/hardening.md are FUZZ_SECONDS=300.  One fuzzing process at a time, in-process (no
# -jobs/-workers: those fork children that log to ./fuzz-N.log), at nice 10: the machine is
# shared.
#   sh tests/fuzz/run.sh [validate|render|build ...]
#   FUZZ_SECONDS=300 sh tests/fuzz/run.sh render
# A crash leaves its input in build-fuzz/crash-TARGET/; replay it with
#   build-fuzz/fuzz_TARGET build-fuzz/crash-TARGET/crash-…
# then fix the bug and copy the input into tests/fuzz/corpus/TARGET/ (the fuzz-replay suite of
# `meson test` runs it from then on).  Needs Debian's clang and libclang-rt-14-dev.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
secs=${FUZZ_SECONDS:-60}
targets=${*:-validate render build}
b=build-fuzz
if [ ! -f $b/build.ninja ]; then
  CC=clang meson setup $b -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C $b -j2 src/libminutes-core.a >/dev/null
libs=$(pkg-config --cflags --libs libxml-2.0 libxslt libexslt glib-2.0 gio-2.0 pango pangocairo \
       pangoft2 cairo cairo-pdf fontconfig freetype2 harfbuzz)
export MINUTES_DATA_DIR="$root"
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0
status=0
for t in $targets; do
  # shellcheck disable=SC2086
  clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Isrc -I$b tests/fuzz/fuzz_$t.c \
    $b/src/libminutes-core.a $libs -lm -o $b/fuzz_$t
  corpus=$b/corpus-$t
  mkdir -p "$corpus" "$b/crash-$t"
  case $t in
    validate) seeds="tests/fuzz/corpus/validate tests/validate tests/hostile/inputs input"; ext=xml ;;
    render)   seeds="tests/fuzz/corpus/render tests/layout tests/pdf tests/hostile/inputs"; ext=fo ;;
    build)    seeds="tests/fuzz/corpus/build tests/data input tests/validate"; ext=xml ;;
  esac
  for d in $seeds; do
    for f in "$d"/*."$ext"; do [ -f "$f" ] && cp "$f" "$corpus/"; done
  done
  echo "fuzz_$t: $(ls "$corpus" | wc -l) seeds, $secs s"
  if ! nice -n 10 $b/fuzz_$t "$corpus" -dict=tests/fuzz/minutes.dict -max_total_time="$secs" \
        -timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$b/crash-$t/" 2>"$b/fuzz_$t.log"; then
    echo "fuzz_$t: FOUND A PROBLEM — see $b/fuzz_$t.log and $b/crash-$t/"
    grep -a -m3 -E 'ERROR|runtime error|Test unit written' "$b/fuzz_$t.log" || true
    status=1
  else
    grep -a -E 'stat::number_of_executed_units|stat::new_units_added' "$b/fuzz_$t.log" | tr '\n' ' '
    echo "corpus: $(ls "$corpus" | wc -l) files"
  fi
done
exit $status
