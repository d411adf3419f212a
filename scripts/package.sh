#!/usr/bin/env bash
# Builds the PECL tarball, installs it with pecl into a scratch folder and runs its tests from it, as a host would: a broken package fails.
#
#   scripts/package.sh     prints "ok - ..." per check and ends with "N passed, N failed"; exits non-zero on a failure
#   MSP_PACKAGE_KEEP=1     keep the scratch folder (its path is printed); by default it is removed
#   MSP_PACKAGE_OUT=DIR    copy the tarball (msp-VERSION.tgz) into DIR
#
# 1. `pecl package` in a copy of exactly the files package.xml lists (the checkout stays clean).
# 2. `pecl install` of that tarball with a PEAR configuration of its own (`pear config-create`): its
#    registry, tests and docs go to the scratch folder, and a php-config placed first on PATH names a
#    scratch extension directory, so nothing of the system's PHP is written (pecl copies msp.so to
#    whatever `php-config --extension-dir` says). The installed msp.so must load and the docs (LICENSE,
#    msp.ini, the IDE stub) must be there.
# 3. msp.ini's load priority as Debian's own php-helper (phpenmod) reads it, and with the system's
#    conf.d plus that file (PHP_INI_SCAN_DIR) msp must load before curl and wipe libcurl's buffers.
# 4. `make test` in the unpacked tarball (phpize, configure, make): run-tests.php runs PHP with -n, so
#    a test that needs another extension fails unless it declares it or skips. Then once more as on a
#    host without pdo_sqlite, where the emulator cannot run: its tests must skip, none may fail.
# 5. `pecl run-tests` of the installed package with the installed msp.so (PEAR's own runner, with
#    the system's php.ini).
# 6. composer.json: `composer validate` and PIE's php-ext rules (scripts/check-composer-json.php);
#    the IDE stub package (ide/) installs as a Composer dev dependency from pecl's doc folder, and
#    nothing of it is autoloaded.
# About a minute and a half on 2 cores (two builds of msp, the phpt suite twice).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
root=$(msp_root)
cd "$root" || exit 1
msp_install_missing php-pear composer "${MSP_PACKAGES[@]}" || { echo "0 passed, 1 failed"; exit 1; }
# The tarball's own build is under test, never a msp.so from the environment.
unset MSP_EXTENSION

scratch=$(mktemp -d "${TMPDIR:-/tmp}/msp-package.XXXXXX")
if [ "${MSP_PACKAGE_KEEP:-0}" = 1 ]; then
	echo "scratch folder: $scratch"
else
	trap 'rm -rf "$scratch"' EXIT
fi

