#!/usr/bin/env bash
# Installs what is missing, builds msp and runs the demonstration: card handling, then a whole
# checkout against the bundled MultiSafepay emulator (started here on a free port, stopped at exit),
# then the demo shop (examples/shop: nginx, php-fpm with msp, the emulator), served until Ctrl-C.
#
#   scripts/demo.sh              the CLI demo, then the shop: prints its URL and serves until Ctrl-C
#   scripts/demo.sh --no-shop    the CLI demo only, for scripts (or MSP_DEMO_SHOP=0)
#   MSP_SHOP_PORT=8080           the shop's port (a free one when 8080 is taken)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root=$(msp_root)
cd "$root"

shop=${MSP_DEMO_SHOP:-1}
for arg in "$@"; do
	case "$arg" in
	--no-shop) shop=0 ;;
	*)
		sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 2
		;;
	esac
done

msp_install_missing "${MSP_PACKAGES[@]}"

so=$(scripts/build.sh | tail -n 1)
php_msp=(php -d "extension=$so")

echo "== msp $("${php_msp[@]}" -r 'echo phpversion("msp");') built at $so"
echo
echo "######## Cards ########"
"${php_msp[@]}" examples/card.php
echo
echo "######## Checkout against the MultiSafepay emulator ########"
"${php_msp[@]}" examples/checkout.php

[ "$shop" = 0 ] && exit 0
echo
echo "######## The demo shop: click through it in a browser ########"
MSP_EXTENSION="$so" exec examples/shop/serve.sh
