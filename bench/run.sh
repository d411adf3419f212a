#!/usr/bin/env bash
# msp against plain PHP (ext-curl) and a tight libcurl C loop (the floor), on loopback: CPU per call,
# instructions per call (callgrind) and peak memory in a long loop, the cost of msp's protection of card
# data (on against off, same session), then php-fpm per-request mode over TLS with a small CA and with
# the system bundle. Starts and stops its own nginx and php-fpm.
#   bench/run.sh            full run
#   BENCH_QUICK=1 bench/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib.sh"
msp_install_missing "${MSP_PACKAGES[@]}" nginx php8.2-fpm openssl

quick=${BENCH_QUICK:-0}
loop_n=$([ "$quick" = 1 ] && echo 500 || echo 2000)
rounds=$([ "$quick" = 1 ] && echo 3 || echo 9)
fpm_rounds=$([ "$quick" = 1 ] && echo 1 || echo 2)
fpm_n=$([ "$quick" = 1 ] && echo 300 || echo 1000)
cg_small=$([ "$quick" = 1 ] && echo 50 || echo 100)
cg_large=$([ "$quick" = 1 ] && echo 150 || echo 300)
workers=2

so=$(MSP_BUILD_DIR="$root/.build/bench" "$root/scripts/build.sh" | tail -n 1)
cc -O2 -o "$root/.build/bench/floor" "$root/bench/floor.c" $(pkg-config --cflags --libs libcurl json-c)
# Preloaded for "msp, protection off": holds libcurl with an allocator of its own, so msp cannot wipe.
cc -O2 -shared -fPIC -o "$root/.build/bench/nowipe.so" "$root/bench/nowipe.c" $(pkg-config --cflags --libs libcurl)
nowipe="$root/.build/bench/nowipe.so"
work=$(mktemp -d)
out="$root/bench/out"
mkdir -p "$out"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	sleep 0.3
	rm -rf "$work"
}
trap cleanup EXIT

free_port() { php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];'; }
api_http=$(free_port); api_tls=$(free_port); front=$(free_port); fpm=$(free_port)

# A throw-away CA and a server certificate for 127.0.0.1 signed by it.
(
	cd "$work"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=msp-bench-ca 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 2>/dev/null
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >ext.cnf
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf 2>/dev/null
	cat /etc/ssl/certs/ca-certificates.crt ca.pem >bundle.pem
)

