#!/usr/bin/env bash
# Builds msp against the other PHP versions Debian's suites serve (8.3, 8.4, 8.5) and runs the emulator's tests and the phpt suite with each; nothing is installed.
#
#   scripts/test-php-versions.sh [VERSION...]   default: 8.3 8.4 8.5
#
# For each version it looks through Debian's suites, most stable first (stable, testing, unstable,
# experimental), with a private apt configuration under the scratch folder (its own sources list,
# state and cache: the system's apt lists and dpkg database are never touched), downloads
# php<V>-cli, -common, -dev, -sqlite3, -curl, -readline, -opcache (where packaged) and the shared
# libraries they need from that suite, and unpacks them with dpkg -x. That PHP runs with the
# suite's own dynamic loader and libraries through a small wrapper (bin/php, which is also its
# PHP_BINARY, so the tests' child processes run the same PHP). msp is built with that version's
# phpize/php-config and this machine's gcc against its headers, with -Wall -Wextra -Werror.
# It also checks that configure refuses PHP 8.1 (Debian packages no 8.1: a php-config of this
# machine's PHP that reports 8.1.31 stands in for it).
#
# Prints one line per version ("8.4.27: N passed, N failed"), says which versions it could not
# obtain and why, and ends with the total "N passed, N failed"; exits non-zero on a failure.
#   MSP_PHP_VERSIONS_DIR       scratch folder (default .php-versions; downloads are kept)
#   MSP_PHP_VERSIONS_REQUIRED  versions that must be obtained (default 8.4, which Debian stable has)
#   MSP_PHP_VERSIONS_REFRESH=1 re-read the package indexes even when less than a day old
#   MSP_CFLAGS                 compiler flags (default: those of scripts/test.sh)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
# Not under .build/: a `make clean` there (scripts/build.sh) deletes every *.so below it.
scratch=${MSP_PHP_VERSIONS_DIR:-$root/.php-versions}
required=" ${MSP_PHP_VERSIONS_REQUIRED:-8.4} "
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(8.3 8.4 8.5)
suites=(stable testing unstable experimental)
# The flags of scripts/test.sh (php-src itself builds with these -Wno- flags; Zend's headers need them).
export MSP_CFLAGS=${MSP_CFLAGS:-"-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers"}
mkdir -p "$scratch"

passed=0
failed=0
summary=()
note() { printf '%s\n' "$*" >&2; }

# ---- A private apt per suite ---------------------------------------------------------------------

# The Debian mirror apt already uses here (first "…/debian" URI of the system's sources) and its
# keyring: the other suites come from the same host.
debian_mirror() {
	local uri
	uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
		grep -v '^[[:space:]]*#' |
		grep -oE '(https?|file)://[^[:space:]]+/debian/?([[:space:]]|$)' | head -n 1 | tr -d '[:space:]')
	printf '%s' "${uri%/}"
}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# apt-get/apt-cache options that keep everything of suite $1 under the scratch folder.
apt_opts() {
	local dir=$scratch/apt/$1
	printf '%s\n' -o "Dir::Etc::sourcelist=$dir/sources.list" -o "Dir::Etc::sourceparts=$dir/sources.list.d" \
		-o "Dir::Etc::preferences=$dir/preferences" -o "Dir::Etc::preferencesparts=$dir/preferences.d" \
		-o "Dir::State=$dir/state" -o "Dir::State::status=$dir/state/status" -o "Dir::Cache=$dir/cache" \
		-o "Dir::Log=$dir/log" -o "APT::Architecture=amd64" -o "APT::Architectures=amd64" \
		-o "Acquire::Languages=none" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1" -q
}

# Makes (or refreshes, when older than a day) the package index of suite $1; experimental sits on
# top of unstable. Returns non-zero with the reason in $reason.
suite_index() {
	local suite=$1 dir=$scratch/apt/$1 mirror
	mapfile -t opts < <(apt_opts "$suite")
	if [ -f "$dir/ready" ] && [ "${MSP_PHP_VERSIONS_REFRESH:-0}" != 1 ] &&
		[ -n "$(find "$dir/ready" -mmin -1440 2>/dev/null)" ]; then
		return 0
	fi
	mirror=$(debian_mirror)
	if [ -z "$mirror" ]; then
		reason="no Debian mirror in this machine's apt sources"
		return 1
	fi
	mkdir -p "$dir/sources.list.d" "$dir/preferences.d" "$dir/state/lists/partial" "$dir/cache/archives/partial" "$dir/log"
	: >"$dir/state/status"
	{
		[ "$suite" = experimental ] && echo "deb [signed-by=$keyring] $mirror unstable main"
		echo "deb [signed-by=$keyring] $mirror $suite main"
	} >"$dir/sources.list"
	if ! apt-get "${opts[@]}" update >"$dir/update.log" 2>&1; then
		reason="apt-get update of $suite failed: $(grep -E '^(E|W):' "$dir/update.log" | head -n 1)"
		return 1
	fi
	touch "$dir/ready"
}