passed=0
failed=0
ok() {
	echo "ok - $*"
	passed=$((passed + 1))
}
not_ok() {
	echo "not ok - $*"
	failed=$((failed + 1))
}
# Shows the end of a log after a failure.
show() { sed -e 's/^/    /' "$1" | tail -n "${2:-40}"; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

version=$(sed -n 's/^#define PHP_MSP_VERSION "\(.*\)"/\1/p' php_msp.h)
tarball=msp-$version.tgz

# ---- 1. the tarball ------------------------------------------------------------------------------

if php scripts/gen-package-xml.php --check >"$scratch/gen.log" 2>&1; then
	ok "package.xml lists every package file"
else
	not_ok "package.xml is out of date"
	show "$scratch/gen.log"
fi
mkdir -p "$scratch/src"
php -r '$x = simplexml_load_file("package.xml"); foreach ($x->contents->dir->file as $f) echo $f["name"], "\n";' >"$scratch/files"
# shellcheck disable=SC2046
tar -cf - package.xml $(cat "$scratch/files") | tar -xf - -C "$scratch/src"
if (cd "$scratch/src" && pecl package package.xml) >"$scratch/package.log" 2>&1 && [ -f "$scratch/src/$tarball" ]; then
	ok "pecl package: $tarball ($(du -k "$scratch/src/$tarball" | cut -f1) KiB, $(wc -l <"$scratch/files") files)"
	mv "$scratch/src/$tarball" "$scratch/$tarball"
	[ -n "${MSP_PACKAGE_OUT:-}" ] && mkdir -p "$MSP_PACKAGE_OUT" && cp "$scratch/$tarball" "$MSP_PACKAGE_OUT/"
else
	not_ok "pecl package"
	show "$scratch/package.log"
	finish
fi

# ---- 2. pecl install into the scratch folder ------------------------------------------------------

pear_root=$scratch/pear-root
pear_conf=$scratch/pear.conf
prefix=$scratch/prefix
ext_dir=$prefix/lib/php/extensions
pear config-create "$pear_root" "$pear_conf" >/dev/null
bin_dir=$(pecl -c "$pear_conf" config-get bin_dir)
doc_dir=$(pecl -c "$pear_conf" config-get doc_dir)/msp
test_dir=$(pecl -c "$pear_conf" config-get test_dir)/msp
mkdir -p "$bin_dir"
# pecl puts bin_dir first on PATH and builds with the php-config it finds there: this one is the
# system's, except for the prefix and the extension directory, which are the scratch folder's.
real_php_config=$(command -v php-config)
cat >"$bin_dir/php-config" <<EOF
#!/bin/sh
case "\$1" in
--prefix) echo "$prefix" ;;
--extension-dir) echo "$ext_dir" ;;
*) exec "$real_php_config" "\$@" ;;
esac
EOF
chmod +x "$bin_dir/php-config"
system_ext_dir=$("$real_php_config" --extension-dir)
touch "$scratch/before-install"
if MAKEFLAGS=-j"$(nproc)" pecl -c "$pear_conf" install -D 'enable-msp="yes"' "$scratch/$tarball" \
	</dev/null >"$scratch/install.log" 2>&1 && grep -q "^install ok: channel://pecl.php.net/msp-$version" "$scratch/install.log"; then
	ok "pecl install $tarball: $(grep -o "Installing '[^']*msp.so'" "$scratch/install.log" | sed "s#$scratch#<scratch>#")"
else
	not_ok "pecl install $tarball"
	show "$scratch/install.log"
fi
# (Only msp's own files are looked at: other programs may touch that directory meanwhile.)
written=$(find "$system_ext_dir" -maxdepth 1 -name 'msp*' -newer "$scratch/before-install" 2>/dev/null)
if [ -z "$written" ]; then
	ok "pecl install wrote no msp.so into the system's extension directory"
else
	not_ok "pecl install wrote into the system's extension directory: $written"
fi
so=$ext_dir/msp.so
ri=$(php -n -d "extension=$so" --ri msp 2>&1)
if [ -f "$so" ] && grep -q "^msp version => $version\$" <<<"$ri"; then
	ok "the installed msp.so loads: php --ri msp says version $version"
else
	not_ok "the installed msp.so does not load"
	sed -e 's/^/    /' <<<"$ri" | head -n 20
fi
missing_docs=""
for doc in LICENSE msp.ini README.md composer.json ide/msp.php ide/composer.json; do
	[ -f "$doc_dir/$doc" ] && cmp -s "$doc_dir/$doc" "$doc" || missing_docs+=" $doc"
done
if [ -z "$missing_docs" ]; then
	ok "pecl installed LICENSE, msp.ini, README.md, composer.json and the IDE stub (ide/) into its doc_dir"
else
	not_ok "missing or different in pecl's doc_dir:$missing_docs"
fi

# ---- 3. the load order on Debian -----------------------------------------------------------------

