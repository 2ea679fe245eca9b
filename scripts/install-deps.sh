#!/usr/bin/env bash
# Installs what Silian needs on Debian 12, only when something is missing.
#   scripts/install-deps.sh run    build and run
#   scripts/install-deps.sh test   plus PostgreSQL, Chromium, fonts and npm packages
set -euo pipefail
mode="${1:-run}"
packages=(build-essential cmake ninja-build pkg-config ccache git
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3 nlohmann-json3-dev libkainjow-mustache-dev
  libsodium-dev libopencc-dev libcmark-gfm-dev libxlsxwriter-dev libqrencode-dev libmimalloc-dev
  libspdlog-dev libcli11-dev libgtest-dev libbenchmark-dev)
if [ "$mode" = "test" ]; then
  packages+=(postgresql chromium fonts-noto-cjk python3-jsonschema python3-icalendar libfaketime)
  # Node.js may come from elsewhere (this machine kind ships NodeSource's, whose npm
  # conflicts with Debian's): install Debian's only when there is no node at all.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ "$mode" = "test" ]; then
  if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules ]; then
    (cd tests/e2e && npm ci --no-audit --no-fund)
  fi
fi
