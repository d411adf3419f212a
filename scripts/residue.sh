#!/usr/bin/env bash
# Memory residue check: processes pay orders against the bundled emulator, then their writable memory is
# read through /proc/PID/mem and copies of the card numbers, CVCs and API key are counted by region.
#
#   scripts/residue.sh                    builds msp (.build/residue) and runs the check
#   MSP_EXTENSION=path/msp.so scripts/residue.sh
#
# Processes: a PHP CLI process and a php-fpm worker (pm = static, one child, behind nginx), each twice:
# ext/curl loaded before msp and after it. Each pays 3-D Secure (4111 1111 1111 1111, 5500 ...) and
# frictionless (4012 0010 3844 3335, 3782 ...) orders over HTTP and over TLS (nginx in front of the
# emulator, a throw-away CA). Cards come from Msp\Card::fromRequest() (php-fpm), Msp\Card::consume()
# (CLI) and new Msp\Card() (both; the shop's own string then stays in PHP memory, which is its
# business). Then the process is left alive (the CLI script waits on stdin, the fpm worker is idle)
# and scanned. Regions: malloc heap and other anonymous memory (msp, libcurl, OpenSSL), PHP memory (Zend
# MM chunks, recognised by their header), stack, and other writable mappings (libraries' data).
# Copies that must be 0: everywhere for every card, except PHP memory for new Msp\Card() cards and for
# the key (the shop holds it as a PHP string). Prints the table, "residue: N passed, N failed", and
# exits non-zero on any copy where 0 is required.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib.sh"
source "$root/scripts/serve-lib.sh"
msp_install_missing "${MSP_PACKAGES[@]}" nginx openssl

so=$(MSP_BUILD_DIR="$root/.build/residue" msp_extension)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A throw-away CA and a certificate for 127.0.0.1 signed by it, for nginx in front of the emulator.
msp_make_ca "$work" msp-residue-ca
msp_make_server_cert "$work" server rsa

# ---- The CLI process: secrets arrive on stdin (unbuffered, so each is one PHP string and nothing else
# holds it), orders are paid, then it says "ready" and waits until stdin closes.
cat >"$work/cli.php" <<'PHP'
<?php
declare(strict_types=1);
[, $httpBase, $tlsBase, $ca, $plan] = $argv;
stream_set_read_buffer(STDIN, 0);
function take(int $length): string
{
    $bytes = $length > 0 ? fread(STDIN, $length) : '';
    if (strlen($bytes) !== $length) {
        fwrite(STDERR, "short read on stdin\n");
        exit(2);
    }
    return $bytes;
}
$plan = json_decode($plan, true);
$key = take($plan['key']);
$clients = [
    new Msp\Client($key, ['base_url' => $httpBase, 'timeout' => 20]),
    new Msp\Client($key, ['base_url' => $tlsBase, 'ca_file' => $ca, 'timeout' => 20]),
];
unset($key); // the shop's own copy of the key: freed, not wiped (PHP cannot)
foreach ($plan['cards'] as $i => $spec) {
    $number = take($spec['number']);
    $cvc = take($spec['cvc']);
    if ($spec['how'] === 'consume') {
        $card = Msp\Card::consume($number, 12, 2030, $cvc, 'J. Tester');
    } else {
        $card = new Msp\Card($number, 12, 2030, $cvc, 'J. Tester');
        unset($number, $cvc); // freed, not wiped: the shop's business
    }
    foreach ($clients as $k => $client) {
        $request = (new Msp\OrderRequest("residue-cli-$i-$k-" . bin2hex(random_bytes(4)), 1000, 'EUR', 'residue', $card))
            ->customer(['ip_address' => '203.0.113.7', 'country' => 'NL', 'locale' => 'nl_NL', 'email' => 'j@example.com'])
            ->redirectUrl('https://shop.example/ok')->cancelUrl('https://shop.example/cancel');
        $client->createOrder($request);
    }
    unset($card, $request);
}
unset($clients, $client);
gc_collect_cycles();
echo "ready\n";
fgets(STDIN);
PHP