php_version=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
if [ -r /usr/lib/php/php-helper ]; then
	# Debian's own code (what phpenmod runs), pointed at a scratch /etc/php.
	sed "s#/etc/php/#$scratch/etc/php/#g" /usr/lib/php/php-helper >"$scratch/php-helper"
	mkdir -p "$scratch/etc/php/$php_version/mods-available"
	cp "$doc_dir/msp.ini" "$scratch/etc/php/$php_version/mods-available/msp.ini"
	link=$(sh -c '. "$1"; p=$(get_priority "$2" cli msp) && get_live_link "$2" cli msp "$p"' _ \
		"$scratch/php-helper" "$php_version")
	link_name=$(basename "$link")
	curl_ini=$(ls /etc/php/"$php_version"/cli/conf.d/*-curl.ini 2>/dev/null | head -n 1)
	if [ -n "$curl_ini" ] && [[ "$link_name" < "$(basename "$curl_ini")" ]]; then
		ok "phpenmod would enable msp as $link_name, before $(basename "$curl_ini")"
	else
		not_ok "phpenmod would enable msp as $link_name, not before curl (${curl_ini:-no curl ini})"
	fi
	# The system's conf.d with that file added: the order PHP really loads them in.
	mkdir -p "$scratch/conf.d"
	cp /etc/php/"$php_version"/cli/conf.d/*.ini "$scratch/conf.d/"
	sed "s#^extension=msp\$#extension=$so#" "$doc_dir/msp.ini" >"$scratch/conf.d/$link_name"
	order=$(PHP_INI_SCAN_DIR=$scratch/conf.d php -r '$e = array_map("strtolower", get_loaded_extensions());
		echo array_search("msp", $e) !== false && array_search("msp", $e) < array_search("curl", $e) ? "before" : "after";' 2>&1)
	wiped=$(PHP_INI_SCAN_DIR=$scratch/conf.d php --ri msp 2>&1 | sed -n 's/^libcurl buffers wiped on free => //p')
	if [ "$order" = before ] && [[ "$wiped" == "yes (msp initialised libcurl"* ]]; then
		ok "with the system's conf.d and $link_name, msp loads before curl and libcurl's buffers are wiped"
	else
		not_ok "with the system's conf.d and $link_name: msp loads $order curl, libcurl buffers wiped: ${wiped:-?}"
	fi
else
	not_ok "no /usr/lib/php/php-helper (Debian's php-common) to read msp.ini's priority with"
fi

# ---- 4. make test in the unpacked tarball -------------------------------------------------------

mkdir -p "$scratch/unpacked"
tar -xzf "$scratch/$tarball" -C "$scratch/unpacked"
tree=$scratch/unpacked/msp-$version
if (cd "$tree" && phpize && ./configure --enable-msp && make -j"$(nproc)") >"$scratch/build.log" 2>&1; then
	ok "phpize, configure and make in the unpacked tarball"
	(cd "$tree" && NO_INTERACTION=1 make test TESTS="-q -j$(nproc) tests") >"$scratch/make-test.log" 2>&1
	rc=$?
	tests_passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$scratch/make-test.log")
	tests_failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$scratch/make-test.log")
	tests_skipped=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$scratch/make-test.log")
	if [ "$rc" -eq 0 ] && [ "${tests_passed:-0}" -gt 0 ] && [ "${tests_failed:-1}" -eq 0 ] && [ "${tests_skipped:-1}" -eq 0 ]; then
		ok "make test in the unpacked tarball: $tests_passed passed, none skipped"
	else
		not_ok "make test in the unpacked tarball: ${tests_passed:-0} passed, ${tests_failed:-?} failed, ${tests_skipped:-?} skipped"
		sed -n '/^SKIP/p; /^FAILED TEST SUMMARY/,/^=====/p' "$scratch/make-test.log" | sed -e 's/^/    /' | head -n 40
	fi
	# A host without php-sqlite3: the emulator cannot run there, and its tests must skip, not fail.
	printf '#!/bin/sh\nexec %s -n -d extension_dir=/nonexistent "$@"\n' "$(command -v php)" >"$scratch/php-without-sqlite"
	chmod +x "$scratch/php-without-sqlite"
	(cd "$tree" && MSP_EMULATOR_PHP=$scratch/php-without-sqlite NO_INTERACTION=1 make test TESTS="-q -j$(nproc) tests") \
		>"$scratch/make-test-no-sqlite.log" 2>&1
	rc=$?
	tests_passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$scratch/make-test-no-sqlite.log")
	tests_failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$scratch/make-test-no-sqlite.log")
	tests_skipped=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$scratch/make-test-no-sqlite.log")
	if [ "$rc" -eq 0 ] && [ "${tests_failed:-1}" -eq 0 ] && [ "${tests_skipped:-0}" -gt 0 ]; then
		ok "make test where the emulator cannot run (no pdo_sqlite): $tests_skipped skipped with the reason, $tests_passed passed, none failed"
	else
		not_ok "make test where the emulator cannot run: ${tests_failed:-?} failed, ${tests_skipped:-?} skipped"
		sed -n '/^FAILED TEST SUMMARY/,/^=====/p' "$scratch/make-test-no-sqlite.log" | sed -e 's/^/    /' | head -n 40
	fi
else
	not_ok "phpize, configure and make in the unpacked tarball"
	show "$scratch/build.log"
fi

# ---- 5. pecl run-tests of the installed package --------------------------------------------------

if [ -d "$test_dir" ]; then
	(cd "$scratch" && pecl -c "$pear_conf" run-tests -p -i " -d extension=$so" msp) >"$scratch/pecl-run-tests.out" 2>&1
	rc=$?
	pear_passed=$(sed -n 's/^\([0-9]*\) PASSED TESTS/\1/p' "$scratch/pecl-run-tests.out")
	pear_skipped=$(sed -n 's/^\([0-9]*\) SKIPPED TESTS/\1/p' "$scratch/pecl-run-tests.out")
	if [ "$rc" -eq 0 ] && [ "${pear_passed:-0}" -gt 0 ] && [ "${pear_skipped:-1}" -eq 0 ] &&
		! grep -q "FAILED TESTS" "$scratch/pecl-run-tests.out"; then
		ok "pecl run-tests of the installed package: $pear_passed passed, none skipped"
	else
		not_ok "pecl run-tests of the installed package: ${pear_passed:-0} passed, ${pear_skipped:-?} skipped"
		grep -E "^(FAIL|SKIP)" "$scratch/pecl-run-tests.out" | sed -e "s#$scratch#<scratch>#; s/^/    /" | head -n 20
	fi
else
	not_ok "pecl installed no tests"
fi

# ---- 6. Composer: PIE's composer.json and the IDE stub package ----------------------------------

export COMPOSER_HOME=$scratch/composer-home COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1 COMPOSER_DISABLE_NETWORK=1
# Debian 12's Composer (2.5) has no php-ext schema yet and warns that the property is unknown; every
# other finding fails. The php-ext rules themselves are checked by check-composer-json.php.
composer validate --no-check-publish --no-check-lock "$root/composer.json" >"$scratch/validate.log" 2>&1
rc=$?
unexpected=$(grep -E '^- ' "$scratch/validate.log" | grep -v 'The property php-ext is not defined')
if [ "$rc" -eq 0 ] && [ -z "$unexpected" ]; then
	ok "composer validate composer.json ($(composer --version 2>/dev/null | grep -o 'Composer version [^ ]*'))"
else
	not_ok "composer validate composer.json"
	show "$scratch/validate.log"
fi
if php scripts/check-composer-json.php >"$scratch/check-composer.log" 2>&1; then
	ok "composer.json follows PIE's php-ext rules (extension-name, priority, configure-options) and agrees with the package"
else
	not_ok "composer.json and PIE's php-ext rules"
	show "$scratch/check-composer.log"
fi
project=$scratch/shop-project
mkdir -p "$project"
cat >"$project/composer.json" <<EOF
{
    "name": "example/shop",
    "require-dev": {"msp/msp-stubs": "$version"},
    "repositories": [
        {"type": "path", "url": "$doc_dir/ide", "options": {"symlink": false}},
        {"packagist.org": false}
    ]
}
EOF
if composer install -d "$project" --no-progress >"$scratch/composer-install.log" 2>&1 &&
	cmp -s "$project/vendor/msp/msp-stubs/msp.php" ide/msp.php &&
	php -n -d "extension=$so" -r 'require $argv[1]; echo class_exists("Msp\\Card", false) ? "ok" : "no msp";' \
		"$project/vendor/autoload.php" 2>&1 | grep -qx ok; then
	ok "composer require --dev msp/msp-stubs:$version from pecl's doc_dir: the stub is in vendor/ and not autoloaded"
else
	not_ok "the IDE stub package as a Composer dev dependency"
	show "$scratch/composer-install.log"
fi

finish
