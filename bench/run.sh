#!/usr/bin/env bash
# msp against plain PHP (ext-curl) and a tight libcurl + json-c C loop (the floor), on loopback, with
# msp's protection of card data on: CPU and instructions per call in a long loop (createOrder,
# getOrder, refund of an Order, refund by order id; over HTTP and TLS), the cost of that protection,
# php-fpm per request (without msp, msp loaded and idle, one checkout), the first checkout of a fresh
# php-fpm worker, and batches of getOrders() against a server that answers after 20 ms. Starts and
# stops its own nginx, php-fpm pools and slow server. PASS/MISS per target at the end.
#   bench/run.sh            full run (about 10 minutes)
#   BENCH_QUICK=1 bench/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib.sh"
source "$root/scripts/serve-lib.sh"
msp_install_missing "${MSP_PACKAGES[@]}" nginx php8.2-fpm openssl

quick=${BENCH_QUICK:-0}
paired_rounds=$([ "$quick" = 1 ] && echo 12 || echo 40)
burst_n=100
pause_ms=30
fpm_rounds=$([ "$quick" = 1 ] && echo 1 || echo 3)
# The php-fpm cases without plain PHP cost a fraction of a second per round: more rounds of them, so
# that one quiet spell of the shared machine is found for each.
fpm_msp_rounds=$([ "$quick" = 1 ] && echo 3 || echo 9)
fpm_n=$([ "$quick" = 1 ] && echo 300 || echo 1000)
fresh_n=$([ "$quick" = 1 ] && echo 40 || echo 150)
batch_rounds=$([ "$quick" = 1 ] && echo 1 || echo 3)
batch_n=200
batch_delay_ms=20
cg_small=$([ "$quick" = 1 ] && echo 50 || echo 100)
cg_large=$([ "$quick" = 1 ] && echo 150 || echo 300)
workers=2
ops=(create get refund_order refund_id)

bin="$root/.build/bench"
so=$(MSP_BUILD_DIR="$bin" "$root/scripts/build.sh" | tail -n 1)
cc -O2 -o "$bin/floor" "$root/bench/floor.c" $(pkg-config --cflags --libs libcurl json-c)
cc -O2 -o "$bin/slow_server" "$root/bench/slow_server.c"
# Preloaded for "msp, protection off": holds libcurl with an allocator of its own, so msp cannot wipe.
cc -O2 -shared -fPIC -o "$bin/nowipe.so" "$root/bench/nowipe.c" $(pkg-config --cflags --libs libcurl)
nowipe="$bin/nowipe.so"
work=$(mktemp -d)
out="$root/bench/out"
mkdir -p "$out"
: >"$out/raw.txt"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	msp_nginx_stop "$work"
	sleep 0.3
	rm -rf "$work"
}
trap cleanup EXIT

api_http=$(msp_free_port); api_tls=$(msp_free_port); batch_tls=$(msp_free_port); front=$(msp_free_port)
fpm_msp=$(msp_free_port); fpm_bare=$(msp_free_port); fpm_fresh=$(msp_free_port); fpm_fresh_off=$(msp_free_port)

# A throw-away CA; an RSA server certificate for 127.0.0.1 signed by it (the canned API), and an
# ECDSA one for the batch server, whose 32 handshakes at once one nginx worker signs in turn.
msp_make_ca "$work" msp-bench-ca
msp_make_server_cert "$work" server rsa
msp_make_server_cert "$work" server-ec ec
cat /etc/ssl/certs/ca-certificates.crt "$work/ca.pem" >"$work/bundle.pem"

"$bin/slow_server" 0 "$batch_delay_ms" >"$work/slow.port" &
pids+=($!)
sleep 0.2
slow=$(cat "$work/slow.port")

