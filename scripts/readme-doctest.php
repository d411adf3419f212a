<?php
/*
 * Runs every ```php block of README.md as written, with msp loaded, against one freshly started
 * emulator: one "ok"/"not ok" line per block, then "N passed, N failed". Run by scripts/test.sh.
 *   MSP_EXTENSION=/path/msp.so php -d extension=/path/msp.so scripts/readme-doctest.php [README.md]
 *
 * A marker on the line before a block says how it runs (README says the same in one line at its top):
 *   (none)                          run as a script of its own
 *   <!-- doctest: id=NAME -->       run it, and let a later block continue it by that name
 *   <!-- doctest: continue -->      run after the previous run block, in the same script (its variables)
 *   <!-- doctest: continue=NAME --> run after the block NAME
 *   <!-- doctest: notify -->        serve it as the notification_url (php -S) and post it a signed
 *                                   notification of a paid order (200 "OK", state stored), the same
 *                                   body tampered and one with a forged signature (403 each, nothing
 *                                   stored)
 *   <!-- doctest: lint -->          code for a framework (WordPress, Magento) that is not here: php -l
 *   <!-- doctest: skip -->          a fragment (a method without its class): not run
 * A block whose first line is a comment naming a file ("// notify.php, the notification_url") is
 * written under that name into the scratch folder, where every block runs, so that later blocks can
 * require it. What a shop has and msp has not comes from the prelude (below): MSP_API_KEY and
 * MSP_BASE_URL (the emulator), MSP_SHOP_DB (a SQLite file), $cart, the checkout form's $_POST,
 * REMOTE_ADDR and, for the return page, $_GET['transactionid'] (an order the runner paid). Every
 * warning, notice or deprecation fails the block.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/tests/client/client.inc';

const BLOCK_TIMEOUT = 60;
/** A documented test card the emulator pays without 3-D Secure (api.md §8). */
const FRICTIONLESS_CARD = '4012001038443335';

$readme = $argv[1] ?? dirname(__DIR__) . '/README.md';
$extension = getenv('MSP_EXTENSION') ?: '';
if (!extension_loaded('msp') || $extension === '' || !is_file($extension)) {
    fwrite(STDERR, "readme-doctest: load msp and set MSP_EXTENSION to the same msp.so\n");
    echo "0 passed, 1 failed\n";
    exit(1);
}

/** @return list<array{line: int, code: string, marker: array<string, string>}> the ```php blocks */
function readme_blocks(string $text): array
{
    $lines = explode("\n", $text);
    $blocks = [];
    for ($i = 0; $i < count($lines); $i++) {
        if (rtrim($lines[$i]) !== '```php') {
            continue;
        }
        $marker = [];
        if ($i > 0 && preg_match('/^<!-- doctest: (.*?) -->\s*$/', $lines[$i - 1], $m)) {
            foreach (preg_split('/\s+/', trim($m[1])) as $word) {
                [$key, $value] = array_pad(explode('=', $word, 2), 2, '');
                $marker[$key] = $value;
            }
        }
        $code = [];
        for ($j = $i + 1; $j < count($lines) && rtrim($lines[$j]) !== '```'; $j++) {
            $code[] = $lines[$j];
        }
        $blocks[] = ['line' => $i + 1, 'code' => implode("\n", $code) . "\n", 'marker' => $marker];
        $i = $j;
    }
    return $blocks;
}

/** The file a block is written to: the name its first comment gives, or block-LINE.php. */
function block_file(array $block): string
{
    return preg_match('~^//\s*([A-Za-z0-9_-]+\.php)\b~', $block['code'], $m) ? $m[1] : "block-{$block['line']}.php";
}

/** Runs PHP with msp and the prelude on $file in $dir; returns [exit code, output]. */
function run_php(string $dir, string $file, array $env, bool $lintOnly = false): array
{
    $args = [PHP_BINARY, '-d', 'extension=' . getenv('MSP_EXTENSION'), '-d', 'error_reporting=-1',
        '-d', 'display_errors=stderr', '-d', 'log_errors=0'];
    $args = $lintOnly ? [PHP_BINARY, '-l'] : array_merge($args, ['-d', "auto_prepend_file=$dir/prelude.php"]);
    $args[] = $file;
    $process = proc_open($args, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes, $dir, $env + getenv());
    stream_set_blocking($pipes[1], false);
    $output = '';
    $deadline = microtime(true) + BLOCK_TIMEOUT;
    // proc_get_status() reports the exit code once, on the first call after the exit: keep it.
    while (($state = proc_get_status($process))['running'] && microtime(true) < $deadline) {
        $output .= (string) stream_get_contents($pipes[1]);
        usleep(20000);
    }
    $status = $state['running'] ? -1 : $state['exitcode'];
    if ($state['running']) {
        proc_terminate($process, 9);
        $output .= "\n(killed after " . BLOCK_TIMEOUT . " s)";
    }
    $output .= (string) stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    proc_close($process);
    return [$status, $output];
}

