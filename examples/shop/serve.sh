#!/usr/bin/env bash
# Runs the demo shop the way shops run: nginx -> php-fpm (msp loaded) -> the shop's pages, with the
# bundled MultiSafepay emulator as the payment provider, all on 127.0.0.1 in a scratch folder that
# goes away with every process started here.
#
#   examples/shop/serve.sh                 serves until Ctrl-C (scripts/demo.sh runs it)
#   examples/shop/serve.sh -- CMD ARGS...  runs CMD against the running shop, then stops; exits with CMD's
#                                          status (tests/browser/run.sh). CMD gets SHOP_URL, SHOP_EMULATOR_URL
#                                          and SHOP_WORK (the scratch folder) in its environment.
#
#   MSP_EXTENSION=path/msp.so  the msp build to load (default: scripts/build.sh builds it)
#   MSP_SHOP_PORT=8080         the shop's port (default 8080, or a free one when 8080 is taken)
#   MSP_SHOP_WORKERS=4         php-fpm workers: the emulator notifies the shop while a checkout or a
#                              refund waits for the emulator, so at least 2
#   MSP_SHOP_KEEP=1            keep the scratch folder (databases, logs) and print its path
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/scripts/serve-lib.sh"
cd "$root"

command=()
if [ "${1:-}" = "--" ]; then
	shift
	command=("$@")
elif [ $# -gt 0 ]; then
	sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit 2
fi

so=$(msp_extension)
[ -f "$so" ] || { echo "shop: no msp.so ($so)" >&2; exit 2; }
workers=${MSP_SHOP_WORKERS:-4}

work=$(mktemp -d "${TMPDIR:-/tmp}/msp-shop.XXXXXX")
emulator_pid=
fpm_pid=
cleanup() {
	trap - EXIT INT TERM
	msp_nginx_stop "$work"
	[ -n "$fpm_pid" ] && kill "$fpm_pid" 2>/dev/null
	# serve.php leads its own process group: the group is the emulator and its php -S workers.
	[ -n "$emulator_pid" ] && kill -TERM -- "-$emulator_pid" 2>/dev/null
	[ -n "$fpm_pid" ] && wait "$fpm_pid" 2>/dev/null
	for _ in $(seq 1 50); do
		{ [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; } || [ -f "$work/nginx.pid" ] || break
		sleep 0.1
	done
	msp_remove_scratch "$work" "${MSP_SHOP_KEEP:-0}" shop
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The emulator, with its database in the scratch folder; it stops by itself when this script is gone.
emu_port=$(msp_free_port)
MSP_EMULATOR_DB="$work/emulator.sqlite" php tests/emulator/serve.php --port="$emu_port" --workers=4 \
	--parent=$$ --log="$work/emulator.log" >"$work/emulator.out" 2>&1 </dev/null &
for _ in $(seq 1 150); do
	emulator_pid=$(sed -n 's/^listening .* pid=\([0-9]*\)$/\1/p' "$work/emulator.out")
	[ -n "$emulator_pid" ] && break
	sleep 0.1
done
[ -n "$emulator_pid" ] || { echo "shop: the emulator did not start:" >&2; cat "$work/emulator.out" >&2; exit 2; }
emulator="http://127.0.0.1:$emu_port"

shop_port=$(msp_port_if_free "${MSP_SHOP_PORT:-8080}")
fpm_port=$(msp_free_port)
shop="http://127.0.0.1:$shop_port"

# php-fpm with msp loaded; PHP's errors go to a log of their own, never into a page.
msp_fpm_conf "$work/fpm" shop "$fpm_port" "$workers" warning "request_terminate_timeout = 60s" \
	"php_admin_flag[log_errors] = on" "php_admin_value[error_log] = $work/php-errors.log" \
	"php_admin_flag[display_errors] = off"
msp_fpm_start "$work/fpm.conf" -d "extension=$so"
fpm_pid=$msp_fpm_pid

# nginx passes the shop's pages to php-fpm and serves nothing else (the style sheet is inlined).
public="$root/examples/shop/public"
msp_nginx_conf "$work" 256 <<CONF
	access_log $work/nginx-access.log;
	server {
		listen 127.0.0.1:$shop_port;
		location = / { rewrite ^ /index.php last; }
		location ~ ^/(index|checkout|return|notify|admin)\.php\$ {
			include /etc/nginx/fastcgi_params;
			fastcgi_param SCRIPT_FILENAME $public/\$1.php;
			fastcgi_param SHOP_URL $shop/;
			fastcgi_param SHOP_API $emulator/v1/json/;
			fastcgi_param SHOP_KEY emulator-test-key;
			fastcgi_param SHOP_DB $work/shop.sqlite;
			fastcgi_pass 127.0.0.1:$fpm_port;
			fastcgi_read_timeout 60s;
		}
		location / { return 404; }
	}
CONF
msp_nginx_start "$work" || { echo "shop: nginx did not start" >&2; exit 2; }

if ! msp_wait_for_status "$shop/" 200 >/dev/null; then
	echo "shop: the shop does not answer at $shop/" >&2
	tail -n 20 "$work/fpm.log" "$work/nginx-error.log" "$work/php-errors.log" 2>/dev/null >&2
	exit 2
fi

if [ ${#command[@]} -gt 0 ]; then
	SHOP_URL="$shop/" SHOP_EMULATOR_URL="$emulator/" SHOP_WORK="$work" "${command[@]}"
	rc=$?
	if [ -s "$work/php-errors.log" ]; then
		echo "shop: PHP errors (first 10 lines):"
		head -n 10 "$work/php-errors.log"
		[ "$rc" -eq 0 ] && rc=1
	fi
	exit "$rc"
fi

cat <<TEXT
The demo shop is running (nginx, php-fpm with msp $(php -d "extension=$so" -r 'echo phpversion("msp");'), the MultiSafepay emulator):

    shop       $shop/
    admin      $shop/admin.php
    emulator   $emulator/_emulator/info  (3-D Secure pages, notifications: $emulator/_emulator/notifications)

Test cards are listed under the checkout form ("Test cards"). Ctrl-C stops everything.
TEXT
wait "$fpm_pid"
echo "shop: php-fpm stopped" >&2
exit 1
