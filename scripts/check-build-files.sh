#!/usr/bin/env bash
# Fails when config.m4 or config.w32 does not list exactly the C sources under src/ (so the Windows
# build and a fresh pecl install compile the same files as this machine).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
actual=$(cd src && ls core/*.c php/*.c | sort)
m4=$(grep -oE 'src/(core|php)/[a-z_0-9]+\.c' config.m4 | sed 's#^src/##' | sort)
w32=$(
	awk '/ADD_SOURCES\(configure_module_dirname \+ "\/src\/core"/ {dir="core"} /ADD_SOURCES\(configure_module_dirname \+ "\/src\/php"/ {dir="php"}
		dir && match($0, /"[a-z_0-9. ]+\.c"/) { n = split(substr($0, RSTART + 1, RLENGTH - 2), f, " "); for (i = 1; i <= n; i++) print dir "/" f[i]; dir = "" }' config.w32 | sort
)
if [ "$actual" != "$m4" ]; then
	echo "config.m4 sources differ from src/:" >&2
	diff <(echo "$actual") <(echo "$m4") >&2 || true
	status=1
fi
if [ "$actual" != "$w32" ]; then
	echo "config.w32 sources differ from src/:" >&2
	diff <(echo "$actual") <(echo "$w32") >&2 || true
	status=1
fi
exit $status