# ---- The php-fpm checkout: one order per request, the card from the request body.
cat >"$work/checkout.php" <<'PHP'
<?php
declare(strict_types=1);
$config = json_decode(file_get_contents(__DIR__ . '/checkout.json'), true);
$options = ['timeout' => 20] + ($_GET['tls'] === '1'
    ? ['base_url' => $config['tls_base'], 'ca_file' => $config['ca']]
    : ['base_url' => $config['http_base']]);
$client = new Msp\Client(file_get_contents(__DIR__ . '/api.key'), $options);
if ($_GET['how'] === 'request') {
    $card = Msp\Card::fromRequest('card_number', 'card_expiry', null, 'card_cvc', 'holder');
    if (isset($_GET['pause'])) { // the scanner reads the worker here, in the middle of the request
        $pause = $config['work'] . '/pause-' . $_GET['pause'];
        touch($pause);
        for ($i = 0; $i < 400 && file_exists($pause); $i++) {
            usleep(25000);
        }
    }
} else {
    $card = new Msp\Card($_POST['card_number'], (int) $_POST['exp_month'], (int) $_POST['exp_year'],
        $_POST['card_cvc'], $_POST['holder']);
}
$order = $client->createOrder((new Msp\OrderRequest('residue-fpm-' . bin2hex(random_bytes(6)), 1000, 'EUR', 'residue', $card))
    ->customer(['ip_address' => '203.0.113.7', 'country' => 'NL', 'locale' => 'nl_NL', 'email' => 'j@example.com'])
    ->redirectUrl('https://shop.example/ok')->cancelUrl('https://shop.example/cancel'));
echo $order->status->value;
PHP

# ---- The orchestrator and scanner. It starts the emulator, nginx and php-fpm itself, so that every
# process it reads is its descendant (what /proc/PID/mem requires under Yama's ptrace_scope 1).
cat >"$work/scan.php" <<'PHP'
<?php
declare(strict_types=1);
[, $root, $so, $work] = $argv;
require $root . '/tests/emulator/server.inc';
$started = microtime(true);
$isRoot = function_exists('posix_geteuid') ? posix_geteuid() === 0 : trim((string) shell_exec('id -u')) === '0';

function free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) explode(':', stream_socket_get_name($s, false))[1];
    fclose($s);
    return $port;
}

function wait_port(int $port, float $seconds = 10.0): void
{
    $until = microtime(true) + $seconds;
    while (microtime(true) < $until) {
        $s = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 0.2);
        if ($s) {
            fclose($s);
            return;
        }
        usleep(50000);
    }
    throw new RuntimeException("nothing listens on port $port");
}

$processes = [];
// nginx and php-fpm stop with the scanner, whichever way it ends (a failed step exits early).
register_shutdown_function(function () use (&$processes) {
    foreach (array_reverse($processes) as $proc) {
        proc_terminate($proc);
        proc_close($proc);
    }
    $processes = [];
});
function spawn(array $command, string $log): array
{
    global $processes;
    $proc = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']], $pipes);
    $processes[] = $proc;
    return [$proc, proc_get_status($proc)['pid']];
}

// ---- The secrets: every card, CVC and the key are distinct per role, so that a copy found names
// the path that left it. Labels show at most the last four digits.
$key = 'emulator-test-key';
$cards = [
    // role => [digits, form sent, CVC, 3-D Secure?, how]
    'fpm-request-3ds' => ['4111111111111111', '4111 1111 1111 1111', '123', true, 'request'],
    'fpm-request-frictionless' => ['4012001038443335', '4012-0010-3844-3335', '456', false, 'request'],
    'fpm-new-3ds' => ['5500000000000004', '5500 0000 0000 0004', '731', true, 'new'],
    'fpm-new-frictionless' => ['378282246310005', '3782 822463 10005', '2468', false, 'new'],
    'cli-consume-3ds' => ['4111111111111111', '4111 1111 1111 1111', '123', true, 'consume'],
    'cli-consume-frictionless' => ['4012001038443335', '4012-0010-3844-3335', '456', false, 'consume'],
    'cli-new-3ds' => ['5500000000000004', '5500000000000004', '731', true, 'new'],
    'cli-new-frictionless' => ['378282246310005', '378282246310005', '2468', false, 'new'],
];

/** Byte strings to count for one card: the digits, the form it was sent in, that form URL-encoded. */
function pan_patterns(array $card): array
{
    return array_values(array_unique([$card[0], $card[1], urlencode($card[1])]));
}