order='{"success":true,"data":{"transaction_id":4051823000123456,"order_id":"bench-1","status":"completed","financial_status":"completed","amount":1000,"amount_refunded":0,"currency":"EUR","description":"Bench order","created":"2026-11-24T12:00:00","modified":"2026-11-24T12:00:01","reason":"","reason_code":"","payment_details":{"type":"VISA","last4":"1111","card_expiry_date":"3012","account_holder_name":"J. Tester","issuer_country_code":"NL","card_authentication_result":{"status":"Y","eci":"05","version":"2.2.0"}},"customer":{"locale":"nl_NL","country":"NL","email":"a@example.com"},"payment_methods":[{"type":"CREDITCARD","amount":1000,"currency":"EUR","status":"completed"}],"related_transactions":null,"payment_url":"https://shop.example/ok"}}'
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	log_format conn '\$connection';
	keepalive_requests 1000000;
	keepalive_timeout 120s;
	client_body_temp_path $work/body;
	fastcgi_temp_path $work/fastcgi;
	proxy_temp_path $work/proxy;
	uwsgi_temp_path $work/uwsgi;
	scgi_temp_path $work/scgi;
	# Canned MultiSafepay answers: POST /v1/json/orders and GET /v1/json/orders/{id}.
	server {
		listen 127.0.0.1:$api_http;
		location /v1/json/ { default_type application/json; return 200 '$order'; }
	}
	server {
		listen 127.0.0.1:$api_tls ssl;
		ssl_certificate $work/server.pem;
		ssl_certificate_key $work/server.key;
		ssl_protocols TLSv1.2 TLSv1.3;
		access_log $work/api-tls.log conn;
		location /v1/json/ { default_type application/json; return 200 '$order'; }
	}
	# The shop: php-fpm, one checkout per request.
	server {
		listen 127.0.0.1:$front;
		location /small { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm_checkout.php;
			fastcgi_param BENCH_API https://127.0.0.1:$api_tls/v1/json/; fastcgi_param BENCH_CA $work/ca.pem; fastcgi_pass 127.0.0.1:$fpm; }
		location /bundle { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm_checkout.php;
			fastcgi_param BENCH_API https://127.0.0.1:$api_tls/v1/json/; fastcgi_param BENCH_CA $work/bundle.pem; fastcgi_pass 127.0.0.1:$fpm; }
	}
}
CONF
nginx -c "$work/nginx.conf"

cat >"$work/fpm.conf" <<CONF
[global]
pid = $work/fpm.pid
error_log = $work/fpm.log
daemonize = no
[bench]
listen = 127.0.0.1:$fpm
pm = static
pm.max_children = $workers
user = root
group = root
catch_workers_output = yes
CONF
php-fpm8.2 -R -y "$work/fpm.conf" -d "extension=$so" -d opcache.enable=1 &
pids+=($!)
sleep 1

json_field() { php -r '$j = json_decode($argv[1], true); echo $j[$argv[2]] ?? "null";' "$1" "$2"; }

# ---- long loop: CPU per call and peak memory ----
# Each implementation runs $rounds times, interleaved with the others so that a slow spell of the
# machine hits all three alike; the best run counts (noise only ever adds time).
declare -A cpu mem
best() { php -r 'echo $argv[1] === "" || $argv[2] < $argv[1] ? $argv[2] : $argv[1];' "$1" "$2"; }
for transport in http tls; do
	base="http://127.0.0.1:$api_http/v1/json/"; ca=()
	[ "$transport" = tls ] && base="https://127.0.0.1:$api_tls/v1/json/" && ca=("$work/ca.pem")
	for op in create get; do
		for ((round = 0; round < rounds; round++)); do
			r=$("$root/.build/bench/floor" "$base" "$op" "$loop_n" "${ca[@]}") || exit 1
			cpu[c,$transport,$op]=$(best "${cpu[c,$transport,$op]:-}" "$(json_field "$r" cpu_us)")
			mem[c,$transport,$op]=$(json_field "$r" maxrss_kb)
			for impl in msp php; do
				r=$(php -d "extension=$so" "$root/bench/loop.php" "$impl" "$op" "$loop_n" "$base" "${ca[@]}") || exit 1
				cpu[$impl,$transport,$op]=$(best "${cpu[$impl,$transport,$op]:-}" "$(json_field "$r" cpu_us)")
				mem[$impl,$transport,$op]="$(json_field "$r" maxrss_kb) / $(json_field "$r" peak_mem)"
			done
		done
	done
done

# ---- instructions per call (callgrind): the difference of two runs cancels start-up ----
instructions() { # command... -> instructions reported by callgrind
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# msp's protection of card data in libcurl (its freed buffers wiped), as phpinfo() states it, in the
# PHP that runs msp here (ext/curl loaded first, as Debian's conf.d has it) and with nowipe.so.
protection() { # [LD_PRELOAD value]
	LD_PRELOAD=${1:-} php -d "extension=$so" -r 'ob_start(); phpinfo(INFO_MODULES);
		echo preg_match("/^libcurl buffers wiped on free => (.*)$/m", ob_get_clean(), $m) ? $m[1] : "unknown";'
}
protection_on=$(protection)
protection_off=$(protection "$nowipe")
declare -A ins
for transport in http tls; do
	base="http://127.0.0.1:$api_http/v1/json/"; ca=()
	[ "$transport" = tls ] && base="https://127.0.0.1:$api_tls/v1/json/" && ca=("$work/ca.pem")
	for op in create get; do
		a=$(instructions "$root/.build/bench/floor" "$base" "$op" "$cg_small" "${ca[@]}")
		b=$(instructions "$root/.build/bench/floor" "$base" "$op" "$cg_large" "${ca[@]}")
		ins[c,$transport,$op]=$(((b - a) / (cg_large - cg_small)))
		for impl in msp php; do
			a=$(instructions php -d "extension=$so" "$root/bench/loop.php" "$impl" "$op" "$cg_small" "$base" "${ca[@]}")
			b=$(instructions php -d "extension=$so" "$root/bench/loop.php" "$impl" "$op" "$cg_large" "$base" "${ca[@]}")
			ins[$impl,$transport,$op]=$(((b - a) / (cg_large - cg_small)))
		done
		a=$(LD_PRELOAD=$nowipe instructions php -d "extension=$so" "$root/bench/loop.php" msp "$op" "$cg_small" "$base" "${ca[@]}")
		b=$(LD_PRELOAD=$nowipe instructions php -d "extension=$so" "$root/bench/loop.php" msp "$op" "$cg_large" "$base" "${ca[@]}")
		ins[msp_off,$transport,$op]=$(((b - a) / (cg_large - cg_small)))
	done
done

# ---- php-fpm: one checkout per request, CPU of the workers from /proc, connections from nginx ----
# Worker CPU in nanoseconds: the scheduler's run time (user + system) from /proc/PID/schedstat, exact
# where utime + stime from /proc/PID/stat count 10 ms ticks (up to 10 us per request over 1000).
schedstat_works=$([ -r "/proc/self/schedstat" ] && echo 1 || echo 0)
worker_cpu_ns() {
	local total=0 pid
	for pid in $(pgrep -P "${pids[0]}"); do
		if [ "$schedstat_works" = 1 ]; then
			total=$((total + $(awk '{print $1}' "/proc/$pid/schedstat")))
		else
			total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat") * 1000000000 / $(getconf CLK_TCK)))
		fi
	done
	echo "$total"
}
# Like the long loop, each case runs $fpm_rounds times, interleaved, and the least CPU counts; the
# connections are the most any round used.
declare -A fpm_cpu fpm_conn
for ((round = 0; round < fpm_rounds; round++)); do
	for ca in small bundle; do
		for impl in noop msp php; do
			url="http://127.0.0.1:$front/$ca?impl=$impl"
			php "$root/bench/load.php" "$url" 20 # warm-up: opcache, and msp's pool in each worker
			: >"$work/api-tls.log"
			before=$(worker_cpu_ns)
			php "$root/bench/load.php" "$url" "$fpm_n"
			after=$(worker_cpu_ns)
			us=$(php -r "printf('%.1f', ($after - $before) / 1e3 / $fpm_n);")
			fpm_cpu[$impl,$ca]=$(best "${fpm_cpu[$impl,$ca]:-}" "$us")
			# Distinct connections the API server served in this round: plain PHP opens one per request.
			conn=$(php -r "echo count(array_unique(file('$work/api-tls.log', FILE_IGNORE_NEW_LINES)));")
			[ "$conn" -gt "${fpm_conn[$impl,$ca]:-0}" ] && fpm_conn[$impl,$ca]=$conn
		done
	done
done

# ---- report ----
ratio() { php -r 'printf("%.3f", $argv[2] > 0 ? $argv[1] / $argv[2] : 0);' "$1" "$2"; }
verdict() { php -r "echo ($1) ? 'PASS' : 'MISS';"; }
{
	echo "msp runs below with its protection of card data on (phpinfo: libcurl buffers wiped on free => $protection_on)"
	echo
	echo "Long loop, kept-alive connection ($loop_n calls after 50 warm-up, best of $rounds interleaved runs): CPU us per call"
	printf '%-22s %10s %10s %10s %10s %10s %10s\n' "" "msp" "plain PHP" "C floor" "msp/floor" "php/floor" "msp/php"
	for transport in http tls; do
		for op in create get; do
			printf '%-22s %10s %10s %10s %10s %10s %10s\n' "$op over $transport" "${cpu[msp,$transport,$op]}" \
				"${cpu[php,$transport,$op]}" "${cpu[c,$transport,$op]}" \
				"$(ratio "${cpu[msp,$transport,$op]}" "${cpu[c,$transport,$op]}")" \
				"$(ratio "${cpu[php,$transport,$op]}" "${cpu[c,$transport,$op]}")" \
				"$(ratio "${cpu[msp,$transport,$op]}" "${cpu[php,$transport,$op]}")"
		done
	done
	echo
	echo "Instructions per call (callgrind, ($cg_large - $cg_small) calls)"
	printf '%-22s %10s %10s %10s %10s %10s\n' "" "msp" "plain PHP" "C floor" "msp/floor" "php/floor"
	for transport in http tls; do
		for op in create get; do
			printf '%-22s %10s %10s %10s %10s %10s\n' "$op over $transport" "${ins[msp,$transport,$op]}" \
				"${ins[php,$transport,$op]}" "${ins[c,$transport,$op]}" \
				"$(ratio "${ins[msp,$transport,$op]}" "${ins[c,$transport,$op]}")" \
				"$(ratio "${ins[php,$transport,$op]}" "${ins[c,$transport,$op]}")"
		done
	done
	echo
	echo "Cost of the protection: msp with it on and off in this session, instructions per call (callgrind)"
	echo "  on:  $protection_on"
	echo "  off: $protection_off (bench/nowipe.c preloaded)"
	printf '%-22s %10s %10s %10s\n' "" "on" "off" "on/off"
	for transport in http tls; do
		for op in create get; do
			printf '%-22s %10s %10s %10s\n' "$op over $transport" "${ins[msp,$transport,$op]}" "${ins[msp_off,$transport,$op]}" \
				"$(ratio "${ins[msp,$transport,$op]}" "${ins[msp_off,$transport,$op]}")"
		done
	done
	echo
	echo "Peak memory (max RSS KiB / PHP peak bytes), createOrder over TLS"
	printf '%-22s %24s %24s %12s\n' "" "msp" "plain PHP" "C floor"
	printf '%-22s %24s %24s %12s\n' "createOrder" "${mem[msp,tls,create]}" "${mem[php,tls,create]}" "${mem[c,tls,create]}"
	echo
	echo "php-fpm, one checkout per request over TLS ($workers workers, $fpm_n requests after a warm-up, best of $fpm_rounds rounds): worker CPU us per request"
	printf '%-22s %10s %10s %10s %10s %22s\n' "" "msp" "plain PHP" "msp/php" "no checkout" "API connections (msp, php)"
	for ca in small bundle; do
		printf '%-22s %10s %10s %10s %10s %22s\n' "CA: $ca" "${fpm_cpu[msp,$ca]}" "${fpm_cpu[php,$ca]}" \
			"$(ratio "${fpm_cpu[msp,$ca]}" "${fpm_cpu[php,$ca]}")" "${fpm_cpu[noop,$ca]}" "${fpm_conn[msp,$ca]}, ${fpm_conn[php,$ca]}"
	done
	echo
	echo "Targets"
	for transport in http tls; do
		for op in create get; do
			r=$(ratio "${cpu[msp,$transport,$op]}" "${cpu[c,$transport,$op]}")
			echo "  $(verdict "$r <= 1.1") long loop $op over $transport: msp <= 1.1x the C floor (CPU): ${r}x"
			r=$(ratio "${ins[msp,$transport,$op]}" "${ins[c,$transport,$op]}")
			echo "  $(verdict "$r <= 1.1") long loop $op over $transport: msp <= 1.1x the C floor (instructions): ${r}x"
		done
	done
	case "$protection_on" in yes*) on=1 ;; *) on=0 ;; esac
	r=$(ratio "${ins[msp,tls,create]}" "${ins[msp_off,tls,create]}")
	echo "  $(verdict "$on == 1 && $r <= 1.05") protection of card data on, and it costs <= 5% of a createOrder over TLS (instructions): ${r}x"
	r=$(ratio "${fpm_cpu[msp,small]}" "${fpm_cpu[php,small]}")
	echo "  $(verdict "$r <= 0.2") php-fpm, small CA: msp <= 1/5 of plain PHP: ${r}"
	r=$(ratio "${fpm_cpu[msp,bundle]}" "${fpm_cpu[php,bundle]}")
	echo "  $(verdict "$r <= 0.01") php-fpm, system bundle: msp <= 1/100 of plain PHP: ${r}"
	for ca in small bundle; do
		echo "  $(verdict "${fpm_conn[msp,$ca]} <= $workers") php-fpm, CA $ca: msp uses <= $workers API connections (one per worker) across $fpm_n requests: ${fpm_conn[msp,$ca]}"
	done
} | tee "$out/results.txt"