order='{"success":true,"data":{"transaction_id":4051823000123456,"order_id":"bench-1","status":"completed","financial_status":"completed","amount":1000,"amount_refunded":0,"currency":"EUR","description":"Bench order","created":"2026-11-24T12:00:00","modified":"2026-11-24T12:00:01","reason":"","reason_code":"","payment_details":{"type":"VISA","last4":"1111","card_expiry_date":"3012","account_holder_name":"J. Tester","issuer_country_code":"NL","card_authentication_result":{"status":"Y","eci":"05","version":"2.2.0"}},"customer":{"locale":"nl_NL","country":"NL","email":"a@example.com"},"payment_methods":[{"type":"CREDITCARD","amount":1000,"currency":"EUR","status":"completed"}],"related_transactions":null,"payment_url":"https://shop.example/ok"}}'
refund='{"success":true,"data":{"order_id":"bench-1","transaction_id":"4051823000654321","refund_id":"4051823000654321","status":"reserved"}}'
# Canned MultiSafepay answers: POST .../orders/{id}/refunds, and the order for everything else
# (POST /v1/json/orders, GET /v1/json/orders/{id}).
api_locations="location ~ ^/v1/json/orders/[^/]+/refunds\$ { default_type application/json; return 200 '$refund'; }
		location /v1/json/ { default_type application/json; return 200 '$order'; }"
fpm_location() { # PATH PORT CA
	echo "location $1 { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm_checkout.php;
			fastcgi_param BENCH_API https://127.0.0.1:$api_tls/v1/json/; fastcgi_param BENCH_CA $3; fastcgi_pass 127.0.0.1:$2; }"
}
msp_nginx_conf "$work" 1024 <<CONF
	access_log off;
	log_format conn '\$connection';
	log_format conn_tls '\$connection \$ssl_session_reused';
	keepalive_requests 1000000;
	keepalive_timeout 120s;
	server {
		listen 127.0.0.1:$api_http;
		$api_locations
	}
	server {
		listen 127.0.0.1:$api_tls ssl;
		ssl_certificate $work/server.pem;
		ssl_certificate_key $work/server.key;
		ssl_protocols TLSv1.2 TLSv1.3;
		access_log $work/api-tls.log conn;
		$api_locations
	}
	# The slow API of the batches: TLS here, the 20 ms wait in bench/slow_server.c.
	upstream slow { server 127.0.0.1:$slow; keepalive 128; }
	server {
		listen 127.0.0.1:$batch_tls ssl;
		ssl_certificate $work/server-ec.pem;
		ssl_certificate_key $work/server-ec.key;
		ssl_protocols TLSv1.2 TLSv1.3;
		access_log $work/batch-tls.log conn_tls;
		location /v1/json/ { proxy_pass http://slow; proxy_http_version 1.1; proxy_set_header Connection ""; }
	}
	# The shop: php-fpm pools, one checkout (or nothing) per request.
	server {
		listen 127.0.0.1:$front;
		$(fpm_location /small "$fpm_msp" "$work/ca.pem")
		$(fpm_location /bundle "$fpm_msp" "$work/bundle.pem")
		$(fpm_location /bare "$fpm_bare" "$work/bundle.pem")
		$(fpm_location /fresh "$fpm_fresh" "$work/bundle.pem")
		$(fpm_location /fresh-off "$fpm_fresh_off" "$work/bundle.pem")
	}
CONF
msp_nginx_start "$work"

# php-fpm pools, each its own master: msp (the bundle named by msp.ca_file, so that php-fpm's master
# loads it once), one without msp, and two whose workers serve one request each (pm.max_requests = 1)
# with the bundle loaded by the master (msp.ca_preload=auto) or by each worker (off).
start_fpm() { # NAME PORT MAX_REQUESTS PHP_OPTIONS...
	local name=$1 port=$2 max=$3
	shift 3
	msp_fpm_conf "$work/fpm-$name" "$name" "$port" "$workers" notice "pm.max_requests = $max"
	msp_fpm_start "$work/fpm-$name.conf" -d opcache.enable=1 "$@"
	pids+=("$msp_fpm_pid")
	eval "fpm_pid_$name=$msp_fpm_pid"
}
start_fpm msp "$fpm_msp" 0 -d "extension=$so" -d "msp.ca_file=$work/bundle.pem"
start_fpm bare "$fpm_bare" 0
start_fpm fresh "$fpm_fresh" 1 -d "extension=$so" -d "msp.ca_file=$work/bundle.pem"
start_fpm fresh_off "$fpm_fresh_off" 1 -d "extension=$so" -d "msp.ca_file=$work/bundle.pem" -d msp.ca_preload=off
sleep 1

# Values go after "--": a negative one would otherwise be taken for an option of php itself.
json_field() { php -r '$j = json_decode($argv[1], true); echo $j[$argv[2]] ?? "null";' -- "$1" "$2"; }
raw() { echo "$*" >>"$out/raw.txt"; }
best() { php -r 'echo $argv[1] === "" || $argv[2] < $argv[1] ? $argv[2] : $argv[1];' -- "$1" "$2"; }
base_of() { [ "$1" = tls ] && echo "https://127.0.0.1:$api_tls/v1/json/" || echo "http://127.0.0.1:$api_http/v1/json/"; }
ca_of() { [ "$1" = tls ] && echo "$work/ca.pem" || true; }

# ---- long loop: CPU per call and peak memory ----
# The implementations run side by side as long-lived processes (bench/paired.php): each round asks
# each of them in turn for a burst of $burst_n calls after a pause of $pause_ms ms, and the ratio to
# the floor is taken per round, then its median over $paired_rounds rounds. A slow spell of this
# shared machine hits the bursts of one round alike; the pause keeps the CPU from being busy long
# enough to slow down, which would weigh on whichever implementation runs longer.
declare -A cpu cpu_ratio mem
command_of() { # IMPL TRANSPORT OP -> the burst-mode command line
	local base ca
	base=$(base_of "$2")
	ca=$(ca_of "$2")
	case $1 in
		c) printf '%q ' "$bin/floor" "$base" "$3" parse burst $ca ;;
		cn) printf '%q ' "$bin/floor" "$base" "$3" noparse burst $ca ;;
		*) printf '%q ' php -d "extension=$so" "$root/bench/loop.php" "$1" "$3" burst "$base" $ca ;;
	esac
}
paired_field() { # JSON IMPL PATH... -> a number from paired.php's report (fractions to three decimals)
	php -r '$v = json_decode($argv[1], true)[$argv[2]]; foreach (array_slice($argv, 3) as $k) { $v = $v[$k]; }
		echo is_float($v) ? sprintf("%.3f", $v) : $v;' -- "$@"
}
for transport in http tls; do
	for op in "${ops[@]}"; do
		r=$(php "$root/bench/paired.php" "$paired_rounds" "$burst_n" "$pause_ms" \
			"c=$(command_of c "$transport" "$op")" "cn=$(command_of cn "$transport" "$op")" \
			"msp=$(command_of msp "$transport" "$op")" "php=$(command_of php "$transport" "$op")") || exit 1
		raw "paired $transport $op $r"
		for impl in c cn msp php; do
			cpu[$impl,$transport,$op]=$(paired_field "$r" "$impl" median)
			mem[$impl,$transport,$op]="$(paired_field "$r" "$impl" end maxrss_kb) / $(paired_field "$r" "$impl" end peak_mem)"
		done
		for impl in cn msp php; do
			cpu_ratio[$impl,$transport,$op]="$(paired_field "$r" "$impl" ratio_to_c median) ($(paired_field "$r" "$impl" ratio_to_c q1)-$(paired_field "$r" "$impl" ratio_to_c q3))"
		done
	done