function cvc_patterns(array $card): array
{
    return ['"card_cvc":"' . $card[2] . '"', 'card_cvc=' . $card[2]];
}

// ---- Services: the emulator, nginx (TLS in front of the emulator; the front of php-fpm).
$emulator = msp_emulator_start();
$emuPort = $emulator->port();
$tlsPort = free_port();
$frontPort = free_port();
$fpmPorts = ['curl, then msp' => free_port(), 'msp, then curl' => free_port()];
$httpBase = $emulator->baseUrl();
$tlsBase = "https://127.0.0.1:$tlsPort/v1/json/";
$fpmLocations = '';
$i = 0;
foreach ($fpmPorts as $order => $port) {
    $fpmLocations .= "location /fpm$i/ { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $work/checkout.php; fastcgi_pass 127.0.0.1:$port; }\n";
    $i++;
}
file_put_contents("$work/nginx.conf", <<<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon off;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $work/nginx-body;
    fastcgi_temp_path $work/nginx-fastcgi;
    proxy_temp_path $work/nginx-proxy;
    uwsgi_temp_path $work/nginx-uwsgi;
    scgi_temp_path $work/nginx-scgi;
    server {
        listen 127.0.0.1:$tlsPort ssl;
        ssl_certificate $work/server.pem;
        ssl_certificate_key $work/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        underscores_in_headers on; # the api_key header
        location / { proxy_pass http://127.0.0.1:$emuPort; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
    server {
        listen 127.0.0.1:$frontPort;
        $fpmLocations
    }
}
CONF);
spawn(['nginx', '-c', "$work/nginx.conf"], "$work/nginx.log");
file_put_contents("$work/api.key", $key);
file_put_contents("$work/checkout.json", json_encode(['http_base' => $httpBase, 'tls_base' => $tlsBase, 'ca' => "$work/ca.pem", 'work' => $work]));

function load_order(string $order, string $so): array
{
    $curl = ['-d', 'extension=curl'];
    $msp = ['-d', 'extension=' . $so];
    return $order === 'curl, then msp' ? [...$curl, ...$msp] : [...$msp, ...$curl];
}

$fpm = [];
$i = 0;
foreach ($fpmPorts as $order => $port) {
    $conf = "$work/fpm$i.conf";
    file_put_contents($conf, "[global]\npid = $work/fpm$i.pid\nerror_log = $work/fpm$i.log\ndaemonize = no\n"
        . "[residue]\nlisten = 127.0.0.1:$port\npm = static\npm.max_children = 1\ncatch_workers_output = yes\n"
        . ($isRoot ? "user = root\ngroup = root\n" : ''));
    [$proc, $pid] = spawn(['php-fpm8.2', '-n', '-F', ...($isRoot ? ['-R'] : []), '-y', $conf, ...load_order($order, $so)], "$work/fpm$i.out");
    $fpm[$order] = ['pid' => $pid, 'port' => $port, 'path' => "/fpm$i/"];
    $i++;
}
wait_port($tlsPort);
wait_port($frontPort);
foreach ($fpm as $f) {
    wait_port($f['port']);
}

// ---- Reading a process's memory.
const CHUNK = 2 * 1024 * 1024; // Zend MM chunk size and alignment

/**
 * Writable mappings: [start, end, class] with class heap|stack|file|anon|secure. "secure" are msp's
 * secure buffers: anonymous mappings excluded from core dumps (VmFlags "dd", MADV_DONTDUMP), which
 * hold a card only while its Msp\Card lives.
 */
function writable_regions(int $pid): array
{
    $regions = [];
    $current = null;
    foreach (file("/proc/$pid/smaps", FILE_IGNORE_NEW_LINES) as $line) {
        if (preg_match('/^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/', $line, $m)) {
            $path = $m[4];
            $class = match (true) {
                $m[3][1] !== 'w' || $path === '[vvar]' || $path === '[vsyscall]' => null,
                $path === '[heap]' => 'heap',
                str_starts_with($path, '[stack') => 'stack',
                $path === '' || str_starts_with($path, '[anon') => 'anon',
                default => 'file',
            };
            $current = $class === null ? null : count($regions);
            if ($class !== null) {
                $regions[] = [hexdec($m[1]), hexdec($m[2]), $class];
            }
        } elseif ($current !== null && str_starts_with($line, 'VmFlags:') && $regions[$current][2] === 'anon'
            && preg_match('/\bdd\b/', $line)) {
            $regions[$current][2] = 'secure';
        }
    }
    return $regions;
}

function read_at($mem, int $address, int $length): string
{
    if (fseek($mem, $address) !== 0) {
        return '';
    }
    $data = '';
    while (strlen($data) < $length) {
        $part = fread($mem, $length - strlen($data));
        if ($part === false || $part === '') {
            break;
        }
        $data .= $part;
    }
    return $data;
}

/**
 * Zend MM chunks: 2 MiB-aligned blocks of anonymous memory whose first word points at the heap, which
 * lives inside the first chunk (zend_mm_chunk.heap). Returns the set of chunk addresses.
 */
function zend_chunks($mem, array $regions): array
{
    $firstWords = [];
    foreach ($regions as [$start, $end, $class]) {
        if ($class !== 'anon') {
            continue;
        }
        for ($a = intdiv($start + CHUNK - 1, CHUNK) * CHUNK; $a + CHUNK <= $end; $a += CHUNK) {
            $word = read_at($mem, $a, 8);
            if (strlen($word) === 8) {
                $firstWords[$a] = unpack('P', $word)[1];
            }
        }
    }
    $heap = null;
    foreach ($firstWords as $a => $p) {
        if ($p >= $a && $p < $a + CHUNK) {
            $heap = $p;
            break;
        }
    }
    return $heap === null ? [] : array_flip(array_keys(array_filter($firstWords, fn ($p) => $p === $heap)));
}

/** Counts every pattern of every secret in the process's writable memory, by region. */
function scan(int $pid, array $secrets): array
{
    $mem = fopen("/proc/$pid/mem", 'rb');
    if ($mem === false) {
        throw new RuntimeException("cannot read /proc/$pid/mem");
    }
    $regions = writable_regions($pid);
    $chunks = zend_chunks($mem, $regions);
    $counts = [];
    $longest = 1;
    foreach ($secrets as $label => $patterns) {
        $counts[$label] = ['heap' => 0, 'secure' => 0, 'php' => 0, 'stack' => 0, 'file' => 0];
        foreach ($patterns as $p) {
            $longest = max($longest, strlen($p));
        }
    }
    foreach ($regions as [$start, $end, $class]) {
        $tail = '';
        // Blocks never cross a 2 MiB boundary, so a block lies in one Zend chunk or none.
        for ($a = $start; $a < $end; $a = $next) {
            $next = min($end, intdiv($a, CHUNK) * CHUNK + CHUNK);
            $block = read_at($mem, $a, $next - $a);
            $where = match ($class) {
                'anon' => isset($chunks[intdiv($a, CHUNK) * CHUNK]) ? 'php' : 'heap',
                default => $class,
            };
            $head = substr($block, 0, $longest - 1);
            foreach ($secrets as $label => $patterns) {
                foreach ($patterns as $p) {
                    // Matches inside the block, plus those straddling the previous block's end.
                    $n = substr_count($block, $p);
                    if ($tail !== '') {
                        $n += substr_count($tail . $head, $p) - substr_count($tail, $p) - substr_count($head, $p);
                    }
                    $counts[$label][$where] += $n;
                }
            }
            $tail = substr($block, -($longest - 1));
        }
    }
    fclose($mem);
    return $counts;
}

// ---- The scanner checks itself first: a process that holds the key in a PHP string and in its
// malloc heap must show both, or every 0 below would mean nothing.
$canary = proc_open([PHP_BINARY, '-n', '-r', '$k = implode("", $argv); $heap = new SplFixedArray(0); '
    . 'putenv("MSP_RESIDUE_CANARY=$k"); echo "ready\n"; fgets(STDIN);', 'emulator-', 'test-key'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $canaryPipes);
fgets($canaryPipes[1]);
$found = scan(proc_get_status($canary)['pid'], ['key' => [$key]])['key'];
fclose($canaryPipes[0]);
proc_close($canary);
if ($found['php'] < 1 || $found['heap'] < 1) {
    fwrite(STDERR, "scanner self-check failed: the key was not found where it is (" . json_encode($found) . ")\n");
    exit(1);
}

// ---- The runs.
$rows = [];
/** $required: region => whether 0 is required there. */
function record(string $process, array $counts, array $required): void
{
    global $rows;
    foreach ($counts as $label => $byRegion) {
        $rows[] = [$process, $label, $byRegion, $required[$label]];
    }
}
$strict = ['heap' => true, 'secure' => true, 'php' => true, 'stack' => true, 'file' => true];
$shops = ['heap' => true, 'secure' => true, 'php' => false, 'stack' => true, 'file' => true];
$cardAlive = ['secure' => false] + $strict; // in the middle of a request, the Msp\Card holds its card

function card_label(string $role, array $card): string
{
    $how = ['request' => 'fromRequest', 'consume' => 'consume', 'new' => 'new Card'][$card[4]];
    return sprintf('…%s %s %s', substr($card[0], -4), $card[3] ? '3DS' : 'frictionless', $how);
}

// CLI, per load order.
foreach (['curl, then msp', 'msp, then curl'] as $order) {
    $roles = array_filter(array_keys($cards), fn ($r) => str_starts_with($r, 'cli-'));
    $plan = ['key' => strlen($key), 'cards' => []];
    $input = $key;
    foreach ($roles as $role) {
        $c = $cards[$role];
        $plan['cards'][] = ['number' => strlen($c[1]), 'cvc' => strlen($c[2]), 'how' => $c[4]];
        $input .= $c[1] . $c[2];
    }
    $proc = proc_open([PHP_BINARY, '-n', ...load_order($order, $so), "$work/cli.php", $httpBase, $tlsBase, "$work/ca.pem", json_encode($plan)],
        [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', "$work/cli.err", 'a']], $pipes);
    fwrite($pipes[0], $input);
    $line = fgets($pipes[1]);
    if (trim((string) $line) !== 'ready') {
        fwrite(STDERR, "the CLI process failed:\n" . $line . stream_get_contents($pipes[1]) . file_get_contents("$work/cli.err"));
        exit(1);
    }
    $pid = proc_get_status($proc)['pid'];
    $secrets = ['API key' => [$key]];
    $required = ['API key' => $shops];
    foreach ($roles as $role) {
        $c = $cards[$role];
        $secrets['PAN ' . card_label($role, $c)] = pan_patterns($c);
        $secrets['CVC ' . card_label($role, $c)] = cvc_patterns($c);
        $required['PAN ' . card_label($role, $c)] = $required['CVC ' . card_label($role, $c)] = $c[4] === 'new' ? $shops : $strict;
    }
    record("CLI, $order", scan($pid, $secrets), $required);
    fclose($pipes[0]);
    fclose($pipes[1]);
    proc_close($proc);
}

// php-fpm, per load order: one worker pays every card over HTTP and over TLS and is scanned, idle,
// after each request. (A worker's next request reuses the same Zend MM addresses in the same order, so
// what one request left is only visible until the next one: hence a scan after each.)
function fpm_worker(int $master): int
{
    $workers = [];
    foreach (glob('/proc/[0-9]*/stat') as $stat) {
        // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
        $line = (string) @file_get_contents($stat);
        $fields = explode(' ', substr($line, strrpos($line, ')') + 2));
        if ((int) ($fields[1] ?? 0) === $master) {
            $workers[] = (int) $line;
        }
    }
    if (count($workers) !== 1) {
        fwrite(STDERR, "expected one php-fpm worker under $master\n");
        exit(1);
    }
    return $workers[0];
}

/** Posts a checkout; with $pause, scans the worker while the script waits right after fromRequest(). */
function checkout(int $frontPort, array $f, array $c, string $tls, ?array $midScan): ?array
{
    global $work;
    $body = http_build_query($c[4] === 'request'
        ? ['card_number' => $c[1], 'card_expiry' => '12 / 30', 'card_cvc' => $c[2], 'holder' => 'J. Tester']
        : ['card_number' => $c[1], 'exp_month' => '12', 'exp_year' => '2030', 'card_cvc' => $c[2], 'holder' => 'J. Tester']);
    $pause = $midScan !== null ? bin2hex(random_bytes(4)) : null;
    $path = "{$f['path']}?how={$c[4]}&tls=$tls" . ($pause !== null ? "&pause=$pause" : '');
    $socket = stream_socket_client("tcp://127.0.0.1:$frontPort", $errno, $errstr, 5);
    fwrite($socket, "POST $path HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        . 'Content-Length: ' . strlen($body) . "\r\n\r\n" . $body);
    $during = null;
    if ($pause !== null) {
        for ($i = 0; $i < 400 && !file_exists("$work/pause-$pause"); $i++) {
            usleep(25000);
        }
        if (!file_exists("$work/pause-$pause")) {
            fwrite(STDERR, "php-fpm checkout never reached the pause after fromRequest(): " . stream_get_contents($socket) . "\n");
            exit(1);
        }
        $during = scan(fpm_worker($f['pid']), $midScan);
        unlink("$work/pause-$pause");
    }
    stream_set_timeout($socket, 30);
    $answer = stream_get_contents($socket);
    fclose($socket);
    if (!preg_match('~^HTTP/1\.\d 200~', $answer) || !preg_match('~\r\n\r\n(initialized|completed)$~', $answer)) {
        fwrite(STDERR, "php-fpm checkout failed: " . strtok($answer, "\r\n") . "\n");
        exit(1);
    }
    return $during;
}

foreach ($fpm as $order => $f) {
    $roles = array_filter(array_keys($cards), fn ($r) => str_starts_with($r, 'fpm-'));
    foreach ($roles as $role) {
        $c = $cards[$role];
        $label = card_label($role, $c);
        $secrets = ["PAN $label" => pan_patterns($c), "CVC $label" => cvc_patterns($c)];
        $total = array_fill_keys(array_keys($secrets), ['heap' => 0, 'secure' => 0, 'php' => 0, 'stack' => 0, 'file' => 0]);
        $during = array_fill_keys(array_keys($secrets), ['heap' => 0, 'secure' => 0, 'php' => 0, 'stack' => 0, 'file' => 0]);
        foreach (['0', '1'] as $tls) {
            $mid = checkout($frontPort, $f, $c, $tls, $c[4] === 'request' ? $secrets : null);
            foreach ($mid ?? [] as $name => $byRegion) {
                foreach ($byRegion as $region => $n) {
                    $during[$name][$region] += $n;
                }
            }
            foreach (scan(fpm_worker($f['pid']), $secrets) as $name => $byRegion) {
                foreach ($byRegion as $region => $n) {
                    $total[$name][$region] += $n;
                }
            }
        }
        $required = array_fill_keys(array_keys($secrets), $c[4] === 'new' ? $shops : $strict);
        if ($c[4] === 'request') {
            record("php-fpm, $order, in request", $during, array_fill_keys(array_keys($secrets), $cardAlive));
        }
        record("php-fpm worker, $order", $total, $required);
    }
    record("php-fpm worker, $order", scan(fpm_worker($f['pid']), ['API key' => [$key]]), ['API key' => $shops]);
}

// ---- Report.
$passed = $failed = 0;
printf("%-36s %-36s %9s %7s %9s %6s %6s  %s\n", 'process', 'secret (card: last 4, flow, source)', 'heap+anon', 'secure', 'PHP (MM)', 'stack', 'other', '');
foreach ($rows as [$process, $label, $byRegion, $required]) {
    $cells = [];
    $bad = false;
    foreach (['heap', 'secure', 'php', 'stack', 'file'] as $region) {
        $n = $byRegion[$region];
        $cells[] = $required[$region] ? (string) $n : "($n)";
        $bad = $bad || ($required[$region] && $n > 0);
    }
    $bad ? $failed++ : $passed++;
    printf("%-36s %-36s %9s %7s %9s %6s %6s  %s\n", $process, $label, ...[...$cells, $bad ? 'NOT OK' : 'ok']);
}
echo "\n(n): not required to be 0: the shop's own PHP string (new Msp\\Card(\$_POST[...]), the key it configured),\n"
    . "and msp's secure memory while the Msp\\Card is alive (\"in request\": scanned right after fromRequest()).\n";
echo "php-fpm rows add up two scans of the idle worker: after the order over HTTP and after the one over TLS.\n";
printf("residue: %d passed, %d failed (%.0f s)\n", $passed, $failed, microtime(true) - $started);

$emulator->stop();
exit($failed === 0 ? 0 : 1);
PHP

php "$work/scan.php" "$root" "$so" "$work"
