#!/usr/bin/env bash
# Installs what is missing, builds msp with -Wall -Wextra -Werror and runs every suite:
# arginfo and format checks, the C unit tests of src/core, the emulator's own tests and the phpt
# suite, the memory residue check (scripts/residue.sh), a short fault soak (scripts/soak.sh), the demo
# shop in a real browser (tests/browser/run.sh), then the same suites on PHP 8.4 and 8.5
# (scripts/test-php-versions.sh). Ends with "N passed, N failed" and exits non-zero on any failure.
#   MSP_VALGRIND=1     run the phpt suite under valgrind (run-tests.php -m)
#   MSP_PHP_VERSIONS=0 skip the other PHP versions
set -uo pipefail
source "$(dirname "$0")/lib.sh"
root=$(msp_root)
cd "$root"
msp_install_missing "${MSP_PACKAGES[@]}" || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
step() { printf '\n== %s\n' "$*"; }

# A check that is one test: passes when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then
		echo "ok - $name"
		count 1 0
	else
		echo "not ok - $name"
		count 0 1
	fi
}

step "Generated files and formatting"
check "arginfo matches stubs" scripts/gen-arginfo.sh --check
check "clang-format" clang-format --dry-run --Werror msp.c php_msp.h src/core/*.c src/core/*.h src/php/*.c src/php/*.h \
	tests/unit/*.c
check "README status table matches src/core/status.c" scripts/gen-readme-tables.sh --check
check "config.m4 and config.w32 list every source" scripts/check-build-files.sh
check "package.xml lists every package file" php scripts/gen-package-xml.php --check

step "Build (-Wall -Wextra -Werror)"
# php-src itself builds with -Wno-unused-parameter and -Wno-sign-compare; Zend's headers need them.
export MSP_CFLAGS="-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers"
if so=$(scripts/build.sh | tail -n 1) && [ -f "$so" ]; then
	echo "ok - build: $so"
	count 1 0
else
	echo "not ok - build"
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
fi

step "C unit tests (cmocka, src/core)"
unit_out=$(make -s -C tests/unit BUILD_DIR="$root/.build/unit" check 2>&1)
unit_rc=$?
echo "$unit_out" | grep -E '^(not ok|# |Bail)' || true
unit_pass=$(echo "$unit_out" | grep -cE '^ok ')
unit_fail=$(echo "$unit_out" | grep -cE '^not ok ')
if [ "$unit_rc" -ne 0 ] && [ "$unit_fail" -eq 0 ]; then
	echo "$unit_out" | tail -n 30
	unit_fail=1
fi
echo "unit: $unit_pass passed, $unit_fail failed"
count "$unit_pass" "$unit_fail"

step "Emulator tests (no extension)"
emu_out=$(php tests/emulator/tests/run.php 2>&1)
emu_rc=$?
echo "$emu_out" | grep -vE '^(ok|PASS)' | tail -n 40
emu_line=$(echo "$emu_out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
if [ -n "$emu_line" ]; then
	read -r emu_pass _ emu_fail _ <<<"${emu_line//,/}"
else
	emu_pass=0
	emu_fail=1
fi
[ "$emu_rc" -eq 0 ] || [ "$emu_fail" -gt 0 ] || emu_fail=1
echo "emulator: $emu_pass passed, $emu_fail failed"
count "$emu_pass" "$emu_fail"

step "phpt suite"
run_tests="$(php-config --extension-dir)/build/run-tests.php"
[ -f "$run_tests" ] || run_tests="$(php-config --prefix)/lib/php/build/run-tests.php"
phpt_args=(-q -P -d "extension=$so" -g FAIL,BORK,LEAK,WARN)
[ "${MSP_VALGRIND:-0}" = 1 ] && phpt_args+=(-m)
# The end-to-end tests start a php -S shop endpoint that must load the same msp.so.
phpt_out=$(MSP_EXTENSION="$so" NO_INTERACTION=1 php "$run_tests" "${phpt_args[@]}" -j2 tests 2>&1)
echo "$phpt_out" | sed -n '/^FAILED TEST SUMMARY/,/^=====/p; /^Tests /p' | head -n 60
phpt_pass=$(echo "$phpt_out" | sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p')
phpt_fail=$(echo "$phpt_out" | sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p')
phpt_leak=$(echo "$phpt_out" | sed -n 's/^Tests leaked *: *\([0-9]*\).*/\1/p')
phpt_pass=${phpt_pass:-0}
phpt_fail=$((${phpt_fail:-1} + ${phpt_leak:-0}))
echo "phpt: $phpt_pass passed, $phpt_fail failed"
count "$phpt_pass" "$phpt_fail"

step "Memory residue (scripts/residue.sh: card data and key left in CLI and php-fpm memory)"
residue_out=$(MSP_EXTENSION="$so" scripts/residue.sh 2>&1)
residue_rc=$?
echo "$residue_out" | grep -E 'NOT OK|failed|error|Error' | tail -n 40
read -r residue_pass residue_fail < <(echo "$residue_out" | sed -n 's/^residue: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p')
residue_pass=${residue_pass:-0}
residue_fail=${residue_fail:-1}
[ "$residue_rc" -eq 0 ] || [ "$residue_fail" -gt 0 ] || residue_fail=1
echo "residue: $residue_pass passed, $residue_fail failed"
count "$residue_pass" "$residue_fail"

step "Fault soak, short (scripts/soak.sh: nginx, php-fpm, msp, the emulator with faults and restarts)"
# One test: fails when a cart is charged twice, a paid order is unknown to the shop or a worker crashed.
check "soak: 200 checkouts, 15% faults, 3 emulator restarts" \
	env MSP_EXTENSION="$so" MSP_SOAK_CHECKOUTS=200 MSP_SOAK_RESTARTS=3 scripts/soak.sh

step "Demo shop in a real browser (tests/browser/run.sh: chromium, playwright-core, nginx, php-fpm, the emulator)"
# One test per scenario; about 20 s here (the first run also installs chromium), stopped after 300 s.
browser_out=$(MSP_EXTENSION="$so" MSP_BROWSER_TIMEOUT=300 tests/browser/run.sh 2>&1)
browser_rc=$?
echo "$browser_out" | grep -vE '^[0-9]+ passed, [0-9]+ failed$'
browser_line=$(echo "$browser_out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
if [ -n "$browser_line" ]; then
	read -r browser_pass _ browser_fail _ <<<"${browser_line//,/}"
else
	browser_pass=0
	browser_fail=1
fi
[ "$browser_rc" -eq 0 ] || [ "$browser_fail" -gt 0 ] || browser_fail=1   # e.g. PHP errors in the shop's log
echo "browser: $browser_pass passed, $browser_fail failed"
count "$browser_pass" "$browser_fail"

step "Other PHP versions (scripts/test-php-versions.sh)"
# About a minute once the packages are downloaded (.php-versions), 1.5 minutes the first time.
if [ "${MSP_PHP_VERSIONS:-1}" = 0 ]; then
	echo "skipped (MSP_PHP_VERSIONS=0)"
else
	versions_out=$(scripts/test-php-versions.sh 2>&1)
	echo "$versions_out" | grep -vE '^ok - '
	versions_line=$(echo "$versions_out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -n "$versions_line" ]; then
		read -r versions_pass _ versions_fail _ <<<"${versions_line//,/}"
	else
		versions_pass=0
		versions_fail=1
	fi
	count "$versions_pass" "$versions_fail"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
