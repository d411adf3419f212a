# Shared by scripts/test.sh, scripts/demo.sh and bench/run.sh: installs what is missing on Debian.
# Sourced, not run.

# Debian packages the project needs to build, test, demo and benchmark.
MSP_PACKAGES=(
	php8.2-dev php8.2-cli php8.2-cgi php8.2-sqlite3 php8.2-curl php8.2-fpm php-parser
	libcurl4-openssl-dev libssl-dev libjson-c-dev pkg-config libcmocka-dev
	gcc make valgrind clang-format nginx openssl
)

# The browser tests (tests/browser/run.sh): Debian's chromium, and npm for playwright-core unless
# npm is there already (a Node.js installed from elsewhere conflicts with Debian's npm package).
MSP_BROWSER_PACKAGES=(chromium)
command -v npm >/dev/null 2>&1 || MSP_BROWSER_PACKAGES+=(npm)

# Installs the packages that are not installed yet: one `apt-get update`, one `apt-get install`.
msp_install_missing() {
	local missing=() pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "Installing missing packages: ${missing[*]}"
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

msp_root() {
	cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}
