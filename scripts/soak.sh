#!/usr/bin/env bash
# The fault soak (README "Reliability"): msp run as shops run it, with the faults of issue 11.
#
#   nginx -> php-fpm (4 workers, msp loaded) -> the shop (tests/soak/shop: checkout, notification,
#   3-D Secure return) -> msp -> the emulator (serve.php, 6 workers) with faults aimed at 15% of
#   the checkouts and restarts during the run; then the notifications settle and the shop's records
#   are reconciled with the emulator's database. All on 127.0.0.1, in a scratch folder that goes
#   away at the end with every process the soak started.
#
#   scripts/soak.sh
#   MSP_SOAK_CHECKOUTS=2000   checkouts (carts)
#   MSP_SOAK_RESTARTS=3       emulator restarts during the run
#   MSP_SOAK_FAULT_RATE=0.15  share of carts whose first order gets a fault
#   MSP_SOAK_SEED=1           the plan (cards, amounts, faults) is the same for the same seed
#   MSP_EXTENSION=path/msp.so use this build instead of running scripts/build.sh
#   MSP_SOAK_KEEP=1           keep the scratch folder (databases, logs) and print its path
#
# Prints "carts charged twice: N", "paid orders the shop does not know: N", "worker crashes: N"
# and exits non-zero when one of them is not 0 (2 when the soak itself could not run).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib.sh"
source "$root/scripts/serve-lib.sh"
cd "$root"
msp_install_missing "${MSP_PACKAGES[@]}" || exit 2

checkouts=${MSP_SOAK_CHECKOUTS:-2000}
restarts=${MSP_SOAK_RESTARTS:-3}
fault_rate=${MSP_SOAK_FAULT_RATE:-0.15}
seed=${MSP_SOAK_SEED:-1}
timeout=2            # msp's timeout in the shop (seconds); one fault delays the answer past it
fpm_workers=4
customers=3          # fewer than the php-fpm workers: one stays free for the emulator's notifications

so=$(msp_extension)
[ -f "$so" ] || { echo "soak: no msp.so ($so)"; exit 2; }

work=$(mktemp -d)
fpm_pid=
cleanup() {
	php tests/soak/tools/emulator.php stop "$work" 2>/dev/null
	[ -n "$fpm_pid" ] && kill "$fpm_pid" 2>/dev/null
	msp_nginx_stop "$work"
	[ -n "$fpm_pid" ] && wait "$fpm_pid" 2>/dev/null
	msp_remove_scratch "$work" "${MSP_SOAK_KEEP:-0}" soak
}
trap cleanup EXIT
trap 'exit 2' INT TERM

emu_port=$(msp_free_port)
front_port=$(msp_free_port)
fpm_port=$(msp_free_port)
emulator="http://127.0.0.1:$emu_port"
front="http://127.0.0.1:$front_port"

echo "soak: $checkouts checkouts, $fault_rate faults, $restarts emulator restarts, php-fpm $fpm_workers workers, msp timeout ${timeout}s"

# The shop's database, created once before the workers use it.
SOAK_DB="$work/shop.sqlite" php -r 'require "tests/soak/shop/lib.php"; soak_create_schema(soak_db());' || exit 2

# The emulator: its database stays in $work across restarts.
export SOAK_PARENT=$$
php tests/soak/tools/emulator.php start "$work" "$emu_port" >/dev/null || { cat "$work/emulator.out" 2>/dev/null; exit 2; }

# php-fpm with msp loaded; reconcile.php counts the workers that crashed from its log.
msp_fpm_conf "$work/fpm" soak "$fpm_port" "$fpm_workers" notice "request_terminate_timeout = 180s" \
	"php_admin_flag[log_errors] = on" "php_admin_value[error_log] = $work/php-errors.log"
msp_fpm_start "$work/fpm.conf" -d "extension=$so"
fpm_pid=$msp_fpm_pid

msp_nginx_conf "$work" 1024 <<CONF
	access_log off;
	server {
		listen 127.0.0.1:$front_port;
		location ~ ^/(checkout|notify|return)\.php\$ {
			include /etc/nginx/fastcgi_params;
			fastcgi_param SCRIPT_FILENAME $root/tests/soak/shop/\$1.php;
			fastcgi_param SOAK_API $emulator/v1/json/;
			fastcgi_param SOAK_KEY emulator-test-key;
			fastcgi_param SOAK_DB $work/shop.sqlite;
			fastcgi_param SOAK_FRONT $front;
			fastcgi_param SOAK_TIMEOUT $timeout;
			fastcgi_pass 127.0.0.1:$fpm_port;
			fastcgi_read_timeout 180s;
		}
	}
CONF
msp_nginx_start "$work" || exit 2

# HTTP status of one request (0: no answer): http_status METHOD URL [JSON body]
http_status() {
	php -r '$c = curl_init($argv[2]); curl_setopt_array($c, [CURLOPT_CUSTOMREQUEST => $argv[1], CURLOPT_RETURNTRANSFER => true,
		CURLOPT_TIMEOUT => 300, CURLOPT_HTTPHEADER => ["Content-Type: application/json"]]);
		if (isset($argv[3])) { curl_setopt($c, CURLOPT_POSTFIELDS, $argv[3]); }
		curl_exec($c); echo curl_getinfo($c, CURLINFO_RESPONSE_CODE);' "$@"
}

# Up when the shop answers (400: a checkout without a cart).
code=$(msp_wait_for_status "$front/checkout.php" 400) || { echo "soak: the shop does not answer (HTTP $code)"; cat "$work/fpm.log" "$work/nginx-error.log" 2>/dev/null | tail -n 20; exit 2; }

started=$(date +%s)
php tests/soak/tools/load.php --work="$work" --front="$front" --emulator="$emulator" --port="$emu_port" \
	--checkouts="$checkouts" --restarts="$restarts" --fault-rate="$fault_rate" --customers="$customers" \
	--seed="$seed" --timeout="$timeout" || exit 2

# Settle: uncleared orders resolve after 10 minutes of emulator time, failed notifications are
# retried every 15 minutes (3 times), unfinished 3-D Secure orders expire after an hour.
settle() { [ "$(http_status POST "$emulator/_emulator/clock" "{\"advance\": $1}")" = 200 ]; }
settle 700 && settle 3700 || { echo "soak: the emulator did not settle"; exit 2; }
echo "soak: settled after $(($(date +%s) - started)) s"

php tests/soak/tools/reconcile.php --work="$work" --fpm-log="$work/fpm.log"
rc=$?
if [ -s "$work/php-errors.log" ]; then
	echo "soak: PHP errors in the shop (first 5):"
	head -n 5 "$work/php-errors.log"
fi
exit $rc