# ---- Obtaining one version -----------------------------------------------------------------------

# Finds the most stable suite with php$1-cli; sets $suite, or $reason.
find_suite() {
	local v=$1 s tried=()
	for s in "${suites[@]}"; do
		suite_index "$s" || { tried+=("$s: $reason"); continue; }
		mapfile -t opts < <(apt_opts "$s")
		if apt-cache "${opts[@]}" madison "php$v-cli" 2>/dev/null | grep -qE "[[:space:]]$s/main|[[:space:]]$(codename "$s")/main"; then
			suite=$s
			return 0
		fi
		tried+=("$s: no php$v-cli")
	done
	local IFS=';'
	reason="not in any Debian suite (${tried[*]})"
	reason=${reason//;/; }
	return 1
}

# The codename of suite alias $1 (trixie for stable, ...), from its Release file.
codename() {
	sed -n 's/^Codename: //p' "$scratch/apt/$1"/state/lists/*_dists_"$1"_InRelease 2>/dev/null | head -n 1
}

# Downloads php$1 from $suite with the libraries it needs and unpacks them into $vdir/tree.
# Skips the download when the same package versions are unpacked already.
unpack_version() {
	local v=$1 runtime=() pkgs libs p uris
	mapfile -t opts < <(apt_opts "$suite")
	for p in cli common sqlite3 curl readline opcache; do
		apt-cache "${opts[@]}" show "php$v-$p/$suite" >/dev/null 2>&1 && runtime+=("php$v-$p/$suite")
	done
	# The shared libraries of the runtime packages, as that suite resolves them (no maintainer
	# scripts run, so debconf, ucf and perl are not needed).
	libs=$(apt-cache "${opts[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
		--no-replaces --no-enhances "${runtime[@]}" 2>/dev/null |
		grep -E '^(lib[a-z0-9.+-]+|zlib1g)$' | grep -vE -- '-(perl|dev|bin|doc)$' | sort -u)
	# msp.so's own libraries beyond what PHP pulls in: json-c reads every answer.
	# (apt-cache show answers 0 for a package the suite does not carry: ask what would be fetched.)
	for p in libjson-c5; do
		if [ -n "$(cd /tmp && apt-get "${opts[@]}" --print-uris download "$p/$suite" 2>/dev/null)" ]; then
			libs="$libs $p/$suite"
		else
			libs="$libs $p" # experimental carries only what changed: the rest comes from unstable
		fi
	done
	# shellcheck disable=SC2206
	pkgs=("${runtime[@]}" "php$v-dev/$suite" $libs)
	# The file names to fetch (name_version_arch.deb) tell whether the unpacked tree is current;
	# asked in an empty folder, as apt-get leaves out the files it finds already downloaded.
	rm -rf "$vdir/probe" && mkdir -p "$vdir/probe"
	uris=$(cd "$vdir/probe" && apt-get "${opts[@]}" --print-uris download "${pkgs[@]}" 2>"$vdir/download.log" |
		awk '{print $2}' | sort)
	rmdir "$vdir/probe"
	if [ -z "$uris" ]; then
		reason="apt-get could not resolve the packages: $(head -n 1 "$vdir/download.log")"
		return 1
	fi
	if [ -f "$vdir/tree/.packages" ] && [ "$uris" = "$(cat "$vdir/tree/.packages")" ]; then
		return 0
	fi
	note "php$v: downloading $(echo "$uris" | wc -l) packages from Debian $suite"
	rm -rf "$vdir/debs" "$vdir/tree"
	mkdir -p "$vdir/debs" "$vdir/tree"
	if ! (cd "$vdir/debs" && apt-get "${opts[@]}" download "${pkgs[@]}" >"$vdir/download.log" 2>&1); then
		reason="apt-get download failed: $(grep -E '^(E|W):' "$vdir/download.log" | head -n 1)"
		return 1
	fi
	for p in "$vdir"/debs/*.deb; do
		dpkg -x "$p" "$vdir/tree" || { reason="dpkg -x $(basename "$p") failed"; return 1; }
	done
	echo "$uris" >"$vdir/tree/.packages"
}

# Lays out $vdir/bin (php, php-config, phpize) and $vdir/php.ini around the unpacked tree.
make_wrappers() {
	local v=$1 r=$vdir/tree loader libdirs="" d api ini
	for d in "$r/usr/lib64" "$r/lib64" "$r/usr/lib/x86_64-linux-gnu"; do
		[ -x "$d/ld-linux-x86-64.so.2" ] && { loader=$d/ld-linux-x86-64.so.2; break; }
	done
	for d in "$r/usr/lib/x86_64-linux-gnu" "$r/lib/x86_64-linux-gnu"; do
		[ -d "$d" ] && libdirs=${libdirs:+$libdirs:}$d
	done
	api=$(find "$r/usr/lib/php" -mindepth 1 -maxdepth 1 -name '20*' -type d 2>/dev/null | head -n 1)
	if [ -z "${loader:-}" ] || [ -z "$api" ] || [ ! -f "$r/usr/bin/php$v" ] || [ ! -f "$r/usr/bin/phpize$v" ]; then
		reason="the unpacked packages lack the loader, php$v, phpize$v or the extension folder"
		return 1
	fi
	mkdir -p "$vdir/bin"
	# Debian's mods-available files, in their priority order, as phpenmod would enable them.
	ini=$vdir/php.ini
	{
		echo "; PHP $v from Debian $suite, for scripts/test-php-versions.sh"
		echo "extension_dir = \"$api\""
		for d in "$r"/usr/share/php"$v"-*/*/*.ini; do
			[ -f "$d" ] || continue
			printf '%s %s\n' "$(sed -n 's/^; *priority=//p' "$d" | head -n 1)" "$d"
		done | sort -n -k1,1 -k2 | while read -r _ d; do grep -vE '^[[:space:]]*;' "$d"; done
	} >"$ini"
	cat >"$vdir/bin/php" <<EOF
#!/bin/sh
# PHP $v from Debian $suite, run with that suite's loader and libraries; nothing of it is installed.
PHPRC="$ini" PHP_INI_SCAN_DIR= GCONV_PATH="$r/usr/lib/x86_64-linux-gnu/gconv" \\
	exec "$loader" --library-path "$libdirs" --argv0 "$vdir/bin/php" "$r/usr/bin/php$v" "\$@"
EOF
	# php-config and phpize name /usr: point them at the unpacked tree, the binary at the wrapper;
	# phpize keeps this machine's autoconf, libtool and shtool.
	sed -e "s|^prefix=\"/usr\"|prefix=\"$r/usr\"|" -e "s|^php_cli_binary=NONE|php_cli_binary=\"$vdir/bin/php\"|" \
		"$r/usr/bin/php-config$v" >"$vdir/bin/php-config"
	sed -e "s|^prefix='/usr'|prefix='$r/usr'|" -e 's|^aclocaldir=.*|aclocaldir="/usr/share/aclocal"|' \
		"$r/usr/bin/phpize$v" >"$vdir/bin/phpize"
	chmod +x "$vdir/bin/php" "$vdir/bin/php-config" "$vdir/bin/phpize"
	if [ "$("$vdir/bin/php-config" --php-binary)" != "$vdir/bin/php" ] ||
		[ "$("$vdir/bin/php-config" --include-dir)" != "$r/usr/include/php/$(basename "$api")" ]; then
		reason="php-config of php$v could not be pointed at the unpacked tree"
		return 1
	fi
	run_loader=$loader
	run_libdirs=$libdirs
}

# Every shared object the version loads resolves inside its own tree: nothing from this machine.
self_contained() {
	local f out bad=""
	for f in "$@"; do
		out=$("$run_loader" --library-path "$run_libdirs" --list "$f" 2>&1) || { bad+="$f: $out"$'\n'; continue; }
		bad+=$(echo "$out" | grep -E '=>' | grep -vE "=> ($vdir/tree/|\(0x)" | grep -v 'linux-vdso' | sed "s|^|$(basename "$f"): |")
	done
	[ -z "$bad" ] || { note "$bad"; return 1; }
}

# ---- Testing one version -------------------------------------------------------------------------

count() { vpassed=$((vpassed + $1)); vfailed=$((vfailed + $2)); }

test_version() {
	local v=$1 php full so out line api
	vdir=$scratch/$v
	if ! find_suite "$v"; then
		summary+=("$v: not obtained: $reason")
		return
	fi
	mkdir -p "$vdir"
	if ! unpack_version "$v" || ! make_wrappers "$v"; then
		summary+=("$v: not obtained from Debian $suite: $reason")
		return
	fi
	php=$vdir/bin/php
	full=$("$php" -n -r 'echo PHP_VERSION;' 2>&1)
	if ! [[ $full =~ ^$v\. ]]; then
		summary+=("$v: not obtained: its php does not run here: $full")
		return
	fi
	vpassed=0
	vfailed=0
	note ""
	note "== PHP $full from Debian $suite ($(grep -m1 "^php$v-cli_" "$vdir/tree/.packages"))"

	if so=$(PATH="$vdir/bin:$PATH" MSP_BUILD_DIR="$vdir/build" scripts/build.sh 2>"$vdir/build.err" | tail -n 1) && [ -f "$so" ]; then
		note "ok - build with $MSP_CFLAGS"
		count 1 0
	else
		note "not ok - build:"
		tail -n 30 "$vdir/build.err" >&2
		count 0 1
		line="$full: $vpassed passed, $vfailed failed (build failed)"
		summary+=("$line")
		passed=$((passed + vpassed))
		failed=$((failed + vfailed))
		return
	fi
	api=$(find "$vdir/tree/usr/lib/php" -mindepth 1 -maxdepth 1 -name '20*' -type d | head -n 1)
	if self_contained "$vdir/tree/usr/bin/php$v" "$api"/*.so "$so"; then
		note "ok - php$v, its extensions and msp.so load only the suite's libraries"
		count 1 0
	else
		note "not ok - a library resolves outside the unpacked tree"
		count 0 1
	fi

	# The emulator's own tests (E_ALL, deprecations fail them) with this PHP.
	out=$("$php" tests/emulator/tests/run.php 2>&1)
	echo "$out" | grep -E '^not ok' >&2
	line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -n "$line" ]; then
		read -r p _ f _ <<<"${line//,/}"
		count "$p" "$f"
		note "emulator: $line"
	else
		echo "$out" | tail -n 20 >&2
		count 0 1
	fi

	# The phpt suite with this version's run-tests.php; the emulator and shop endpoints it starts run
	# on the same PHP (PHP_BINARY is the wrapper).
	out=$(MSP_EXTENSION="$so" NO_INTERACTION=1 "$php" "$api/build/run-tests.php" -q -P -d "extension=$so" \
		-g FAIL,BORK,LEAK,WARN -j2 tests 2>&1)
	echo "$out" | sed -n '/^FAILED TEST SUMMARY/,/^=====/p' | head -n 40 >&2
	p=$(echo "$out" | sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p')
	f=$(echo "$out" | sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p')
	l=$(echo "$out" | sed -n 's/^Tests leaked *: *\([0-9]*\).*/\1/p')
	[ -n "$p" ] || { echo "$out" | tail -n 20 >&2; f=1; }
	count "${p:-0}" "$((${f:-1} + ${l:-0}))"
	note "phpt: ${p:-0} passed, $((${f:-1} + ${l:-0})) failed"

	summary+=("$full: $vpassed passed, $vfailed failed")
	passed=$((passed + vpassed))
	failed=$((failed + vfailed))
}

# configure on PHP 8.1 stops with the reason. Debian packages no 8.1, so this machine's php-config
# answers for it, saying 8.1.31.
test_refuses_81() {
	local dir=$scratch/8.1 out
	rm -rf "$dir"
	mkdir -p "$dir/bin" "$dir/src"
	cat >"$dir/bin/php-config" <<'EOF'
#!/bin/sh
case "$1" in
--version) echo 8.1.31 ;;
--vernum) echo 80131 ;;
*) exec php-config "$@" ;;
esac
EOF
	chmod +x "$dir/bin/php-config"
	cp -r config.m4 config.w32 php_msp.h msp.c src stubs "$dir/src/"
	if ! out=$(cd "$dir/src" && phpize >/dev/null 2>&1 && ./configure --enable-msp --with-php-config="$dir/bin/php-config" 2>&1) &&
		echo "$out" | grep -q 'msp needs PHP 8.2 or newer.*SensitiveParameter'; then
		summary+=("8.1: refused by configure, as it must be: $(echo "$out" | grep -o 'msp needs PHP 8.2 or newer[^,]*')")
		passed=$((passed + 1))
	else
		summary+=("8.1: NOT refused by configure")
		echo "$out" | tail -n 5 >&2
		failed=$((failed + 1))
	fi
	rm -rf "$dir"
}

for v in "${versions[@]}"; do
	before=${#summary[@]}
	test_version "$v"
	if [[ $required == *" $v "* ]] && [[ ${summary[$before]:-} == "$v: not obtained"* ]]; then
		failed=$((failed + 1))
		summary[before]+=" (required: counted as a failure)"
	fi
done
test_refuses_81

echo
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
