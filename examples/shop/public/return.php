<?php

declare(strict_types=1);

/*
 * The redirect_url (and cancel_url) after 3-D Secure, and the page the checkout sends the customer
 * to when no 3-D Secure was needed: GET /return.php?transactionid=<order id>[&cancelled=1].
 *
 * The URL proves nothing (anyone can type it), so the page looks the order up with msp (a GET can
 * be repeated freely) and applies it through Msp\StatusFlow, in the same kind of transaction as the
 * notification: whichever of the two comes second finds the state already stored (a duplicate).
 */

require __DIR__ . '/../src/shop.php';

$orderId = (string) ($_GET['transactionid'] ?? '');
$stored = preg_match(SHOP_ORDER_ID_PATTERN, $orderId) === 1 ? shop_order($orderId) : null;
if ($stored === null) {
    shop_page('Unknown order', '<p>This shop has no such order. <a href="/">Back to the products</a></p>', 404);
    return;
}

try {
    $order = shop_client()->getOrder($orderId);
} catch (Msp\Exception $e) {
    if ($e instanceof Msp\ApiException && $e->getHttpStatus() === 404 && in_array($stored['outcome'], ['failed', 'sending', 'unknown'], true)) {
        // MultiSafepay has no such order: a refused payment, or one that never arrived.
        shop_page('No payment', shop_box('info', '<p id="result">No payment was made for order ' . h($orderId) . '.</p>')
            . '<p><a class="button" href="/checkout.php?product=' . h(rawurlencode($stored['product'])) . '">Try again</a></p>');
        return;
    }
    shop_log($orderId, 'return', false, 'look-up failed: ' . $e->getMessage());
    shop_page('Checking your payment', shop_box('info', '<p>We cannot reach the payment provider right now; your payment for order '
        . h($orderId) . ' is being checked. Please do not pay again.</p><p><a href="">Look again</a></p>'));
    return;
}
shop_tx(function (PDO $db) use ($orderId, $order): void {
    shop_apply($db, $orderId, $order, 'return');
    $db->prepare('UPDATE orders SET outcome = ?, updated_at = ? WHERE order_id = ?')->execute([shop_outcome($order), time(), $orderId]);
});

$product = SHOP_PRODUCTS[$stored['product']]['name'] ?? $stored['product'];
$what = '<p>' . h($product) . ', ' . h(shop_money($order->amount, $order->currency))
    . ($order->brand !== null ? ', ' . h($order->brand->displayName()) . ' ending in ' . h($order->last4) : '') . '.</p>'
    . '<p class="muted">Order <span id="order-id">' . h($orderId) . '</span> · MultiSafepay status <span id="order-status">'
    . h($order->status->value . '/' . $order->financialStatus->value) . '</span></p>';
$again = '<p><a class="button" href="/checkout.php?product=' . h(rawurlencode($stored['product'])) . '">Try again</a></p>';
$reason = $order->reason !== null && $order->reason !== '' ? h($order->reason) . ($order->reasonCode !== null ? ' (' . h($order->reasonCode) . ')' : '') : '';

[$title, $box] = match (true) {
    $order->isPaid() => ['Thank you!', shop_box('ok', '<p id="result">Payment received: your order is paid.</p>' . $what)],
    $order->requiresVerification() || $order->status === Msp\OrderStatus::Initialized => ['Waiting for 3-D Secure', shop_box('info',
        '<p id="result">Your bank has not confirmed the payment yet.</p>' . $what
        . ($order->paymentUrl !== null ? '<p><a class="button" href="' . h($order->paymentUrl) . '">Continue with 3-D Secure</a></p>' : ''))],
    $order->status === Msp\OrderStatus::Uncleared => ['Payment under review', shop_box('info',
        '<p id="result">Your payment is being reviewed. We will let you know by e-mail.</p>' . $what)],
    $order->status === Msp\OrderStatus::Declined => ['Payment declined', shop_box('error',
        '<p id="result">Your payment was declined' . ($reason !== '' ? ': ' . $reason : '') . '.</p>' . $what) . $again],
    in_array($order->status, [Msp\OrderStatus::Void, Msp\OrderStatus::Cancelled], true) => ['Payment cancelled', shop_box('info',
        '<p id="result">The payment was cancelled' . (isset($_GET['cancelled']) ? ' at your bank' : '') . '.</p>' . $what) . $again],
    $order->status === Msp\OrderStatus::Expired => ['Payment expired', shop_box('info',
        '<p id="result">The payment was not finished in time.</p>' . $what) . $again],
    default => ['Your order', shop_box('info', '<p id="result">' . h($stored['meaning'] ?? $order->status->value) . '</p>' . $what)],
};
shop_page($title, $box . '<p><a href="/">Back to the products</a></p>');
