#!/usr/bin/env bash
# Regenerates stubs/*_arginfo.h from stubs/*.stub.php with PHP's own gen_stub.php, offline.
#   scripts/gen-arginfo.sh          regenerate in place
#   scripts/gen-arginfo.sh --check  regenerate into a scratch copy and fail if it differs from the
#                                   committed files (run by scripts/test.sh)
# gen_stub.php wants to download PHP-Parser 4.15.1 on first use; we give it Debian's php-parser
# (4.15.x, same API) through a scratch folder laid out the way it expects.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
php_bin=${PHP:-php}
build_dir=$("${PHP_CONFIG:-php-config}" --extension-dir)/build
[ -f "$build_dir/gen_stub.php" ] || build_dir=$("${PHP_CONFIG:-php-config}" --prefix)/lib/php/build
gen_stub="$build_dir/gen_stub.php"
[ -f "$gen_stub" ] || { echo "gen-arginfo: gen_stub.php not found (install php8.2-dev)" >&2; exit 1; }
[ -d /usr/share/php/PhpParser ] || { echo "gen-arginfo: PHP-Parser not found (install php-parser)" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/tool/PHP-Parser-4.15.1/lib"
cp "$gen_stub" "$scratch/tool/gen_stub.php"
ln -s /usr/share/php/PhpParser "$scratch/tool/PHP-Parser-4.15.1/lib/PhpParser"

if [ "${1:-}" = "--check" ]; then
	cp -r "$root/stubs" "$scratch/stubs"
	rm -f "$scratch"/stubs/*_arginfo.h
	"$php_bin" "$scratch/tool/gen_stub.php" "$scratch/stubs" >/dev/null
	if ! diff -ru "$root/stubs" "$scratch/stubs" >"$scratch/diff"; then
		echo "gen-arginfo: committed arginfo differs from the stubs; run scripts/gen-arginfo.sh" >&2
		cat "$scratch/diff" >&2
		exit 1
	fi
	echo "gen-arginfo: arginfo matches the stubs"
else
	"$php_bin" "$scratch/tool/gen_stub.php" -f "$root/stubs"
fi
