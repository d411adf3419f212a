<?php
/*
 * The long loop in one PHP process: the same calls with msp, or with plain PHP (ext-curl +
 * json_encode/json_decode, one handle reused, as a good SDK does). Prints JSON: CPU microseconds per
 * call, peak PHP memory and peak RSS.
 *   php loop.php msp|php create|get|refund_order|refund_id ITERATIONS|burst BASE_URL [CA_FILE]
 * burst: after the warm-up, reads a count per line from stdin, makes that many calls and answers with
 * the CPU microseconds per call of that burst (bench/paired.php interleaves bursts of several
 * implementations); the JSON line comes at the end of input.
 * create: the card and the order request are built in the loop, as a shop does per checkout.
 * refund_order: a refund of an Order the shop holds (one POST); refund_id: a refund by order id (GET
 * the order, check what is refundable, POST).
 */
declare(strict_types=1);

[, $impl, $op, $iterations, $base] = $argv;
$ca = $argv[5] ?? null;
$burst = $iterations === 'burst';
$iterations = (int) $iterations;
// The canned answers are about order "bench-1": msp refuses an answer about another order.
const ORDER_ID = 'bench-1';

function cpu_us(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_sec'] * 1e6 + $r['ru_stime.tv_usec'];
}

if ($impl === 'msp') {
    $client = new Msp\Client('bench-key', ['base_url' => $base, 'timeout' => 10] + ($ca ? ['ca_file' => $ca] : []));
    $call = match ($op) {
        'create' => function () use ($client) {
            $card = new Msp\Card('4111111111111111', 12, 2030, '123', 'J. Tester');
            $req = (new Msp\OrderRequest(ORDER_ID, 1000, 'EUR', 'Bench order', $card))
                ->customer(['locale' => 'nl_NL', 'ip_address' => '127.0.0.1', 'country' => 'NL', 'email' => 'a@example.com'])
                ->notificationUrl('https://shop.example/notify')->redirectUrl('https://shop.example/ok');
            return $client->createOrder($req)->status;
        },
        'get' => fn () => $client->getOrder(ORDER_ID)->status,
        'refund_order' => (function () use ($client) {
            $order = $client->getOrder(ORDER_ID);   // the Order the shop holds
            return fn () => $client->refund($order, 100, 'EUR')->refundId;
        })(),
        'refund_id' => fn () => $client->refund(ORDER_ID, 100, 'EUR')->refundId,
    };
} else {
    $h = curl_init();
    curl_setopt_array($h, [
        CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 10,
        CURLOPT_HTTPHEADER => ['api_key: bench-key', 'accept: application/json', 'content-type: application/json', 'Expect:'],
    ] + ($ca ? [CURLOPT_CAINFO => $ca] : []));
    $exchange = function (string $path, ?array $body) use ($h, $base): array {
        curl_setopt_array($h, $body === null
            ? [CURLOPT_URL => $base . $path, CURLOPT_HTTPGET => true]
            : [CURLOPT_URL => $base . $path, CURLOPT_POST => true, CURLOPT_POSTFIELDS => json_encode($body)]);
        $answer = json_decode((string) curl_exec($h), true);
        return $answer['data'] ?? throw new RuntimeException('unexpected answer: ' . curl_error($h));
    };
    $refund = fn () => $exchange('orders/' . rawurlencode(ORDER_ID) . '/refunds', ['currency' => 'EUR', 'amount' => 100])['transaction_id'];
    $call = match ($op) {
        'create' => fn () => $exchange('orders', [
            'type' => 'direct', 'gateway' => 'VISA', 'order_id' => ORDER_ID, 'currency' => 'EUR', 'amount' => 1000,
            'description' => 'Bench order',
            'gateway_info' => ['card_number' => '4111111111111111', 'card_holder_name' => 'J. Tester', 'card_expiry_date' => '3012', 'card_cvc' => '123'],
            'customer' => ['locale' => 'nl_NL', 'ip_address' => '127.0.0.1', 'country' => 'NL', 'email' => 'a@example.com'],
            'payment_options' => ['notification_url' => 'https://shop.example/notify', 'redirect_url' => 'https://shop.example/ok'],
        ])['status'],
        'get' => fn () => $exchange('orders/' . rawurlencode(ORDER_ID), null)['status'],
        'refund_order' => $refund,
        'refund_id' => function () use ($exchange, $refund) {
            $order = $exchange('orders/' . rawurlencode(ORDER_ID), null);
            if ($order['status'] !== 'completed' || $order['amount'] - $order['amount_refunded'] < 100) {
                throw new RuntimeException('not refundable');
            }
            return $refund();
        },
    };
}
for ($i = -50; $i < 0; $i++) {
    $call();
}
if ($burst) {
    while (($line = fgets(STDIN)) !== false) {
        $n = max(1, (int) $line);
        $start = cpu_us();
        for ($i = 0; $i < $n; $i++) {
            $call();
        }
        printf("%.3f\n", (cpu_us() - $start) / $n);
        fflush(STDOUT);
    }
    $perCall = 0.0;
} else {
    $start = cpu_us();
    for ($i = 0; $i < $iterations; $i++) {
        $call();
    }
    $perCall = (cpu_us() - $start) / $iterations;
}
printf("{\"cpu_us\":%.2f,\"maxrss_kb\":%d,\"peak_mem\":%d}\n", $perCall, getrusage()['ru_maxrss'], memory_get_peak_usage());
