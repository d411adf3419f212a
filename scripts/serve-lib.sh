# shellcheck shell=bash
# Starting nginx and php-fpm on 127.0.0.1 with everything in a scratch folder, for the scripts that
# run msp the way shops run it: examples/shop/serve.sh, scripts/soak.sh, bench/run.sh; also which
# msp.so to load (tests/browser/run.sh, scripts/residue.sh) and throw-away TLS certificates
# (bench/run.sh, scripts/residue.sh). Sourced, not run. Needs php, nginx, php-fpm8.2 and openssl.
#
# Packaged with examples/shop/serve.sh (scripts/gen-package-xml.php), which finds it at
# ../../scripts/serve-lib.sh: keep it free of other files of the checkout.

# Where this library is, found once: a script may change its directory after sourcing it.
msp_serve_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The msp.so to load: $MSP_EXTENSION when set (a build under test), else the one scripts/build.sh
# builds (into $MSP_BUILD_DIR when set: builds with other flags live side by side).
msp_extension() {
	if [ -n "${MSP_EXTENSION:-}" ]; then
		echo "$MSP_EXTENSION"
	else
		"$msp_serve_lib_dir/build.sh" | tail -n 1
	fi
}

# WANTED when nothing listens there on 127.0.0.1 (the demo shop's 8080), else a free port the kernel
# chooses. The port is free when asked: nothing else on loopback is expected to race for it.
msp_port_if_free() { # WANTED (0: any)
	php -r '$want = (int) $argv[1];
		$s = $want > 0 ? @stream_socket_server("tcp://127.0.0.1:$want") : false;
		if ($s === false) { $s = stream_socket_server("tcp://127.0.0.1:0"); }
		echo explode(":", stream_socket_get_name($s, false))[1];' -- "$1"
}

msp_free_port() {
	msp_port_if_free 0
}

# php-fpm run as root (containers, CI) refuses to start unless -R allows it and the pool names root.
msp_running_as_root() { [ "$(id -u)" -eq 0 ]; }

# Writes STEM.conf: a php-fpm master that stays in the foreground (daemonize = no), so that the
# script holds its pid to stop and wait for, with its pid file and log at STEM.pid and STEM.log, and
# one static pool named POOL of WORKERS workers on 127.0.0.1:PORT. Each POOL_LINE is added to the pool.
msp_fpm_conf() { # STEM POOL PORT WORKERS LOG_LEVEL [POOL_LINE...]
	local stem=$1 pool=$2 port=$3 workers=$4 log_level=$5
	shift 5
	{
		printf '%s\n' "[global]" "pid = $stem.pid" "error_log = $stem.log" "daemonize = no" \
			"log_level = $log_level" "[$pool]"
		if msp_running_as_root; then
			printf '%s\n' "user = root" "group = root"
		fi
		printf '%s\n' "listen = 127.0.0.1:$port" "pm = static" "pm.max_children = $workers" \
			"catch_workers_output = yes" "$@"
	} >"$stem.conf"
}

# Starts php-fpm with CONF and PHP_OPTIONS (-d ...) as a background job of this shell, so that the
# script can wait for it; sets msp_fpm_pid.
# shellcheck disable=SC2034 # msp_fpm_pid is read by the scripts that source this
msp_fpm_start() { # CONF [PHP_OPTION...]
	local conf=$1 as_root=()
	shift
	if msp_running_as_root; then
		as_root=(-R)
	fi
	php-fpm8.2 "${as_root[@]}" -y "$conf" "$@" </dev/null &
	msp_fpm_pid=$!
}

# Writes WORK/nginx.conf: one worker whose pid file, error log and temporary files stay in WORK
# (nginx's defaults under /var belong to the system's nginx and are not a user's to write), and an
# http block made of the directives read from stdin.
msp_nginx_conf() { # WORK WORKER_CONNECTIONS <HTTP_DIRECTIVES
	local work=$1 connections=$2
	{
		printf '%s\n' "worker_processes 1;" "pid $work/nginx.pid;" "error_log $work/nginx-error.log;" \
			"events { worker_connections $connections; }" "http {"
		printf '\t%s\n' "client_body_temp_path $work/body;" "fastcgi_temp_path $work/fastcgi;" \
			"proxy_temp_path $work/proxy;" "uwsgi_temp_path $work/uwsgi;" "scgi_temp_path $work/scgi;"
		cat
		echo "}"
	} >"$work/nginx.conf"
}

# nginx puts itself in the background; its pid file says whom to stop.
msp_nginx_start() { # WORK
	nginx -c "$1/nginx.conf"
}

# Asks nginx to stop, if it started; never fails, so that the rest of a cleanup runs.
msp_nginx_stop() { # WORK
	if [ -f "$1/nginx.pid" ]; then
		kill "$(cat "$1/nginx.pid")" 2>/dev/null || true
	fi
}

# The HTTP status of a GET of URL (0: no answer), redirects followed.
msp_http_status() { # URL
	php -r '$context = stream_context_create(["http" => ["ignore_errors" => true]]);
		@file_get_contents($argv[1], false, $context);
		$code = 0;
		foreach ($http_response_header ?? [] as $line) {
			if (preg_match("~^HTTP/\S+ (\d{3})~", $line, $m)) { $code = $m[1]; }
		}
		echo $code;' -- "$1" 2>/dev/null
}

# Waits up to 10 s until URL answers STATUS: nginx answers at once, but 502 until php-fpm's workers
# listen. Prints the last status seen (0: no answer), and fails when STATUS never came.
msp_wait_for_status() { # URL STATUS
	local code=0
	for _ in $(seq 1 100); do
		code=$(msp_http_status "$1")
		[ "$code" = "$2" ] && break
		sleep 0.1
	done
	echo "$code"
	[ "$code" = "$2" ]
}

# Removes the scratch folder WORK, or keeps it when KEEP is 1 and says where it is (its databases
# and logs are what one reads after a failure). NAME starts the line, as the script's other lines.
msp_remove_scratch() { # WORK KEEP NAME
	if [ "$2" = 1 ]; then
		echo "$3: kept $1"
	else
		rm -rf "$1"
	fi
}

# A throw-away certificate authority, valid for two days, in DIR (ca.key, ca.pem): the TLS servers
# of a run present certificates it signed, and only the clients told to trust ca.pem do.
msp_make_ca() { # DIR COMMON_NAME
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1/ca.key" -out "$1/ca.pem" -days 2 -subj "/CN=$2" 2>/dev/null
}

# A server certificate for 127.0.0.1 and localhost signed by DIR's CA: DIR/NAME.pem and DIR/NAME.key,
# with an RSA key (rsa) or an ECDSA P-256 one (ec: a cheaper handshake to sign).
msp_make_server_cert() { # DIR NAME rsa|ec
	local dir=$1 name=$2 new_key=(-newkey rsa:2048)
	if [ "$3" = ec ]; then
		new_key=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
	fi
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$dir/$name.ext"
	openssl req "${new_key[@]}" -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" -subj /CN=127.0.0.1 2>/dev/null &&
		openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
			-out "$dir/$name.pem" -days 2 -extfile "$dir/$name.ext" 2>/dev/null
}
