#!/usr/bin/env bash
# Installs what is missing, builds msp and runs the demonstration: card handling, then a whole
# checkout against the bundled MultiSafepay emulator (started here on a free port, stopped at exit).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root=$(msp_root)
cd "$root"
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
