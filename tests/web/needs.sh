# tests/web/needs.sh: sourced by the web checks (run.sh, search.sh).  web_needs WHAT [MISSING…]:
# check what every web check needs — node, chromium (/usr/bin/chromium or $CHROMIUM) and
# tests/web's npm packages (./setup installs them) — besides the MISSING pieces the caller
# found; without them, say so and exit: 77 (skipped) with a line naming what is missing,
# except in CI (CI=true), where a missing piece fails the check (exit 1).  $here is the folder
# of the checks.
web_needs () {
  what=$1; shift
  missing=""
  for m in "$@"; do missing="$missing $m"; done
  command -v node >/dev/null 2>&1 || missing="$missing node"
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium"
  [ -d "$here/node_modules/axe-core" ] && [ -d "$here/node_modules/playwright-core" ] \
    || missing="$missing tests/web/node_modules (npm ci --prefix tests/web)"
  [ -z "$missing" ] && return 0
  if [ "${CI:-}" = true ]; then
    echo "FAIL: the $what cannot run in CI: missing$missing (./setup installs them)"
    exit 1
  fi
  echo "SKIP: $what: missing$missing; run ./setup to install them"
  exit 77
}