done

# ---- instructions per call (callgrind): the difference of two runs cancels start-up ----
instructions() { # command... -> instructions reported by callgrind
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_call() { # IMPL TRANSPORT OP -> instructions per call
	local a b
	a=$(instructions_of "$@" "$cg_small")
	b=$(instructions_of "$@" "$cg_large")
	echo $(((b - a) / (cg_large - cg_small)))
}
instructions_of() { # IMPL TRANSPORT OP N
	local base ca
	base=$(base_of "$2")
	ca=$(ca_of "$2")
	case $1 in
		c) instructions "$bin/floor" "$base" "$3" parse "$4" $ca ;;
		cn) instructions "$bin/floor" "$base" "$3" noparse "$4" $ca ;;
		msp_off) LD_PRELOAD=$nowipe instructions php -d "extension=$so" "$root/bench/loop.php" msp "$3" "$4" "$base" $ca ;;
		*) instructions php -d "extension=$so" "$root/bench/loop.php" "$1" "$3" "$4" "$base" $ca ;;
	esac
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
	for op in "${ops[@]}"; do
		for impl in c cn msp php; do
			ins[$impl,$transport,$op]=$(per_call "$impl" "$transport" "$op")
		done
	done
	for op in create get; do
		ins[msp_off,$transport,$op]=$(per_call msp_off "$transport" "$op")
	done
done

