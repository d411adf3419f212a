# Shared by scripts/test.sh, scripts/demo.sh and bench/run.sh: installs what is missing on Debian.
# Sourced, not run.

# Debian packages the project needs to build, test, demo and benchmark.
MSP_PACKAGES=(
	php8.2-dev php8.2-cli php8.2-cgi php8.2-sqlite3 php8.2-curl php8.2-fpm php-parser
	libcurl4-openssl-dev libssl-dev libjson-c-dev pkg-config libcmocka-dev
	gcc make valgrind clang-format nginx php-pear composer
)

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
