<?php
/*
 * A whole checkout against the bundled MultiSafepay emulator: the payments a shop sees every day.
 * Run by scripts/demo.sh, or: php -d extension=msp.so examples/checkout.php
 *
 * A real shop passes its website API key and leaves out base_url (test or live environment).
 */
declare(strict_types=1);

require __DIR__ . '/../tests/emulator/server.inc';

$emulator = msp_emulator_start();
$webhook = $emulator->startSink();              // stands in for the shop's notification endpoint
$client = new Msp\Client($emulator->apiKey(), [
    'base_url' => $emulator->baseUrl(),
    'user_agent' => 'ExampleShop/1.0',
]);

function order_request(string $label, Msp\Card $card, int $amount, string $notifyUrl): Msp\OrderRequest
{
    return (new Msp\OrderRequest('demo-' . $label . '-' . bin2hex(random_bytes(4)), $amount, 'EUR',
        "Demo order: $label", $card))
        ->customer([
            'ip_address' => '203.0.113.7', 'country' => 'NL', 'locale' => 'nl_NL',
            'first_name' => 'Jan', 'last_name' => 'Jansen', 'email' => 'jan@example.com',
        ])
        ->redirectUrl('https://shop.example/checkout/done')
        ->cancelUrl('https://shop.example/checkout/cancelled')
        ->notificationUrl($notifyUrl, 'POST')
        ->addItem('T-shirt', $amount, 1, 'SKU-1');
}

function show(string $label, Msp\Order $order): void
{
    printf("%-26s %-14s %-22s %s %s%s\n", $label, $order->orderId === '' ? '-' : substr($order->orderId, 0, 14),
        $order->status->value . '/' . $order->financialStatus->value,
        $order->brand?->displayName() ?? '', $order->last4 !== null ? '****' . $order->last4 : '',
        $order->reasonCode !== null ? "  reason {$order->reasonCode} ({$order->reason})" : ($order->isPaid() ? '  paid' : ''));
}

echo "== 1. Visa without 3-D Secure: final at once\n";
$first = $client->createOrder(order_request('frictionless', new Msp\Card('4012 0010 3844 3335', 12, 2030, '123'), 2500, $webhook->url()));
show('created', $first);

echo "\n== 2. Visa with 3-D Secure: the customer authenticates at the issuer\n";
$order = $client->createOrder(order_request('3ds', new Msp\Card('4111 1111 1111 1111', 12, 2030, '123'), 4999, $webhook->url()));
show('created', $order);
printf("%-26s redirect the customer to %s (or render the %s, %d bytes)\n", 'verification', $order->verification->url,
    $order->verification->type, strlen($order->verification->html));
$press = $emulator->acs($order->orderId, 'authenticate');   // what the customer's browser does
printf("%-26s the customer lands on %s\n", 'after Authenticate', $press['location']);
$received = $webhook->waitFor(1);
$note = end($received);
$notification = $client->verifyNotification($note['body'], $note['headers']['auth'] ?? '', 600);
printf("%-26s signed POST verified, timestamp %d, event %s\n", 'notification', $notification->timestamp, substr($notification->eventId(), 0, 12));
show('notified', $notification->order());
show('fetched', $client->getOrder($order->orderId));

echo "\n== 3. Visa held by the fraud filter (uncleared) for review, released later\n";
$order = $client->createOrder(order_request('uncleared', new Msp\Card('4462 0000 0000 0003', 12, 2030, '123'), 12000, $webhook->url()));
show('created', $order);
$emulator->acs($order->orderId, 'authenticate');
$held = $client->getOrder($order->orderId);
show('after 3-D Secure', $held);
printf("%-26s %s\n", 'the shop does', Msp\StatusFlow::transition(null, $held)->action->value);
$emulator->advance(3600);
$released = $client->getOrder($order->orderId);
show('an hour later', $released);
printf("%-26s %s\n", 'the shop does', Msp\StatusFlow::transition(Msp\OrderState::fromOrder($held), $released)->action->value);

echo "\n== 4. Visa declined: insufficient funds\n";
$order = $client->createOrder(order_request('declined', new Msp\Card('4012 0010 3848 8884', 12, 2030, '123'), 1500, $webhook->url()));
show('created', $order);
$emulator->acs($order->orderId, 'authenticate');
show('after 3-D Secure', $client->getOrder($order->orderId));

echo "\n== 5. A refund of part of the first order\n";
$refund = $client->refund($client->getOrder($first->orderId), 1000, 'EUR', 'one item returned', refundOrderId: 'credit-note-1');
// The answer names the refund; its status arrives by notification (or getOrder()), so it is null here.
printf("%-26s %d %s, refund id %s, status %s\n", 'refund', $refund->amount, $refund->currency, $refund->refundId,
    $refund->status ?? 'by notification');

echo "\n== Connection pool of this process\n";
$stats = Msp\Client::stats();
printf("requests %d, connections opened %d, reused %d (PHP's built-in server closes each connection;\n"
    . "MultiSafepay and nginx keep them open, see bench/)\n", $stats['requests'], $stats['connections_opened'], $stats['connections_reused']);
