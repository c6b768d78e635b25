#!/bin/sh
# tests/hostile/run.sh: the hostile-input corpus.  Each line of cases.txt names an input
# (a file in inputs/, or gen:KIND made by gen.sh at test time), the command to run on it,
# the exit code it must give, a pattern its diagnostics must match, and checks of the output.
# Every case must finish within its time limit (cases.txt), and on every case:
#   - nothing of /etc/passwd appears in the messages, the output or the PDF's text;
#   - no sanitizer report appears (ASan, UBSan, LeakSanitizer);
#   - no temporary file is left next to the output (writes are atomic).
# A command may start with LANG=xx_XX.UTF-8 (the messages in that language).
# Usage: run.sh [--command validate|render|build] [NAME...]   (only those cases).  HOSTILE_TIME_SCALE multiplies the limits
# (tests/run sets it for the sanitizer build).
set -u
here=$(cd "$(dirname "$0")" && pwd)
M=${MINUTES:?set MINUTES to the minutes program}
scale=${HOSTILE_TIME_SCALE:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
only_command=${HOSTILE_COMMAND:-}
if [ "${1:-}" = "--command" ]; then only_command=$2; shift 2; fi
pass=0 fail=0
passwd_line=$(head -1 /etc/passwd)   # "root:x:0:0:…": must never leak

bad () { fail=$((fail + 1)); echo "FAIL: $name: $*"; sed 's/^/    | /' "$tmp/err" | head -8; }

# check NAME ARG: one of the output checks of cases.txt.
check () {
  case $1 in
    nopdf)    [ -z "$(ls "$tmp/out" | grep '\.pdf$')" ] || { echo "a PDF was written despite the error"; return 1; } ;;
    pdf=*)    [ -s "$pdf" ] || { echo "no ${1#pdf=} was written"; return 1; } ;;
    pages=*)  n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
              [ "$n" = "${1#pages=}" ] || { echo "PDF has ${n:-no} pages, want ${1#pages=}"; return 1; } ;;
    pages\>=*) n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
              [ "${n:-0}" -ge "${1#pages>=}" ] || { echo "PDF has ${n:-no} pages, want at least ${1#pages>=}"; return 1; } ;;
    text~*)   pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr -d '\n\f' | grep -Eq -- "${1#text~}" \
                || { echo "the PDF's text does not match ${1#text~}"; return 1; } ;;
    actions)  python3 "$here/pdf-actions.py" "$pdf" || { echo "the PDF can do more than follow links (pdf-actions.py)"; return 1; } ;;
    stdout~*) grep -Eq -- "${1#stdout~}" "$tmp/stdout" || { echo "stdout does not match ${1#stdout~}"; return 1; } ;;
    *) echo "unknown check $1"; return 1 ;;
  esac
}

while IFS='|' read -r name input cmd want pattern limit checks; do
  name=$(echo "$name" | tr -d ' ')
  case $name in ''|'#'*) continue ;; esac
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  input=$(echo "$input" | tr -d ' '); cmd=$(echo "$cmd" | sed 's/^ *//; s/ *$//')
  lang=""
  case $cmd in LANG=*) lang=${cmd%% *}; cmd=${cmd#* } ;; esac
  if [ -n "$only_command" ]; then
    case $cmd in "$only_command "*) ;; *) continue ;; esac
  fi
  want=$(echo "$want" | tr -d ' '); limit=$(echo "$limit" | tr -d ' ')
  pattern=$(echo "$pattern" | sed 's/^ *//; s/ *$//')
  rm -rf "$tmp/in" "$tmp/out"; mkdir -p "$tmp/in" "$tmp/out"
  case $input in
    gen:*) ext=xml; case $input in *-fo) ext=fo ;; esac
           in=$tmp/in/$name.$ext; sh "$here/gen.sh" "${input#gen:}" "$in" || { bad "gen.sh failed"; continue; } ;;
    *)     in=$tmp/in/$input; cp "$here/inputs/$input" "$in" ;;
  esac
  # The command line: @IN@ is the input, @OUT@ the output folder.
  args=$(echo "$cmd" | sed "s|@IN@|$in|g; s|@OUT@|$tmp/out|g")
  secs=$(awk -v l="$limit" -v s="$scale" 'BEGIN { printf "%d", l * s + 0.5 }')
  start=$(date +%s)
  # shellcheck disable=SC2086
  (cd "$tmp/in" && exec env ${lang:+-u LC_ALL -u LANGUAGE $lang} timeout "$secs" "$M" $args) >"$tmp/stdout" 2>"$tmp/err"
  st=$?
  took=$(( $(date +%s) - start ))
  if [ $st = 124 ]; then bad "took longer than $secs s"; continue; fi
  if [ "$st" != "$want" ]; then bad "exit $st, want $want"; continue; fi
  if [ "$pattern" != "-" ] && ! grep -Eq -- "$pattern" "$tmp/err"; then
    bad "the diagnostics do not match /$pattern/"; continue; fi
  if [ "$pattern" = "-" ] && [ "$want" = 0 ] && grep -q 'error' "$tmp/err"; then
    bad "exit 0 but an error was printed"; continue; fi
  if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$tmp/err"; then
    bad "a sanitizer complained"; continue; fi
  leaked=0
  for f in "$tmp/stdout" "$tmp/err"; do grep -qF "$passwd_line" "$f" && leaked=1; done
  for f in "$tmp/out"/*.pdf; do
    [ -e "$f" ] && pdftotext "$f" - 2>/dev/null | grep -qF "$passwd_line" && leaked=1
    [ -e "$f" ] && grep -qaF "$passwd_line" "$f" && leaked=1
  done
  if [ $leaked = 1 ]; then bad "the content of /etc/passwd leaked into the output"; continue; fi
  stray=$(ls -A "$tmp/out" | grep -v -e '^[^.].*\.pdf$' -e '^[^.].*\.html$' -e '^SHA256SUMS$' -e '^\.summaries$' \
                                 -e '^pagefind$' -e '^search\.js$' | head -3)
  if [ -n "$stray" ]; then bad "left behind in the output folder: $stray"; continue; fi
  failed=""
  pdf=$tmp/out/out.pdf   # the PDF the checks look at (pdf=NAME changes it)
  for c in $checks; do
    case $c in pdf=*) pdf=$tmp/out/${c#pdf=} ;; esac
    why=$(check "$c") || { failed=$why; break; }
  done
  if [ -n "$failed" ]; then bad "$failed"; continue; fi
  pass=$((pass + 1))
  echo "ok: $name (${took}s)"
done <"$here/cases.txt"

echo "hostile: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
