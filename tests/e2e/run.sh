#!/usr/bin/env bash
# Runs Silian's browser tests (Playwright + axe-core) against the built binary.
# Called by the project's test script after the C++ build. Uses Debian's Chromium at
# /usr/bin/chromium; never downloads a browser. Extra arguments go to `playwright test`
# (e.g. ./run.sh specs/auth.spec.js -g district_admin).
#   SILIAN_BIN             binary to test (default ../../build/src/silian)
#   SILIAN_SCREENSHOT_DIR  where screenshots go (default ../../docs/screenshots)
set -uo pipefail
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Chromium, CJK fonts and libfaketime (support/clock-server.js: a server whose clock a test
# moves) come from Debian (a fresh machine may not have them yet).
if [ ! -x "${SILIAN_CHROMIUM:-/usr/bin/chromium}" ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" ||
  ! dpkg-query -W -f='${Status}' libfaketime 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk libfaketime) ||
      { echo "e2e: could not install chromium, fonts-noto-cjk and libfaketime" >&2; exit 1; }
  else
    echo "e2e: needs /usr/bin/chromium, fonts-noto-cjk and libfaketime (apt-get install -y chromium fonts-noto-cjk libfaketime)" >&2
    exit 1
  fi
fi

if [ ! -d node_modules/@playwright/test ] || [ ! -d node_modules/@axe-core/playwright ] || [ ! -d node_modules/exceljs ]; then
  npm ci --no-audit --no-fund || exit $?
fi

rm -f .out/results.json
npx --no-install playwright test "$@"
status=$?

# One plain closing line for CI logs.
if [ -f .out/results.json ]; then
  node -e '
    const s = require("./.out/results.json").stats || {};
    const failed = (s.unexpected || 0) + (s.flaky || 0);
    console.log(`e2e: ${s.expected || 0} passed, ${failed} failed` + (s.skipped ? `, ${s.skipped} skipped` : ""));
  ' || true
fi
exit $status
