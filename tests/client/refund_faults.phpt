--TEST--
Msp\Client::refund(): a lost or 5xx answer is looked up in the order's refunds; a refund is never sent twice by one call
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu, ['timeout' => 4]);

function refund_with_fault(string $label, string $fault, int $amount): void
{
    global $emu, $client;
    $paid = $client->createOrder(msp_test_request('4012001038443335', 10000));
    $emu->admin('POST', 'faults', ['fault' => $fault, 'count' => 1, 'method' => 'POST',
        'path' => '/v1/json/orders/' . rawurlencode($paid->orderId) . '/refunds']);
    $before = count($emu->admin('GET', 'requests?limit=1000'));
    try {
        $refund = $client->refund($paid, $amount, 'EUR');
        $how = sprintf('refund %d, id listed by the order: %s', $refund->amount,
            var_export(in_array($refund->refundId, array_map(fn ($t) => (string) $t['transaction_id'],
                $client->getOrder($paid->orderId)->toArray()['related_transactions'] ?? []), true), true));
    } catch (Msp\Exception $e) {
        $how = get_class($e) . ($e instanceof Msp\NetworkException && $e->isOutcomeUnknown() ? ' (outcome unknown)' : '');
    }
    $refundPosts = count(array_filter($emu->admin('GET', 'requests?limit=1000'),
        fn ($r) => $r['method'] === 'POST' && str_ends_with($r['path'], '/refunds')));
    $order = $client->getOrder($paid->orderId);
    printf("%-22s %s; refund POSTs: %d; refunded at MultiSafepay: %d\n", $label, $how, $refundPosts, $order->amountRefunded);
    $emu->admin('DELETE', 'faults');
    $emu->admin('POST', 'reset', ['keep_sites' => true]);
}

refund_with_fault('500 JSON after commit', 'status=500, processed', 2500);
refund_with_fault('502 HTML after commit', 'status=502, body=html, processed', 2500);
refund_with_fault('closed after body', 'close-after-body', 2500);
refund_with_fault('truncated', 'truncated', 2500);
refund_with_fault('non-JSON after commit', 'non-json, processed', 2500);
refund_with_fault('504 HTML, commit +0.3s', 'status=504, body=html, commit-after=300', 2500);
refund_with_fault('500 JSON, no commit', 'status=500', 2500);
refund_with_fault('503 JSON, no commit', 'status=503', 2500);
printf("recovered_refunds: %d\n", $client->stats()['recovered_refunds']);
?>
--EXPECT--
500 JSON after commit  refund 2500, id listed by the order: true; refund POSTs: 1; refunded at MultiSafepay: 2500
502 HTML after commit  refund 2500, id listed by the order: true; refund POSTs: 1; refunded at MultiSafepay: 2500
closed after body      refund 2500, id listed by the order: true; refund POSTs: 1; refunded at MultiSafepay: 2500
truncated              refund 2500, id listed by the order: true; refund POSTs: 1; refunded at MultiSafepay: 2500
non-JSON after commit  refund 2500, id listed by the order: true; refund POSTs: 1; refunded at MultiSafepay: 2500
504 HTML, commit +0.3s refund 2500, id listed by the order: true; refund POSTs: 1; refunded at MultiSafepay: 2500
500 JSON, no commit    Msp\NetworkException (outcome unknown); refund POSTs: 1; refunded at MultiSafepay: 0
503 JSON, no commit    Msp\NetworkException (outcome unknown); refund POSTs: 1; refunded at MultiSafepay: 0
recovered_refunds: 6