# ---- php-fpm: one checkout per request, CPU of the workers from /proc, connections from nginx ----
children_of() { # PID -> its child processes (the parent pid is the 2nd field after the command)
	awk -v parent="$1" '{ rest = $0; sub(/.*\) /, "", rest); split(rest, f, " "); if (f[2] == parent) print $1 }' \
		/proc/[0-9]*/stat 2>/dev/null || true
}
# Worker CPU in nanoseconds: the scheduler's run time (user + system) from /proc/PID/schedstat, exact
# where utime + stime from /proc/PID/stat count 10 ms ticks (up to 10 us per request over 1000).
schedstat_works=$([ -r "/proc/self/schedstat" ] && echo 1 || echo 0)
worker_cpu_ns() { # MASTER_PID
	local total=0 pid
	for pid in $(children_of "$1"); do
		if [ "$schedstat_works" = 1 ]; then
			total=$((total + $(awk '{print $1}' "/proc/$pid/schedstat")))
		else
			total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat") * 1000000000 / $(getconf CLK_TCK)))
		fi
	done
	echo "$total"
}
# Like the long loop, each case runs several times, interleaved, and the least CPU counts; the
# connections are the most any round used. Cases: the request without msp (bare), msp loaded and
# idle (noop), msp's checkout and plain PHP's, with the small CA and with the system bundle. Plain
# PHP's checkouts (about 22 ms each with the system bundle) run in the first $fpm_rounds rounds only,
# the others in all $fpm_msp_rounds.
declare -A fpm_cpu fpm_conn fpm_rounds_of
fpm_cases=("bare noop bundle" "msp noop small" "msp msp small" "msp php small" "msp noop bundle" "msp msp bundle" "msp php bundle")
for ((round = 0; round < fpm_msp_rounds; round++)); do
	for case in "${fpm_cases[@]}"; do
		read -r pool impl ca <<<"$case"
		[ "$impl" = php ] && [ "$round" -ge "$fpm_rounds" ] && continue
		path=$([ "$pool" = bare ] && echo bare || echo "$ca")
		key="$pool-$impl,$ca"
		url="http://127.0.0.1:$front/$path?impl=$impl"
		master=$([ "$pool" = bare ] && echo "$fpm_pid_bare" || echo "$fpm_pid_msp")
		php "$root/bench/load.php" "$url" 20 >/dev/null # warm-up: opcache, and msp's pool in each worker
		: >"$work/api-tls.log"
		before=$(worker_cpu_ns "$master")
		php "$root/bench/load.php" "$url" "$fpm_n" >/dev/null
		after=$(worker_cpu_ns "$master")
		us=$(php -r "printf('%.1f', ($after - $before) / 1e3 / $fpm_n);")
		raw "fpm $key round $round $us us"
		fpm_cpu[$key]=$(best "${fpm_cpu[$key]:-}" "$us")
		fpm_rounds_of[$key]="${fpm_rounds_of[$key]:-} $us"
		# Distinct connections the API server served in this round: plain PHP opens one per request.
		conn=$(php -r "echo count(array_unique(file('$work/api-tls.log', FILE_IGNORE_NEW_LINES)));")
		[ "$conn" -gt "${fpm_conn[$key]:-0}" ] && fpm_conn[$key]=$conn
	done
done

# ---- php-fpm: the first checkout of a fresh worker (pm.max_requests = 1) ----
# Each request is served by a new worker; its CPU from the fork to the end of the script comes back
# in a header (bench/fpm_checkout.php ?cpu=1). A fresh worker doing nothing is the baseline.
declare -A fresh_ms
for ((round = 0; round < fpm_rounds; round++)); do
	for case in "fresh noop" "fresh msp" "fresh-off msp"; do
		read -r path impl <<<"$case"
		us=$(php "$root/bench/load.php" "http://127.0.0.1:$front/$path?impl=$impl&cpu=1" "$fresh_n")
		ms=$(php -r "printf('%.3f', $us / 1e3 / $fresh_n);")
		raw "fresh $path $impl round $round $ms ms"
		fresh_ms[$path,$impl]=$(best "${fresh_ms[$path,$impl]:-}" "$ms")
	done
done

