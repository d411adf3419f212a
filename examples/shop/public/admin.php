<?php

declare(strict_types=1);

/*
 * The shop's back office: every order with its state, a refund form for paid orders, and the log
 * of what happened (payments, return pages, notifications, refunds).
 *
 * Refunds go through msp, which checks the order first (fetched by id) and refuses locally what
 * MultiSafepay must not be asked: more than is still refundable, an unpaid order, another
 * currency. The page shows msp's message. A POST is answered with a redirect to the log entry, so
 * that reloading the page never sends a refund again.
 *
 * A real shop puts this page behind its staff login and a CSRF token; the demo has neither.
 */

require __DIR__ . '/../src/shop.php';

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $entry = admin_refund((string) ($_POST['order_id'] ?? ''), (string) ($_POST['amount'] ?? ''));
    header('Location: /admin.php?event=' . $entry . '#event', true, 303);
    return;
}

$banner = '';
if (isset($_GET['event']) && ctype_digit((string) $_GET['event'])) {
    $select = shop_db()->prepare('SELECT * FROM activity WHERE id = ?');
    $select->execute([(int) $_GET['event']]);
    $event = $select->fetch();
    $select->closeCursor();
    if ($event !== false) {
        $banner = shop_box($event['ok'] ? 'ok' : 'error', '<p>' . h($event['message']) . '</p>', 'event');
    }
}
shop_page('Orders', $banner . admin_orders() . admin_activity());

// ---------------------------------------------------------------------------------------------

/** Sends a refund and logs the result; returns the log entry's id. */
function admin_refund(string $orderId, string $amountText): int
{
    $stored = preg_match(SHOP_ORDER_ID_PATTERN, $orderId) === 1 ? shop_order($orderId) : null;
    if ($stored === null) {
        return shop_log(null, 'refund', false, 'Refund refused: no such order.');
    }
    try {
        $amount = Msp\Money::toMinorUnits(trim($amountText), $stored['currency']);   // "10.00" EUR: 1000
    } catch (Msp\InvalidArgumentException $e) {
        return shop_log($orderId, 'refund', false, 'Refund refused: ' . $e->getMessage());
    }
    $client = shop_client();
    try {
        $refund = $client->refund($orderId, $amount, $stored['currency'], 'Refund from the demo shop');
    } catch (Msp\NetworkException $e) {
        // Unknown outcome: the refund may have been made. Look at the order before refunding again.
        return shop_log($orderId, 'refund', false, sprintf('Refund of %s: outcome unknown (%s). Check the order before refunding again.',
            shop_money($amount, $stored['currency']), $e->getMessage()));
    } catch (Msp\Exception $e) {
        // StateException (more than refundable, not paid), InvalidArgumentException, ApiException.
        return shop_log($orderId, 'refund', false, sprintf('Refund of %s refused: %s', shop_money($amount, $stored['currency']), $e->getMessage()));
    }
    $entry = shop_log($orderId, 'refund', true, sprintf('Refunded %s of order %s%s.', shop_money($refund->amount, $refund->currency),
        $orderId, $refund->refundId !== null ? ' (refund ' . $refund->refundId . ')' : ''));
    // The notification brings the new state too; looking it up now shows it at once. StatusFlow
    // makes whichever comes second a duplicate.
    try {
        $order = $client->getOrder($orderId);
        shop_tx(fn (PDO $db) => shop_apply($db, $orderId, $order, 'refund'));
    } catch (Msp\Exception $e) {
        shop_log($orderId, 'refund', false, 'look-up after the refund failed: ' . $e->getMessage());
    }
    return $entry;
}

function admin_orders(): string
{
    $orders = shop_db()->query('SELECT * FROM orders ORDER BY created_at DESC, rowid DESC LIMIT 100')->fetchAll();
    if ($orders === []) {
        return '<p>No orders yet. <a href="/">Buy something</a>.</p>';
    }
    $rows = '';
    foreach ($orders as $o) {
        $refundable = $o['paid'] && !in_array($o['stage'], ['refunded', 'chargeback'], true) ? $o['amount'] - $o['amount_refunded'] : 0;
        $form = $o['paid'] ? '<form method="post" class="refund"><input type="hidden" name="order_id" value="' . h($o['order_id']) . '">'
            . '<input name="amount" aria-label="Refund amount in euros" placeholder="' . h(Msp\Money::fromMinorUnits($refundable, $o['currency'])) . '" size="7">'
            . ' <button type="submit">Refund</button></form>' : '';
        $rows .= '<tr id="order-' . h($o['order_id']) . '" data-order="' . h($o['order_id']) . '">'
            . '<td><code>' . h($o['order_id']) . '</code><br><span class="muted">' . h(gmdate('Y-m-d H:i:s', (int) $o['created_at'])) . ' UTC</span></td>'
            . '<td>' . h(SHOP_PRODUCTS[$o['product']]['name'] ?? $o['product']) . '<br>' . h(shop_money((int) $o['amount'], $o['currency'])) . '</td>'
            . '<td>' . h($o['brand'] !== null ? $o['brand'] . ' ' . $o['last4'] : '') . '</td>'
            . '<td class="state"><strong>' . h($o['status'] !== null ? $o['status'] . '/' . $o['financial_status'] : $o['outcome']) . '</strong>'
            . '<br><span class="muted">' . h($o['meaning'] ?? '') . '</span>' . ($o['reason'] ? '<br><span class="muted">' . h($o['reason']) . '</span>' : '') . '</td>'
            . '<td class="paid">' . ($o['paid'] ? 'paid' : '–') . '</td>'
            . '<td class="refunded">' . h(shop_money((int) $o['amount_refunded'], $o['currency'])) . '</td>'
            . '<td>' . $form . '</td></tr>';
    }
    return '<table class="orders"><thead><tr><th>Order</th><th>Product</th><th>Card</th><th>State</th><th>Booked</th>'
        . '<th>Refunded</th><th>Refund (EUR)</th></tr></thead><tbody>' . $rows . '</tbody></table>';
}

function admin_activity(): string
{
    $entries = shop_db()->query('SELECT * FROM activity ORDER BY id DESC LIMIT 40')->fetchAll();
    $rows = '';
    foreach ($entries as $e) {
        $rows .= '<tr class="' . ($e['ok'] ? '' : 'bad') . '"><td>' . h(gmdate('H:i:s', (int) $e['at'])) . '</td><td>' . h($e['kind'])
            . '</td><td><code>' . h($e['order_id'] ?? '') . '</code></td><td>' . h($e['message']) . '</td></tr>';
    }
    return '<h2>Activity</h2><table class="activity" id="activity"><thead><tr><th>Time (UTC)</th><th>What</th><th>Order</th><th></th></tr></thead><tbody>'
        . $rows . '</tbody></table>';
}
