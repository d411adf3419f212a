#!/usr/bin/env bash
# Builds msp.so with AddressSanitizer and UndefinedBehaviorSanitizer (.build/asan) and runs the C unit
# tests and the phpt suite with it; fails on any failing test and on any sanitizer report.
#
# The php binary is Debian's, not instrumented, so the ASan runtime that matches the compiler is
# preloaded into it (see instrumented_php) and run-tests.php runs with --asan: PHP's allocator is
# switched off (USE_ZEND_ALLOC=0, so ASan sees every emalloc'ed block msp touches) and timeouts
# are tripled.
# Leak detection stays on for the php processes too, with suppressions that all name glibc's
# dynamic loader, never msp or PHP: add_to_global_resize and add_name_to_object keep their
# bookkeeping of dlopen'ed modules (every extension) until the module is unloaded, which at exit
# never happens (a plain `php -r ''` reports the first); _dlerror_run and
# _dl_exception_create_format hold the last dlerror() text, reachable only from a thread-local
# (php-cgi). Without them every php process reports about 800 bytes; with them a leak of msp's
# (malloc'ed and unreachable at exit) is a report like any other. Thread-local storage is not
# scanned (use_tls=0): LeakSanitizer's tracer of gcc 12 crashes ("Tracer caught signal 11", a DTLS
# range at 0x4b7) on the dynamic TLS of a dlopen'ed module whose thread-locals (msp's) a process
# never touched; msp's thread-locals hold no heap pointer that a leak check needs (scanned or not,
# the suite gives no report of msp's). Every ASan report goes to a file under .build/asan/reports; one file is a failure.
# UBSan's runtime (gcc's libubsan, beside a preloaded ASan) prints to stderr whatever log_path says,
# but -fno-sanitize-recover=all makes it end the process at the first report, which fails the test
# that caused it (the php -S servers of the end-to-end tests included: their client gets no answer).
# Prints "ok - ..." / "not ok - ..." per step, then "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
root=$(msp_root)
cd "$root"
msp_install_missing "${MSP_PACKAGES[@]}" || {
	echo "not ok - sanitizers: packages"
	echo "0 passed, 1 failed"
	exit 1
}

asan_dir="$root/.build/asan"
reports="$asan_dir/reports"
rm -rf "$reports"
mkdir -p "$reports"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
passed=0
failed=0
result() {
	if [ "$1" -eq 0 ]; then
		echo "ok - $2"
		passed=$((passed + 1))
	else
		echo "not ok - $2"
		failed=$((failed + 1))
	fi
}

# halt_on_error: the first report ends the process (and so fails its test); log_path: every report
# is also a file, counted at the end.
asan_common="halt_on_error=1:abort_on_error=0:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"

# 1. msp.so with the sanitizers (same warnings as scripts/test.sh).
so=$(MSP_BUILD_DIR="$asan_dir/ext" \
	MSP_CFLAGS="$san -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers" \
	MSP_LDFLAGS="-fsanitize=address,undefined" scripts/build.sh | tail -n 1)
[ -f "$so" ]
result $? "msp.so built with ASan and UBSan"

# 2. The C unit tests, compiled with the sanitizers, leak detection on.
unit_out=$(CFLAGS="-O1 -g $san" ASAN_OPTIONS="$asan_common:detect_leaks=1:log_path=$reports/unit" \
	make -s -C tests/unit BUILD_DIR="$asan_dir/unit" check 2>&1)
unit_rc=$?
# A test that cannot run under ASan says "not ok ... # SKIP": skipped, not failed.
unit_pass=$(echo "$unit_out" | grep -cE '^ok ')
unit_skip=$(echo "$unit_out" | grep -E '^not ok ' | grep -c '# SKIP')
unit_fail=$(echo "$unit_out" | grep -E '^not ok ' | grep -vc '# SKIP')
echo "$unit_out" | grep -E '^(not ok|Bail)' | grep -v '# SKIP' | head -n 20
[ "$unit_rc" -eq 0 ] && [ "$unit_fail" -eq 0 ] && [ "$unit_pass" -gt 0 ]
result $? "C unit tests under ASan and UBSan: $unit_pass passed, $unit_fail failed, $unit_skip skipped"

