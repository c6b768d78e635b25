#!/bin/sh
# The help, the man pages and the bash completion agree: every command `minutes --help`
# lists has a section in man/minutes.1 and man/ja/minutes.1 and a branch in the completion;
# `minutes CMD --help` exits 0 and every option it names is documented in that command's
# section of both man pages and completed in its branch; nothing documented or completed
# is a command that does not exist.  Then the completion is run, as bash runs it.
set -u
: "${MINUTES:?}" "${SOURCE_ROOT:?}"
en=$SOURCE_ROOT/man/minutes.1
ja=$SOURCE_ROOT/man/ja/minutes.1
comp=$SOURCE_ROOT/completion/minutes.bash
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail () { echo "FAIL: $*"; failed=1; }
# (man/, completion/ belong to the staff-experience work, issue 8: a new command or option
#  is documented there, in English and Japanese, and completed.)

# Roff source as plain text: \- is -, font changes vanish.
plain () { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$1"; }
# The section of command $2 in man page $1 (from its .SS to the next .SS or .SH).
section () { plain "$1" | awk -v c="$2" '
  /^\.S[SH] / { on = index($0, ".SS \"minutes " c " ") == 1 || $0 == ".SS \"minutes " c "\"" }
  on { print }'; }
# The completion's branch for command $1.
branch () { awk -v c="$1" '
  $0 ~ "^    " c "\\)" { on = 1; print; next }
  on && /^    [a-z*]+\)/ { on = 0 }
  on { print }' "$comp"; }
has_word () { grep -qE -- "(^|[^A-Za-z0-9-])$1([^A-Za-z0-9-]|\$)"; }
options_of () { grep -oE -- '(^|[][ ,(|])--?[A-Za-z][A-Za-z-]*' | sed 's/^[][ ,(|]//' | sort -u; }

"$MINUTES" --help > "$tmp/help" || fail "minutes --help exited non-zero"
commands=$(sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$tmp/help")
[ -n "$commands" ] || fail "no commands found in minutes --help"

# Global options.
for opt in $(options_of < "$tmp/help"); do
  plain "$en" | sed -n '/^\.SH GLOBAL OPTIONS/,/^\.SH /p' | has_word "$opt" || fail "man/minutes.1 GLOBAL OPTIONS lacks $opt"
  plain "$ja" | sed -n '/^\.SH 全体のオプション/,/^\.SH /p' | has_word "$opt" || fail "man/ja/minutes.1 全体のオプション lacks $opt"
  sed -n '/-z \$cmd/,/^  fi/p' "$comp" | has_word "$opt" || fail "the completion does not offer the global option $opt"
done

pending=
for c in $commands; do
  for page in "$en" "$ja"; do
    [ -n "$(section "$page" "$c")" ] || fail "${page#"$SOURCE_ROOT"/} has no section .SS \"minutes $c ...\""
  done
  grep -E '^  local commands=' "$comp" | has_word "$c" || fail "the completion's command list lacks $c"
  [ -n "$(branch "$c")" ] || fail "the completion has no branch for $c"

  "$MINUTES" "$c" --help > "$tmp/c.help" 2>&1; rc=$?
  if grep -q 'is not available in this build yet' "$tmp/c.help"; then
    pending="$pending $c"; continue
  fi
  [ $rc -eq 0 ] || { fail "minutes $c --help exited $rc"; continue; }
  opts=$(options_of < "$tmp/c.help")
  [ -n "$opts" ] || fail "minutes $c --help names no option (not even --help)"
  for opt in $opts; do
    [ "$opt" = --data-dir ] && continue   # a global option, mentioned in passing
    section "$en" "$c" | has_word "$opt" || fail "man/minutes.1, section 'minutes $c', lacks $opt"
    section "$ja" "$c" | has_word "$opt" || fail "man/ja/minutes.1, section 'minutes $c', lacks $opt"
    branch "$c" | has_word "$opt" || fail "the completion for '$c' does not offer $opt"
  done
done

# Nothing documented or completed that is not a command.
extra () { fail "$*"; }
for page in "$en" "$ja"; do
  for c in $(plain "$page" | sed -n 's/^\.SS "minutes \([a-z-]*\).*/\1/p'); do
    echo "$commands" | grep -qx "$c" || extra "${page#"$SOURCE_ROOT"/} documents '$c', which minutes --help does not list"
  done
done
for c in $(sed -n 's/^  local commands="\(.*\)"/\1/p' "$comp"); do
  echo "$commands" | grep -qx "$c" || extra "the completion offers '$c', which minutes --help does not list"
done

# The completion at work, in a folder with one file of each kind.
mkdir "$tmp/w" "$tmp/w/sub" && cd "$tmp/w" && touch a.xml b.fo c.txt d.pdf
complete_line () {  # the words of the line, the last being the one completed
  bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _minutes; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' "$comp" "$@"
}
expect () { want=$1; shift; got=$(complete_line "$@"); [ "$got" = "$want" ] || fail "completing '$*': got '$got', expected '$want'"; }
expect "validate " minutes va
expect "--council " minutes new --co
expect "--shard " minutes build --sh
expect "--merge " minutes build --me
expect " " minutes build --shard ''   # K/N: nothing to complete, no file
expect "a.xml sub " minutes validate ''
expect "a.xml sub " minutes --data-dir sub build ''
expect "b.fo sub " minutes render ''
expect "d.pdf sub " minutes render b.fo -o ''
expect "sub " minutes --data-dir ''
expect "--data-dir " minutes --da
for c in $commands; do
  got=$(complete_line minutes "$c" --)
  echo "$got" | has_word --help || fail "completing 'minutes $c --' does not offer --help (got '$got')"
done

[ -n "$pending" ] && echo "note: not yet on this branch, options unchecked:$pending"
[ $failed -eq 0 ] && echo "ok: $(echo $commands | wc -w) commands agree in help, man pages and completion"
exit $failed