/** The prelude: what a shop has and msp has not. Every warning becomes an error that fails the block. */
function prelude(): string
{
    return <<<'PHP'
<?php
set_error_handler(function (int $severity, string $message, string $file, int $line): bool {
    throw new ErrorException($message, 0, $severity, $file, $line);
});
if (PHP_SAPI === 'cli') {
    // The shop's cart, and the checkout form as posted: the documented test card (api.md §8).
    $cart = (object) ['id' => bin2hex(random_bytes(6)), 'total' => '25.00'];
    $_SERVER['REMOTE_ADDR'] = '203.0.113.7';
    // The customer back on the return page: ?transactionid=<an order the runner paid>.
    $_GET = ['transactionid' => (string) getenv('MSP_README_ORDER')];
    $_POST = [
        'pan' => '4111 1111 1111 1111', 'month' => '12', 'year' => '2030', 'cvc' => '123', 'holder' => 'J. Tester',
        'card_number' => '4111 1111 1111 1111', 'card_expiry' => '12 / 30', 'card_cvc' => '123', 'card_holder' => 'J. Tester',
        'payment' => ['cc_number' => '5500000000000004', 'cc_exp_month' => '12', 'cc_exp_year' => '2030', 'cc_cid' => '123'],
    ];
}
PHP;
}

/** A notification's Auth header as MultiSafepay computes it. */
function auth_header(string $body, string $key, int $timestamp): string
{
    return base64_encode($timestamp . ':' . hash_hmac('sha512', $timestamp . ':' . $body, trim($key)));
}

function http_post(string $url, string $body, string $auth): array
{
    $context = stream_context_create(['http' => ['method' => 'POST', 'ignore_errors' => true, 'timeout' => 20,
        'header' => "Content-Type: application/json\r\nAuth: $auth\r\n", 'content' => $body]]);
    $answer = @file_get_contents($url, false, $context);
    $status = isset($http_response_header[0]) && preg_match('~ (\d{3})~', $http_response_header[0], $m) ? (int) $m[1] : 0;
    return [$status, (string) $answer];
}

/** The state notify.php stored for an order, or null (the table README's notify.php creates). */
function stored_state(string $db, string $orderId): ?string
{
    if (!is_file($db)) {
        return null;
    }
    $pdo = new PDO("sqlite:$db");
    $select = @$pdo->prepare('SELECT state FROM msp_orders WHERE order_id = ?');
    if ($select === false || !$select->execute([$orderId])) {
        return null;
    }
    $state = $select->fetchColumn();
    return $state === false ? null : (string) $state;
}

/**
 * Serves $file as the notification_url and posts it a signed notification of a paid order, then the
 * same body tampered and one with a forged signature. Returns what went wrong, or null.
 */
