#!/usr/bin/env bash
# The demo shop's browser tests: installs Debian's chromium and (with npm) the playwright-core
# that package-lock.json pins into the git-ignored node_modules/, starts the shop
# (examples/shop/serve.sh: nginx, php-fpm with msp, the emulator) and clicks through
# tests/browser/shop.test.mjs in headless chromium. Never downloads a browser of its own.
#
#   tests/browser/run.sh [--only=TEXT]
#   MSP_EXTENSION=path/msp.so   the msp build to load (default: scripts/build.sh builds it)
#   MSP_BROWSER_OUT=DIR         screenshots (default .build/browser, emptied first)
#   MSP_BROWSER_TIMEOUT=300     seconds for the whole run (about 20 s here)
#
# Ends with "N passed, N failed" (one test per scenario) and exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source scripts/lib.sh
source scripts/serve-lib.sh

fail_setup() {
	echo "browser: $*"
	echo "0 passed, 1 failed"
	exit 1
}

msp_install_missing "${MSP_PACKAGES[@]}" "${MSP_BROWSER_PACKAGES[@]}" || fail_setup "could not install the packages"
[ -x /usr/bin/chromium ] || fail_setup "no /usr/bin/chromium"

# playwright-core as package-lock.json pins it, installed again only when that version is missing.
wanted=$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version')
have=$(node -p 'try { require("./node_modules/playwright-core/package.json").version } catch { "" }' 2>/dev/null)
if [ "$wanted" != "$have" ]; then
	npm ci --no-audit --no-fund --loglevel=error >/dev/null || fail_setup "npm ci failed"
fi

so=$(msp_extension)
out=${MSP_BROWSER_OUT:-$root/.build/browser}
rm -rf "$out"
mkdir -p "$out"

# The shop gets a free port, not 8080: a demo may be running.
MSP_EXTENSION="$so" MSP_SHOP_PORT=0 timeout --kill-after=10 "${MSP_BROWSER_TIMEOUT:-300}" \
	examples/shop/serve.sh -- node tests/browser/shop.test.mjs --out="$out" "$@"
rc=$?
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "browser: stopped after ${MSP_BROWSER_TIMEOUT:-300} s"
	echo "0 passed, 1 failed"
fi
exit "$rc"
