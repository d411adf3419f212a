<?php
/*
 * One checkout per php-fpm request (the per-request mode): ?impl=msp uses the worker's persistent
 * msp pool; ?impl=php is plain PHP, whose curl handle cannot outlive the request; ?impl=noop does
 * nothing, to show what a php-fpm request costs by itself (in a pool that loads msp, or in one
 * that does not). The API server and CA file come from the FastCGI environment (bench/run.sh).
 */
declare(strict_types=1);

// ?cpu=1: the worker's CPU since it was forked, up to the end of this script, as a header. With
// pm.max_requests = 1 (bench/run.sh's fresh-worker pools) that is what a new worker's first request
// costs.
if (isset($_GET['cpu'])) {
    register_shutdown_function(function () {
        $r = getrusage();
        header(sprintf('X-Worker-Cpu-Us: %d', $r['ru_utime.tv_sec'] * 1000000 + $r['ru_utime.tv_usec']
            + $r['ru_stime.tv_sec'] * 1000000 + $r['ru_stime.tv_usec']));
    });
}

$base = $_SERVER['BENCH_API'];
$ca = $_SERVER['BENCH_CA'];
$id = 'bench-1';   // the canned answer's order id: msp refuses an answer about another order
if (($_GET['impl'] ?? '') === 'noop') {
    echo 'completed';   // the cost of a php-fpm request that does no checkout at all
} elseif (($_GET['impl'] ?? '') === 'msp') {
    $client = new Msp\Client('bench-key', ['base_url' => $base, 'ca_file' => $ca, 'timeout' => 10]);
    $req = (new Msp\OrderRequest($id, 1000, 'EUR', 'Bench order', new Msp\Card('4111111111111111', 12, 2030, '123', 'J. Tester')))
        ->customer(['locale' => 'nl_NL', 'ip_address' => '127.0.0.1', 'country' => 'NL', 'email' => 'a@example.com'])
        ->notificationUrl('https://shop.example/notify')->redirectUrl('https://shop.example/ok');
    echo $client->createOrder($req)->status->value;
} else {
    $h = curl_init($base . 'orders');
    curl_setopt_array($h, [
        CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 10, CURLOPT_CAINFO => $ca, CURLOPT_POST => true,
        CURLOPT_HTTPHEADER => ['api_key: bench-key', 'accept: application/json', 'content-type: application/json', 'Expect:'],
        CURLOPT_POSTFIELDS => json_encode([
            'type' => 'direct', 'gateway' => 'VISA', 'order_id' => $id, 'currency' => 'EUR', 'amount' => 1000, 'description' => 'Bench order',
            'gateway_info' => ['card_number' => '4111111111111111', 'card_holder_name' => 'J. Tester', 'card_expiry_date' => '3012', 'card_cvc' => '123'],
            'customer' => ['locale' => 'nl_NL', 'ip_address' => '127.0.0.1', 'country' => 'NL', 'email' => 'a@example.com'],
            'payment_options' => ['notification_url' => 'https://shop.example/notify', 'redirect_url' => 'https://shop.example/ok'],
        ]),
    ]);
    echo json_decode((string) curl_exec($h), true)['data']['status'] ?? 'error';
}