function check_notify(string $dir, string $file, MspEmulator $emu, array $env): ?string
{
    $log = "$dir/notify-server.log";
    $process = proc_open([PHP_BINARY, '-d', 'extension=' . getenv('MSP_EXTENSION'), '-d', "auto_prepend_file=$dir/prelude.php",
        '-d', 'error_reporting=-1', '-d', 'display_errors=stderr', '-S', '127.0.0.1:0', "$dir/$file"],
        [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'w'], 2 => ['file', $log, 'a']], $pipes, $dir, $env + getenv());
    for ($i = 0; $i < 250 && !isset($port); $i++) {
        usleep(20000);
        if (preg_match('~Development Server \(http://127\.0\.0\.1:(\d+)\) started~', (string) @file_get_contents($log), $m)) {
            $port = (int) $m[1];
        }
    }
    try {
        if (!isset($port)) {
            return "php -S did not start:\n" . @file_get_contents($log);
        }
        $url = "http://127.0.0.1:$port/";
        $client = msp_test_client($emu);
        $order = $client->createOrder(msp_test_request(FRICTIONLESS_CARD, 2500, 'EUR', 'readme-' . bin2hex(random_bytes(5))));
        if (!$order->isPaid()) {
            return 'the test order is not paid: ' . $order->status->value;
        }
        $body = json_encode($emu->api('GET', 'orders/' . rawurlencode($order->orderId))['json']['data']);
        $key = $emu->apiKey();
        $db = $env['MSP_SHOP_DB'];

        [$status, $answer] = http_post($url, str_replace('"completed"', '"Completed"', $body), auth_header($body, $key, time()));
        if ($status !== 403 || stored_state($db, $order->orderId) !== null) {
            return "a tampered body was answered $status \"$answer\" and stored: " . var_export(stored_state($db, $order->orderId), true);
        }
        [$status, $answer] = http_post($url, $body, auth_header($body, 'not-the-key', time()));
        if ($status !== 403 || stored_state($db, $order->orderId) !== null) {
            return "a forged signature was answered $status \"$answer\" and stored: " . var_export(stored_state($db, $order->orderId), true);
        }
        [$status, $answer] = http_post($url, $body, auth_header($body, $key, time()));
        $state = stored_state($db, $order->orderId);
        if ($status !== 200 || trim($answer) !== 'OK' || $state === null || !str_contains($state, '"stage":"paid"')) {
            return "the signed notification was answered $status \"$answer\", stored: " . var_export($state, true)
                . "\n" . @file_get_contents($log);
        }
        if (preg_match('/(Warning|Notice|Deprecated|Fatal error|Uncaught)/', (string) @file_get_contents($log))) {
            return "the server logged:\n" . file_get_contents($log);
        }
        return null;
    } finally {
        proc_terminate($process);
        proc_close($process);
    }
}

$blocks = readme_blocks((string) file_get_contents($readme));
$dir = sys_get_temp_dir() . '/msp-readme-' . getmypid();
@mkdir($dir);
register_shutdown_function(function () use ($dir) {
    foreach (glob("$dir/*") ?: [] as $f) {
        @unlink($f);
    }
    @rmdir($dir);
});
file_put_contents("$dir/prelude.php", prelude());

$emu = msp_emulator_start();
$paid = msp_test_client($emu)->createOrder(msp_test_request(FRICTIONLESS_CARD, 2500, 'EUR', 'readme-return-' . bin2hex(random_bytes(4))));
$env = ['MSP_API_KEY' => $emu->apiKey(), 'MSP_BASE_URL' => $emu->baseUrl(), 'MSP_SHOP_DB' => "$dir/shop.sqlite",
    'MSP_README_ORDER' => $paid->orderId];
$passed = $failed = 0;
$sources = [];   // code of each run block, by id and by line, for continue
$previous = null;
foreach ($blocks as $block) {
    $marker = $block['marker'];
    $file = block_file($block);
    $title = "README.md:{$block['line']} $file";
    if (isset($marker['skip'])) {
        echo "ok - $title # SKIP a fragment\n";
        continue;
    }
    $code = $block['code'];
    if (isset($marker['continue'])) {
        $from = $marker['continue'] === '' ? $previous : ($sources[$marker['continue']] ?? null);
        if ($from === null) {
            echo "not ok - $title: nothing to continue (continue=" . $marker['continue'] . ")\n";
            $failed++;
            continue;
        }
        $code = $from . "\n// ---- README.md:{$block['line']}\n" . $code;
    }
    file_put_contents("$dir/$file", "<?php\n" . $code);
    if (isset($marker['lint'])) {
        [$status, $output] = run_php($dir, $file, $env, true);
        $problem = $status === 0 ? null : $output;
    } elseif (isset($marker['notify'])) {
        $problem = check_notify($dir, $file, $emu, $env);
    } else {
        [$status, $output] = run_php($dir, $file, $env);
        $problem = $status === 0 && !preg_match('/(Warning|Notice|Deprecated|Fatal error|Uncaught)/', $output) ? null : $output;
        $previous = $code;
        if (isset($marker['id'])) {
            $sources[$marker['id']] = $code;
        }
    }
    if ($problem === null) {
        echo "ok - $title" . (isset($marker['lint']) ? ' (php -l)' : (isset($marker['notify']) ? ' (served: signed 200, tampered and forged 403)' : '')) . "\n";
        $passed++;
    } else {
        echo "not ok - $title\n" . preg_replace('/^/m', '    ', trim($problem)) . "\n";
        $failed++;
    }
}
echo "$passed passed, $failed failed\n";
exit($failed === 0 && $passed > 0 ? 0 : 1);