# ---- batches: getOrders() of $batch_n orders at a server answering after $batch_delay_ms ms ----
# Each run is a fresh process, so every connection it needs is opened (and its TLS handshake made)
# inside the measurement; nginx's log counts the connections independently of msp's own count.
# nginx logs each request's connection and whether its TLS session was resumed ("r") or not (".").
distinct_connections() { # LOG -> how many connections served it
	php -r 'echo count(array_unique(array_map(fn ($l) => strtok($l, " "), file($argv[1], FILE_IGNORE_NEW_LINES))));' -- "$1"
}
resumed_connections() { # LOG -> how many of them resumed a TLS session
	php -r '$r = [];
		foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $l) { [$c, $f] = explode(" ", $l) + [1 => ""]; if ($f === "r") { $r[$c] = true; } }
		echo count($r);' -- "$1"
}
declare -A batch_ms batch_conn batch_msp_conn batch_resumed
concurrencies=(seq 8 16 32)
for ((round = 0; round < batch_rounds; round++)); do
	for c in "${concurrencies[@]}"; do
		: >"$work/batch-tls.log"
		r=$(php -d "extension=$so" "$root/bench/batch.php" "https://127.0.0.1:$batch_tls/v1/json/" "$work/ca.pem" "$c" "$batch_n") || exit 1
		raw "batch $c round $round $r"
		batch_ms[$c]=$(best "${batch_ms[$c]:-}" "$(json_field "$r" ms)")
		conn=$(distinct_connections "$work/batch-tls.log")
		[ "$conn" -gt "${batch_conn[$c]:-0}" ] && batch_conn[$c]=$conn
		resumed=$(resumed_connections "$work/batch-tls.log")
		raw "batch $c round $round nginx: $conn connections, $resumed resumed a TLS session"
		batch_resumed[$c]="${batch_resumed[$c]:-}${batch_resumed[$c]:+ }$resumed"
		msp_conn=$(json_field "$r" connections_opened)
		[ "$msp_conn" -gt "${batch_msp_conn[$c]:-0}" ] && batch_msp_conn[$c]=$msp_conn
	done
done

