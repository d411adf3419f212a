#!/usr/bin/env bash
# Installs what is missing, builds msp with -Wall -Wextra -Werror and runs every suite:
# arginfo and format checks, the C unit tests of src/core, the emulator's own tests and the phpt
# suite, the libFuzzer harnesses (scripts/fuzz.sh), the ASan + UBSan run (scripts/sanitize.sh), msp
# built with libcurl's features newer than 7.68 hidden (its http.c unit tests and the phpt suite
# again), the memory residue check (scripts/residue.sh), a short fault soak (scripts/soak.sh), the
# demo shop in a real browser (tests/browser/run.sh), the PECL package (scripts/package.sh) and the
# README's PHP blocks (scripts/readme-doctest.php), then the same suites on PHP 8.4 and 8.5
# (scripts/test-php-versions.sh). Ends with "N passed, N failed" and exits non-zero on any failure.
#   MSP_VALGRIND=1      run the phpt suite under valgrind (run-tests.php -m)
#   MSP_FUZZ_SECONDS=N  seconds per fuzz harness (default 20)
#   MSP_PHP_VERSIONS=0  skip the other PHP versions
set -uo pipefail
source "$(dirname "$0")/lib.sh"
root=$(msp_root)
cd "$root"
msp_install_missing "${MSP_PACKAGES[@]}" || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
step() { printf '\n== %s\n' "$*"; }

# Counts a suite by the last "N passed, N failed" line of its output ($1); no such line is one
# failure, and so is a non-zero exit code ($2, optional) with no failure counted. $3: a label for the
# count's own line.
count_summary() {
	local line suite_pass=0 suite_fail=1
	line=$(echo "$1" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -n "$line" ]; then
		read -r suite_pass _ suite_fail _ <<<"${line//,/}"
	fi
	[ "${2:-0}" -eq 0 ] || [ "$suite_fail" -gt 0 ] || suite_fail=1
	[ -z "${3:-}" ] || echo "$3: $suite_pass passed, $suite_fail failed"
	count "$suite_pass" "$suite_fail"
}

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
	tests/unit/*.c tests/fuzz/*.c tests/fuzz/*.h
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
count_summary "$emu_out" "$emu_rc" emulator

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

step "Fuzzing (libFuzzer + ASan + UBSan, ${MSP_FUZZ_SECONDS:-20} s per harness)"
# One test per harness (scripts/fuzz.sh prints ok/not ok for each).
fuzz_out=$(scripts/fuzz.sh 2>&1)
fuzz_rc=$?
echo "$fuzz_out" | grep -E '^(ok|not ok|#) '
count_summary "$fuzz_out" "$fuzz_rc" fuzz

step "ASan + UBSan: C unit tests and phpt suite (scripts/sanitize.sh)"
# Four tests: the instrumented build, the unit tests, the phpt suite, no sanitizer report.
sanitize_out=$(scripts/sanitize.sh 2>&1)
sanitize_rc=$?
echo "$sanitize_out" | grep -E '^(ok|not ok|#) '
count_summary "$sanitize_out" "$sanitize_rc" sanitizers

step "Older libcurl (features newer than 7.68 hidden: MSP_CURL_COMPAT=0x074400)"
# msp builds with libcurl 7.68 or newer and falls back where a newer feature is missing (config.m4,
# src/core/http.c). One test: msp built in its own folder with every feature libcurl added after 7.68
# hidden, as configure would find them on Ubuntu 20.04; configure must report them missing, and the C
# unit tests of http.c and the phpt suite must pass against that build. About a minute.
curl_compat_suite() {
	local dir="$root/.build/curl-compat" define="-DMSP_CURL_COMPAT=0x074400" so out
	so=$(MSP_BUILD_DIR="$dir" MSP_CFLAGS="$MSP_CFLAGS $define" scripts/build.sh | tail -n 1) && [ -f "$so" ] || return 1
	if ! grep -q 'has CURLOPT_PREREQFUNCTION (libcurl 7.80.0)... no' "$dir/configure.out"; then
		echo "configure did not report CURLOPT_PREREQFUNCTION missing"
		return 1
	fi
	CFLAGS="-O1 -g $define" make -s -C tests/unit BUILD_DIR="$dir/unit" "$dir/unit/test_http" || return 1
	if ! out=$(cd tests/unit && CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$dir/unit/test_http" 2>&1); then
		echo "$out" | grep -A3 -E '^not ok' | head -n 40
		echo "test_http failed"
		return 1
	fi
	out=$(MSP_EXTENSION="$so" NO_INTERACTION=1 timeout 600 php "$run_tests" -q -P -d "extension=$so" \
		-g FAIL,BORK,LEAK,WARN -j2 tests 2>&1)
	echo "$out" | sed -n '/^FAILED TEST SUMMARY/,/^=====/p; /^Tests \(passed\|failed\)/p' | head -n 40
	echo "$out" | grep -qE '^Tests failed *: *0 ' && ! echo "$out" | grep -qE '^Tests leaked *: *[1-9]' &&
		echo "$out" | grep -qE '^Tests passed *: *[1-9]'
}
check "msp with libcurl 7.68 fallbacks: build, http.c unit tests, phpt suite" curl_compat_suite

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
count_summary "$browser_out" "$browser_rc" browser # a non-zero exit: e.g. PHP errors in the shop's log

step "Package, IDE stub, README and plugin examples (scripts/package.sh, scripts/readme-doctest.php)"
check "ide/msp.php matches stubs/ and loads without msp" php scripts/gen-ide-stub.php --check
check "examples/woocommerce and examples/magento2: php -l" \
	bash -c 'for f in $(find examples/woocommerce examples/magento2 -name "*.php"); do php -l "$f" >/dev/null || exit 1; done'
# One test, about 1.5 minutes: pecl package, pecl install into a scratch folder, make test in the
# unpacked tarball (also as on a host without pdo_sqlite), pecl run-tests, composer.json for PIE.
package_out=$(scripts/package.sh 2>&1)
package_rc=$?
echo "$package_out" | grep -vE '^ok - '
if [ "$package_rc" -eq 0 ]; then
	echo "ok - PECL package: $(echo "$package_out" | tail -n 1)"
	count 1 0
else
	echo "not ok - PECL package"
	count 0 1
fi
# One test per PHP block of README.md, run as written against a fresh emulator.
readme_out=$(MSP_EXTENSION="$so" php -d "extension=$so" scripts/readme-doctest.php 2>&1)
echo "$readme_out" | grep -vE '^ok - |^    msp \{'
count_summary "$readme_out"

step "Other PHP versions (scripts/test-php-versions.sh)"
# About a minute once the packages are downloaded (.php-versions), 1.5 minutes the first time.
if [ "${MSP_PHP_VERSIONS:-1}" = 0 ]; then
	echo "skipped (MSP_PHP_VERSIONS=0)"
else
	versions_out=$(scripts/test-php-versions.sh 2>&1)
	echo "$versions_out" | grep -vE '^ok - '
	count_summary "$versions_out"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
