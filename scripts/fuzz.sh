#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (clang, ASan + UBSan) and runs each for a bounded time
# from its committed seed corpus; fails on any crash, sanitizer report, leak, timeout or broken promise.
#   MSP_FUZZ_SECONDS  seconds per harness (default 20; README names the longer run)
#   scripts/fuzz.sh [redact json ...]   only these harnesses (default: every tests/fuzz/fuzz_*.c)
# Prints "ok - fuzz_NAME ..." or "not ok - fuzz_NAME ..." per harness, then "N passed, N failed".
# The crashing input is kept in .build/fuzz/artifacts/; the log of each run in .build/fuzz/logs/
# (libFuzzer dumps the input bytes there: test data only, never shown here).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
root=$(msp_root)
cd "$root"
msp_install_missing "${MSP_PACKAGES[@]}" "${MSP_FUZZ_PACKAGES[@]}" || {
	echo "not ok - fuzz: packages"
	echo "0 passed, 1 failed"
	exit 1
}

seconds=${MSP_FUZZ_SECONDS:-20}
build="$root/.build/fuzz"
mkdir -p "$build/logs" "$build/artifacts"

if ! make -s -C tests/fuzz BUILD_DIR="$build" -j"$(nproc)" >"$build/logs/build.log" 2>&1; then
	tail -n 30 "$build/logs/build.log"
	echo "not ok - fuzz: build"
	echo "0 passed, 1 failed"
	exit 1
fi

if [ $# -gt 0 ]; then
	targets=("${@/#/fuzz_}")
else
	targets=()
	for f in tests/fuzz/fuzz_*.c; do
		targets+=("$(basename "$f" .c)")
	done
fi

passed=0
failed=0
for t in "${targets[@]}"; do
	name=${t#fuzz_}
	work="$build/corpus/$name" # new inputs go here; the committed seeds stay as they are
	mkdir -p "$work"
	log="$build/logs/$name.log"
	# Leaks count (ASan's leak check is on); one input may take 10 s at most, 2 GB of memory.
	"$build/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$name-" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ]; then
		echo "ok - $t: ${runs:-?} inputs in ${seconds} s, corpus $(find "$work" -type f | wc -l) files"
		passed=$((passed + 1))
	else
		echo "not ok - $t (exit $rc): log $log"
		grep -E 'promise broken|invariant broken|ERROR: |SUMMARY: |runtime error|Test unit written' "$log" | head -n 8 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