# The php that runs the tests: Debian's binary, started through the dynamic loader with the ASan
# runtime preloaded (--preload, not LD_PRELOAD: the tests start shells, pkill and curl, which must
# not inherit the runtime; uninstrumented programs can hang in it). --argv0 names this wrapper, so
# PHP_BINARY is the wrapper and the php -S servers the tests start are instrumented too. The same
# for php-cgi, which the tests that send a request body (--POST--) run.
# PHP loads extensions with dlopen(RTLD_DEEPBIND), which the ASan runtime refuses (a library bound
# deep would call its own malloc, not ASan's). A build of PHP with ASan leaves the flag out; Debian's
# php does not, so a shim preloaded before the runtime takes it out of every dlopen (and the runtime
# is told not to insist on coming first).
instrumented_php() {
	mkdir -p "$asan_dir/preload"
	cat >"$asan_dir/preload/no_deepbind.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

void *dlopen(const char *file, int mode)
{
	static void *(*next)(const char *, int);
	if (next == NULL) {
		next = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	}
	return next(file, mode & ~RTLD_DEEPBIND);
}
C
	gcc -shared -fPIC -O1 -o "$asan_dir/preload/no_deepbind.so" "$asan_dir/preload/no_deepbind.c" -ldl || return 1
	local libasan sapi bin loader
	libasan=$(readlink -f "$(gcc -print-file-name=libasan.so)")
	# php, and php-cgi beside it: run-tests.php finds it there for the tests with a --POST-- section.
	for sapi in php php-cgi; do
		bin=$(readlink -f "$(command -v "$sapi")")
		loader=$(ldd "$bin" | awk '/ld-linux/ { print $1 }')
		[ -x "$loader" ] && [ -f "$libasan" ] || return 1
		cat >"$asan_dir/$sapi" <<SH
#!/bin/sh
exec "$loader" --preload "$asan_dir/preload/no_deepbind.so $libasan" --argv0 "\$0" "$bin" "\$@"
SH
		chmod +x "$asan_dir/$sapi"
	done
}

# 3. The phpt suite with the instrumented msp.so.
printf 'leak:%s\n' add_to_global_resize add_name_to_object _dlerror_run _dl_exception_create_format >"$asan_dir/lsan.supp"
if [ -f "$so" ] && instrumented_php; then
	run_tests="$(php-config --extension-dir)/build/run-tests.php"
	[ -f "$run_tests" ] || run_tests="$(php-config --prefix)/lib/php/build/run-tests.php"
	phpt_out=$(TEST_PHP_EXECUTABLE="$asan_dir/php" ASAN_OPTIONS="$asan_common:detect_leaks=1:verify_asan_link_order=0:log_path=$reports/php" \
		LSAN_OPTIONS="suppressions=$asan_dir/lsan.supp:print_suppressions=0:use_tls=0" \
		ZEND_DONT_UNLOAD_MODULES=1 MSP_EXTENSION="$so" NO_INTERACTION=1 \
		php "$run_tests" -q --asan -d "extension=$so" -g FAIL,BORK,LEAK,WARN -j2 tests 2>&1)
	echo "$phpt_out" | sed -n '/^FAILED TEST SUMMARY/,/^=====/p' | head -n 40
	phpt_pass=$(echo "$phpt_out" | sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p')
	phpt_fail=$(echo "$phpt_out" | sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p')
	phpt_leak=$(echo "$phpt_out" | sed -n 's/^Tests leaked *: *\([0-9]*\).*/\1/p')
	phpt_fail=$((${phpt_fail:-1} + ${phpt_leak:-0}))
	[ "${phpt_pass:-0}" -gt 0 ] && [ "$phpt_fail" -eq 0 ]
	result $? "phpt suite under ASan and UBSan: ${phpt_pass:-0} passed, $phpt_fail failed"
else
	result 1 "phpt suite under ASan and UBSan: no msp.so or no instrumented php"
fi

# 4. Not one report, from any process (php -S servers and php-fpm included).
report_files=$(find "$reports" -type f | wc -l)
if [ "$report_files" -gt 0 ]; then
	find "$reports" -type f | head -n 5 | while read -r f; do
		echo "# $f:"
		grep -E 'ERROR: |SUMMARY: |runtime error' "$f" | head -n 3 | sed 's/^/#   /'
	done
fi
[ "$report_files" -eq 0 ]
result $? "no sanitizer report ($report_files files in .build/asan/reports)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
