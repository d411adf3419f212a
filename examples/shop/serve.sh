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
cd "$root"

command=()
if [ "${1:-}" = "--" ]; then
	shift
	command=("$@")
elif [ $# -gt 0 ]; then
	sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit 2
fi

so=${MSP_EXTENSION:-}
if [ -z "$so" ]; then
	so=$(scripts/build.sh | tail -n 1)
fi
[ -f "$so" ] || { echo "shop: no msp.so ($so)" >&2; exit 2; }
workers=${MSP_SHOP_WORKERS:-4}

# A free port on 127.0.0.1 (the kernel's choice), or $1 when nothing listens there.
port_for() {
	php -r '$want = (int) ($argv[1] ?? 0);
		$s = $want > 0 ? @stream_socket_server("tcp://127.0.0.1:$want") : false;
		if ($s === false) { $s = stream_socket_server("tcp://127.0.0.1:0"); }
		echo explode(":", stream_socket_get_name($s, false))[1];' -- "${1:-0}"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/msp-shop.XXXXXX")
emulator_pid=
fpm_pid=
cleanup() {
	trap - EXIT INT TERM
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
	[ -n "$fpm_pid" ] && kill "$fpm_pid" 2>/dev/null
	# serve.php leads its own process group: the group is the emulator and its php -S workers.
	[ -n "$emulator_pid" ] && kill -TERM -- "-$emulator_pid" 2>/dev/null
	[ -n "$fpm_pid" ] && wait "$fpm_pid" 2>/dev/null
	for _ in $(seq 1 50); do
		{ [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; } || [ -f "$work/nginx.pid" ] || break
		sleep 0.1
	done
	if [ "${MSP_SHOP_KEEP:-0}" = 1 ]; then
		echo "shop: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The emulator, with its database in the scratch folder; it stops by itself when this script is gone.
emu_port=$(port_for 0)
MSP_EMULATOR_DB="$work/emulator.sqlite" php tests/emulator/serve.php --port="$emu_port" --workers=4 \
	--parent=$$ --log="$work/emulator.log" >"$work/emulator.out" 2>&1 </dev/null &
for _ in $(seq 1 150); do
	emulator_pid=$(sed -n 's/^listening .* pid=\([0-9]*\)$/\1/p' "$work/emulator.out")
	[ -n "$emulator_pid" ] && break
	sleep 0.1
done
[ -n "$emulator_pid" ] || { echo "shop: the emulator did not start:" >&2; cat "$work/emulator.out" >&2; exit 2; }
emulator="http://127.0.0.1:$emu_port"

shop_port=$(port_for "${MSP_SHOP_PORT:-8080}")
fpm_port=$(port_for 0)
shop="http://127.0.0.1:$shop_port"

# php-fpm with msp loaded; as root it needs -R and a root pool.
as_root=()
pool_user=""
if [ "$(id -u)" -eq 0 ]; then
	as_root=(-R)
	pool_user=$'user = root\ngroup = root'
fi
cat >"$work/fpm.conf" <<CONF
[global]
pid = $work/fpm.pid
error_log = $work/fpm.log
daemonize = no
log_level = warning
[shop]
$pool_user
listen = 127.0.0.1:$fpm_port
pm = static
pm.max_children = $workers
request_terminate_timeout = 60s
catch_workers_output = yes
php_admin_flag[log_errors] = on
php_admin_value[error_log] = $work/php-errors.log
php_admin_flag[display_errors] = off
CONF
php-fpm8.2 "${as_root[@]}" -y "$work/fpm.conf" -d "extension=$so" </dev/null &
fpm_pid=$!

# nginx passes the shop's pages to php-fpm and serves nothing else (the style sheet is inlined).
public="$root/examples/shop/public"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
	access_log $work/nginx-access.log;
	client_body_temp_path $work/body;
	fastcgi_temp_path $work/fastcgi;
	proxy_temp_path $work/proxy;
	uwsgi_temp_path $work/uwsgi;
	scgi_temp_path $work/scgi;
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
}
CONF
nginx -c "$work/nginx.conf" || { echo "shop: nginx did not start" >&2; exit 2; }

code=0
for _ in $(seq 1 100); do
	code=$(php -r 'echo @file_get_contents($argv[1]) !== false ? 200 : 0;' -- "$shop/" 2>/dev/null)
	[ "$code" = 200 ] && break
	sleep 0.1
done
if [ "$code" != 200 ]; then
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
