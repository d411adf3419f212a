#!/usr/bin/env bash
# Builds the extension out of tree: the sources are copied into a build folder (default .build/,
# or $MSP_BUILD_DIR) and phpize/configure/make run there, so the checkout stays clean and several
# builds (plain, ASan) can live side by side. Prints the path of the built msp.so last.
#   MSP_CFLAGS   extra compiler flags (scripts/test.sh passes -Wall -Wextra -Werror)
#   MSP_LDFLAGS  extra linker flags
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MSP_BUILD_DIR:-$root/.build}
mkdir -p "$build"

# Copy only what the build needs; a stamp-free rsync-like sync with cp keeps unchanged files'
# timestamps so make rebuilds only what changed.
sync_sources() {
	(cd "$root" && find config.m4 config.w32 php_msp.h msp.c src stubs tests -type f \
		! -path 'tests/unit/build/*' -print0) |
		while IFS= read -r -d '' f; do
			if ! cmp -s "$root/$f" "$build/$f"; then
				mkdir -p "$build/$(dirname "$f")"
				cp -p "$root/$f" "$build/$f"
			fi
		done
}

# Files deleted or renamed in the checkout are removed from the build too; their dependency files
# would otherwise name headers that no longer exist.
remove_stale() {
	local stale=0 f
	while IFS= read -r -d '' f; do
		if [ ! -e "$root/$f" ]; then
			rm -f "$build/$f"
			case "$f" in *.c | *.h) stale=1 ;; esac
		fi
	done < <(cd "$build" && find src stubs tests -type f \( -name '*.c' -o -name '*.h' -o -name '*.phpt' -o -name '*.inc' \) -print0 2>/dev/null)
	if [ "$stale" = 1 ] && [ -f "$build/Makefile" ]; then
		(cd "$build" && make clean >/dev/null && find . -name '*.dep' -delete)
	fi
}

sync_sources
remove_stale
cd "$build"
if [ ! -f Makefile ] || [ config.m4 -nt Makefile ] || [ "${MSP_CFLAGS:-}" != "$(cat .msp_cflags 2>/dev/null)" ]; then
	phpize >phpize.out 2>&1 || { cat phpize.out >&2; exit 1; }
	CFLAGS="-O2 -g ${MSP_CFLAGS:-}" LDFLAGS="${MSP_LDFLAGS:-}" ./configure --enable-msp >configure.out 2>&1 ||
		{ cat configure.out >&2; exit 1; }
	printf '%s' "${MSP_CFLAGS:-}" >.msp_cflags
	make clean >/dev/null
fi
make -j"$(nproc)" >make.out 2>&1 || { cat make.out >&2; exit 1; }
grep -E 'warning:' make.out >&2 || true
echo "$build/modules/msp.so"
