--TEST--
Msp\Client refunds: explicit amounts, local refusals before any traffic, cancel while reserved, completion at midnight
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);
$requests = fn () => count($emu->admin('GET', 'requests?limit=1000'));

$paid = $client->createOrder(msp_test_request('4012001038443335', 10000));
printf("paid: %s, refundable %d\n", $paid->status->value, $paid->refundableAmount());

$before = $requests();
$r1 = $client->refund($paid, 3000, 'EUR', 'damaged item');
printf("refund 1: %d %s, requests %d, ids %s\n", $r1->amount, $r1->currency, $requests() - $before,
    $r1->refundId !== null && $r1->transactionId !== null ? 'present' : 'MISSING');

// The order as MultiSafepay has it now: 3000 of 10000 refunded (reserved), the refund listed by its id.
$now = $client->getOrder($paid->orderId);
$listed = array_values(array_filter($now->toArray()['related_transactions'] ?? [], fn ($t) => (string) $t['transaction_id'] === $r1->refundId));
printf("refund 1 as the order lists it: %s\n", $listed ? $listed[0]['status'] : 'NOT LISTED');
printf("after refund 1: %s, refunded %d, refundable %d\n", $now->status->value, $now->amountRefunded, $now->refundableAmount());

// Refused locally, before any traffic.
$before = $requests();
foreach ([
    'above the remainder' => fn () => $client->refund($now, 7001, 'EUR'),
    'another currency' => fn () => $client->refund($now, 100, 'USD'),
    'zero' => fn () => $client->refund($now, 0, 'EUR'),
    'negative' => fn () => $client->refund($now, -100, 'EUR'),
] as $label => $call) {
    try {
        $call();
        echo "$label: SENT\n";
    } catch (Msp\Exception $e) {
        printf("%s: %s: %s\n", $label, get_class($e), $e->getMessage());
    }
}
printf("requests sent for refused refunds: %d\n", $requests() - $before);

// A refund by order id: msp fetches the order first and checks it.
$before = $requests();
$r2 = $client->refund($paid->orderId, 2000, 'EUR');
printf("refund 2 by id: %d, requests %d\n", $r2->amount, $requests() - $before);
$client->cancelRefund($paid->orderId, $r2->refundId);
printf("after cancelling refund 2: refunded %d\n", $client->getOrder($paid->orderId)->amountRefunded);

// Everything that is left, as an explicit amount.
$all = $client->refundAll($client->getOrder($paid->orderId));
printf("refund all: %d\n", $all->amount);
$emu->advance(86400 + 60);   // reserved refunds complete at midnight
$done = $client->getOrder($paid->orderId);
printf("after midnight: %s/%s, refunded %d, refundable %d\n", $done->status->value, $done->financialStatus->value,
    $done->amountRefunded, $done->refundableAmount());
try {
    $client->refundAll($done);
} catch (Msp\StateException $e) {
    echo "refund all again: ", $e->getMessage(), "\n";
}

// An unpaid order cannot be refunded.
$pending = $client->createOrder(msp_test_request('4111111111111111'));
try {
    $client->refund($pending, 100, 'EUR');
} catch (Msp\StateException $e) {
    echo "unpaid: ", get_class($e), "\n";
}
?>
--EXPECTF--
paid: completed, refundable 10000
refund 1: 3000 EUR, requests 1, ids present
refund 1 as the order lists it: reserved
after refund 1: partial_refunded, refunded 3000, refundable 7000
above the remainder: Msp\StateException: %s
another currency: Msp\InvalidArgumentException: %s
zero: Msp\InvalidArgumentException: %s
negative: Msp\InvalidArgumentException: %s
requests sent for refused refunds: 0
refund 2 by id: 2000, requests 2
after cancelling refund 2: refunded 3000
refund all: 7000
after midnight: refunded/completed, refunded 10000, refundable 0
refund all again: %s
unpaid: Msp\StateException