# ---- report ----
ratio() { php -r 'printf("%.3f", $argv[2] > 0 ? $argv[1] / $argv[2] : 0);' -- "$1" "$2"; }
minus() { php -r 'printf("%.1f", $argv[1] - $argv[2]);' -- "$1" "$2"; }
# The median of the rounds' differences "A B" (each round's A minus the same round's B): seconds
# apart, the two cases of one round met the same load, which best-of-rounds does not pair up.
median_of_round_differences() {
	php -r '$a = preg_split("/\s+/", trim($argv[1])); $b = preg_split("/\s+/", trim($argv[2]));
		$d = array_map(fn ($x, $y) => $x - $y, array_slice($a, 0, count($b)), array_slice($b, 0, count($a)));
		sort($d); $n = count($d);
		printf("%.1f", $n % 2 ? $d[intdiv($n, 2)] : ($d[$n / 2 - 1] + $d[$n / 2]) / 2);' -- "$1" "$2"
}
verdict() { php -r "echo ($1) ? 'PASS' : 'MISS';"; }
name_of() { case $1 in create) echo createOrder ;; get) echo getOrder ;; refund_order) echo "refund(Order)" ;; refund_id) echo "refund(id)" ;; esac; }
{
	echo "msp runs below with its protection of card data on (phpinfo: libcurl buffers wiped on free => $protection_on)"
	echo
	echo "Long loop, kept-alive connection, 50 warm-up calls, then $paired_rounds rounds of one burst of $burst_n calls per implementation, each after a $pause_ms ms pause:"
	echo "CPU us per call (median of the bursts), and the ratio to the C floor per round (median, and the middle half of the rounds)"
	echo "(refund(Order): one POST; refund(id): GET the order, then POST; the C floor sends msp's request and parses every answer with json-c as msp does; the last floor column does not parse)"
	printf '%-24s %9s %9s %9s %9s %22s %22s\n' "" "msp" "plain PHP" "C floor" "no parse" "msp/floor" "php/floor"
	for transport in http tls; do
		for op in "${ops[@]}"; do
			printf '%-24s %9s %9s %9s %9s %22s %22s\n' "$(name_of "$op") over $transport" "${cpu[msp,$transport,$op]}" \
				"${cpu[php,$transport,$op]}" "${cpu[c,$transport,$op]}" "${cpu[cn,$transport,$op]}" \
				"${cpu_ratio[msp,$transport,$op]}" "${cpu_ratio[php,$transport,$op]}"
		done
	done
	echo
	echo "Instructions per call (callgrind, ($cg_large - $cg_small) calls)"
	printf '%-24s %9s %9s %9s %9s %9s %9s\n' "" "msp" "plain PHP" "C floor" "msp/floor" "php/floor" "no parse"
	for transport in http tls; do
		for op in "${ops[@]}"; do
			printf '%-24s %9s %9s %9s %9s %9s %9s\n' "$(name_of "$op") over $transport" "${ins[msp,$transport,$op]}" \
				"${ins[php,$transport,$op]}" "${ins[c,$transport,$op]}" \
				"$(ratio "${ins[msp,$transport,$op]}" "${ins[c,$transport,$op]}")" \
				"$(ratio "${ins[php,$transport,$op]}" "${ins[c,$transport,$op]}")" "${ins[cn,$transport,$op]}"
		done
	done
	echo
	echo "Cost of the protection: msp with it on and off in this session, instructions per call (callgrind)"
	echo "  on:  $protection_on"
	echo "  off: $protection_off (bench/nowipe.c preloaded)"
	printf '%-24s %9s %9s %9s\n' "" "on" "off" "on/off"
	for transport in http tls; do
		for op in create get; do
			printf '%-24s %9s %9s %9s\n' "$(name_of "$op") over $transport" "${ins[msp,$transport,$op]}" \
				"${ins[msp_off,$transport,$op]}" "$(ratio "${ins[msp,$transport,$op]}" "${ins[msp_off,$transport,$op]}")"
		done
	done
	echo
	echo "Peak memory (max RSS KiB / PHP peak bytes), createOrder over TLS"
	printf '%-24s %24s %24s %12s\n' "" "msp" "plain PHP" "C floor"
	printf '%-24s %24s %24s %12s\n' "createOrder" "${mem[msp,tls,create]}" "${mem[php,tls,create]}" "${mem[c,tls,create]}"
	echo
	echo "php-fpm, one request after another over TLS ($workers workers, $fpm_n requests after a warm-up, best of $fpm_msp_rounds rounds, plain PHP $fpm_rounds): worker CPU us per request"
	printf '%-16s %12s %12s %10s %10s %12s %12s %22s\n' "" "without msp" "msp, idle" "msp" "plain PHP" "msp - bare" "msp/php" "API connections (msp, php)"
	for ca in small bundle; do
		printf '%-16s %12s %12s %10s %10s %12s %12s %22s\n' "CA: $ca" "${fpm_cpu[bare-noop,bundle]}" "${fpm_cpu[msp-noop,$ca]}" \
			"${fpm_cpu[msp-msp,$ca]}" "${fpm_cpu[msp-php,$ca]}" "$(minus "${fpm_cpu[msp-msp,$ca]}" "${fpm_cpu[bare-noop,bundle]}")" \
			"$(ratio "${fpm_cpu[msp-msp,$ca]}" "${fpm_cpu[msp-php,$ca]}")" "${fpm_conn[msp-msp,$ca]}, ${fpm_conn[msp-php,$ca]}"
	done
	echo "(\"without msp\" is a pool that does not load msp; the system bundle is what both msp pools' masters load at start-up via msp.ca_file)"
	for ca in small bundle; do
		echo "CA $ca: msp - bare, the median of the $fpm_msp_rounds rounds' own differences: $(median_of_round_differences "${fpm_rounds_of[msp-msp,$ca]}" "${fpm_rounds_of[bare-noop,bundle]}") us; msp idle - bare: $(median_of_round_differences "${fpm_rounds_of[msp-noop,$ca]}" "${fpm_rounds_of[bare-noop,bundle]}") us"
	done
	echo
	echo "php-fpm, a fresh worker per request (pm.max_requests = 1), system bundle over TLS: worker CPU ms from fork to the end of the script, best of $fpm_rounds rounds of $fresh_n"
	printf '%-52s %10s\n' "idle (msp loaded)" "${fresh_ms[fresh,noop]}"
	printf '%-52s %10s %10s\n' "first checkout, bundle loaded by the master" "${fresh_ms[fresh,msp]}" "+$(php -r 'printf("%.3f", $argv[1] - $argv[2]);' -- "${fresh_ms[fresh,msp]}" "${fresh_ms[fresh,noop]}")"
	printf '%-52s %10s %10s\n' "first checkout, bundle loaded by the worker (off)" "${fresh_ms[fresh-off,msp]}" "+$(php -r 'printf("%.3f", $argv[1] - $argv[2]);' -- "${fresh_ms[fresh-off,msp]}" "${fresh_ms[fresh,noop]}")"
	echo
	echo "getOrders() of $batch_n orders over TLS, $batch_delay_ms ms per answer, a fresh process per run (best of $batch_rounds): wall-clock ms"
	printf '%-18s %10s %10s %10s %26s %24s\n' "" "ms" "speed-up" "target" "connections (nginx, msp)" "resumed TLS (each run)"
	for c in "${concurrencies[@]}"; do
		label=$([ "$c" = seq ] && echo "getOrder() x $batch_n" || echo "concurrency $c")
		target=$([ "$c" = seq ] && echo "" || php -r "printf('%.1f', 0.85 * $c);")
		printf '%-18s %10s %10s %10s %26s %24s\n' "$label" "${batch_ms[$c]}" "$(ratio "${batch_ms[seq]}" "${batch_ms[$c]}")" "$target" "${batch_conn[$c]}, ${batch_msp_conn[$c]}" "${batch_resumed[$c]}"
	done
	echo
	echo "Targets"
	for transport in http tls; do
		for op in "${ops[@]}"; do
			r=${cpu_ratio[msp,$transport,$op]%% *}
			echo "  $(verdict "$r <= 1.1") long loop $(name_of "$op") over $transport: msp <= 1.1x the C floor (CPU, median of paired bursts): ${r}x"
			r=$(ratio "${ins[msp,$transport,$op]}" "${ins[c,$transport,$op]}")
			echo "  $(verdict "$r <= 1.1") long loop $(name_of "$op") over $transport: msp <= 1.1x the C floor (instructions): ${r}x"
		done
	done
	case "$protection_on" in yes*) on=1 ;; *) on=0 ;; esac
	r=$(ratio "${ins[msp,tls,create]}" "${ins[msp_off,tls,create]}")
	echo "  $(verdict "$on == 1 && $r <= 1.05") protection of card data on, and it costs <= 5% of a createOrder over TLS (instructions): ${r}x"
	d=$(minus "${fpm_cpu[msp-msp,bundle]}" "${fpm_cpu[bare-noop,bundle]}")
	echo "  $(verdict "$d <= 60") php-fpm, system bundle: a checkout adds <= 60 us of worker CPU to a request without msp: ${d} us ($(ratio "$d" 60)x the target)"
	r=$(ratio "${fpm_cpu[msp-msp,small]}" "${fpm_cpu[msp-php,small]}")
	echo "  $(verdict "$r <= 0.2") php-fpm, small CA: msp <= 1/5 of plain PHP: ${r}"
	r=$(ratio "${fpm_cpu[msp-msp,bundle]}" "${fpm_cpu[msp-php,bundle]}")
	echo "  $(verdict "$r <= 0.01") php-fpm, system bundle: msp <= 1/100 of plain PHP: ${r}"
	for ca in small bundle; do
		echo "  $(verdict "${fpm_conn[msp-msp,$ca]} <= $workers") php-fpm, CA $ca: msp uses <= $workers API connections (one per worker) across $fpm_n requests: ${fpm_conn[msp-msp,$ca]}"
	done
	d=$(php -r 'printf("%.3f", $argv[1] - $argv[2]);' -- "${fresh_ms[fresh,msp]}" "${fresh_ms[fresh,noop]}")
	echo "  $(verdict "$d <= 2") php-fpm, fresh worker, system bundle: its first checkout costs <= 2 ms of CPU: ${d} ms ($(ratio "$d" 2)x the target)"
	for c in 8 16 32; do
		s=$(ratio "${batch_ms[seq]}" "${batch_ms[$c]}")
		echo "  $(verdict "$s >= 0.85 * $c") getOrders() at concurrency $c: speed-up >= $(php -r "printf('%.1f', 0.85 * $c);"): ${s} ($(ratio "$s" "$c")x the concurrency)"
		echo "  $(verdict "${batch_conn[$c]} <= $c && ${batch_msp_conn[$c]} <= $c") getOrders() at concurrency $c: at most $c connections and TLS handshakes: ${batch_conn[$c]} (nginx), ${batch_msp_conn[$c]} (msp)"
	done
} | tee "$out/results.txt"
