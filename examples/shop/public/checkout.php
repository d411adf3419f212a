<?php

declare(strict_types=1);

/*
 * The checkout: GET shows the form for one product, POST pays.
 *
 * The form carries the order id it will pay (made when the form is shown), so a form sent twice
 * (a double click, the back button after a lost answer) pays one order: an order the shop already
 * knows is sent again only while its outcome is unknown, and that resend is the same request with
 * the same id (README "The retry rule"), which can never charge twice.
 */

require __DIR__ . '/../src/shop.php';

$productId = (string) ($_GET['product'] ?? $_POST['product'] ?? '');
if (!isset(SHOP_PRODUCTS[$productId])) {
    shop_page('Unknown product', '<p>There is no such product. <a href="/">Back to the products</a></p>', 404);
    return;
}
$product = SHOP_PRODUCTS[$productId];
$price = shop_price($productId);

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    checkout_form($productId, shop_new_order_id(), [], null);
    return;
}

$orderId = (string) ($_POST['order_id'] ?? '');
$email = trim((string) ($_POST['email'] ?? ''));
$form = ['email' => $email, 'card_holder' => trim((string) ($_POST['card_holder'] ?? '')),
    'card_month' => (string) ($_POST['card_month'] ?? ''), 'card_year' => (string) ($_POST['card_year'] ?? '')];
if (preg_match(SHOP_ORDER_ID_PATTERN, $orderId) !== 1) {
    checkout_form($productId, shop_new_order_id(), $form, 'The form has expired: please enter your card again.');
    return;
}
$known = shop_order($orderId);
if ($known !== null && $known['outcome'] === 'failed') {
    // Refused by MultiSafepay before: that id is spent (the form was sent again from the history).
    checkout_form($productId, shop_new_order_id(), $form, 'That payment was refused. Please enter your card again.');
    return;
}
if ($known !== null && !in_array($known['outcome'], ['sending', 'unknown'], true)) {
    // Paid, declined or on its way through 3-D Secure already: show it, never pay it again.
    header('Location: /return.php?transactionid=' . rawurlencode($orderId), true, 303);
    return;
}

// The card first, straight from the request: a mistyped card is refused here, with msp's reason,
// and nothing is sent. The form never shows the number or CVC again: the customer retypes them.
try {
    $card = shop_card_from_request();
} catch (Msp\CardException $e) {
    shop_log($orderId, 'card', false, 'card refused before sending: ' . $e->getReason()->value);
    checkout_form($productId, $orderId, $form, h($e->getMessage()) . ' <span class="reason">(' . h($e->getReason()->value) . ')</span>');
    return;
} catch (Msp\InvalidArgumentException $e) {
    checkout_form($productId, $orderId, $form, h($e->getMessage()));
    return;
}

try {
    $request = (new Msp\OrderRequest($orderId, $price, SHOP_CURRENCY, $product['name'], $card))
        ->customer(checkout_customer($email, $card))
        ->browser(checkout_browser())
        ->notificationUrl(shop_url('notify.php'), 'POST')
        ->redirectUrl(shop_url('return.php'))
        ->cancelUrl(shop_url('return.php?cancelled=1'))
        ->addItem($product['name'], $price, 1, $productId);
} catch (Msp\InvalidArgumentException $e) {
    $field = $e->getField() !== null ? ' <span class="reason">(' . h($e->getField()) . ')</span>' : '';
    checkout_form($productId, $orderId, $form, h($e->getMessage()) . $field);
    return;
}

// Recorded before anything is sent: whatever happens next, the shop knows this order id.
shop_tx(fn (PDO $db) => $db->prepare("INSERT OR IGNORE INTO orders(order_id, product, amount, currency, email, outcome, created_at, updated_at)
    VALUES(?, ?, ?, ?, ?, 'sending', ?, ?)")->execute([$orderId, $productId, $price, SHOP_CURRENCY, $email, time(), time()]));

$client = shop_client();
try {
    $order = shop_send_order($client, $request);
} catch (Msp\NetworkException $e) {
    // Not definite after every resend: the customer is not told it failed. The notification (or
    // the return page's look-up) settles it; the same form sent again resends the same order.
    shop_set_outcome($orderId, 'unknown');
    shop_log($orderId, 'payment', false, 'outcome unknown after ' . SHOP_SEND_ATTEMPTS . ' attempts: ' . $e->getMessage());
    shop_page('Checking your payment', shop_box('info', '<p>We could not confirm your payment yet. We are checking it: '
        . '<a href="/return.php?transactionid=' . h(rawurlencode($orderId)) . '">see the state of order ' . h($orderId) . '</a>.</p>'
        . '<p>Please do not pay again.</p>'));
    return;
} catch (Msp\InvalidArgumentException $e) {
    // Refused by msp before sending (an expired card, ...): nothing was sent, the id is still free.
    shop_tx(fn (PDO $db) => $db->prepare("DELETE FROM orders WHERE order_id = ? AND outcome = 'sending'")->execute([$orderId]));
    $reason = $e instanceof Msp\CardException ? ' <span class="reason">(' . h($e->getReason()->value) . ')</span>' : '';
    checkout_form($productId, $orderId, $form, h($e->getMessage()) . $reason);
    return;
} catch (Msp\ApiException $e) {
    // A definite refusal: this order id is spent, a new attempt is a new order.
    shop_set_outcome($orderId, 'failed');
    shop_log($orderId, 'payment', false, sprintf('refused by MultiSafepay (%d): %s', $e->getErrorCode(), $e->getMessage()));
    checkout_form($productId, shop_new_order_id(), $form, 'The payment was refused: ' . h($e->getMessage()));
    return;
}

shop_tx(function (PDO $db) use ($orderId, $order): void {
    shop_apply($db, $orderId, $order, 'payment');
    $db->prepare('UPDATE orders SET outcome = ?, updated_at = ? WHERE order_id = ?')->execute([shop_outcome($order), time(), $orderId]);
});

if ($order->requiresVerification()) {
    if ($order->verification->url !== null) {
        header('Location: ' . $order->verification->url, true, 303);   // the issuer's 3-D Secure page
    } else {
        header('Content-Type: text/html; charset=utf-8');
        echo $order->verification->html;                                // a form that posts itself to the issuer
    }
    return;
}
header('Location: /return.php?transactionid=' . rawurlencode($orderId), true, 303);

// ---------------------------------------------------------------------------------------------

/** The customer fields MultiSafepay needs for a card payment (ip_address and country at least). */
function checkout_customer(string $email, Msp\Card $card): array
{
    $customer = ['ip_address' => $_SERVER['REMOTE_ADDR'] ?? '127.0.0.1', 'country' => 'NL', 'locale' => 'en_US'];
    if ($email !== '') {
        $customer['email'] = $email;   // msp checks it and names the field when it is refused
    }
    $holder = $card->holder();
    if ($holder !== null && preg_match('/^(\S+)\s+(.+)$/u', $holder, $m) === 1) {
        [$customer['first_name'], $customer['last_name']] = [$m[1], $m[2]];
    }
    if (isset($_SERVER['HTTP_USER_AGENT'])) {
        $customer['user_agent'] = substr((string) $_SERVER['HTTP_USER_AGENT'], 0, 250);
    }
    return $customer;
}

/** 3-D Secure 2 device data, from the hidden fields the form's script fills in. */
function checkout_browser(): array
{
    $browser = ['javascript_enabled' => ($_POST['browser_js'] ?? '') === '1', 'cookies_enabled' => ($_POST['browser_cookies'] ?? '') === '1'];
    $numbers = ['screen_width' => 'browser_width', 'screen_height' => 'browser_height',
        'screen_color_depth' => 'browser_depth', 'time_zone' => 'browser_tz'];
    foreach ($numbers as $key => $field) {
        $value = (string) ($_POST[$field] ?? '');
        if (preg_match('/^-?\d{1,5}$/', $value) === 1) {
            $browser[$key] = (int) $value;
        }
    }
    $language = (string) ($_POST['browser_language'] ?? '');
    if (preg_match('/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/', $language) === 1) {
        $browser['language'] = $language;
    }
    return $browser;
}

/** The checkout form. $error is HTML (already escaped). */
function checkout_form(string $productId, string $orderId, array $form, ?string $error): void
{
    $product = SHOP_PRODUCTS[$productId];
    $value = fn (string $name): string => h($form[$name] ?? '');
    $body = '<div class="checkout"><section class="summary"><h2>' . h($product['name']) . '</h2><p>' . h($product['text']) . '</p>'
        . '<p class="price">' . h(shop_money(shop_price($productId))) . '</p><p class="muted">Order ' . h($orderId) . '</p></section>'
        . '<form method="post" action="/checkout.php" id="checkout" autocomplete="off">'
        . ($error !== null ? shop_box('error', '<p>' . $error . '</p>', 'card-error') : '')
        . '<input type="hidden" name="product" value="' . h($productId) . '">'
        . '<input type="hidden" name="order_id" value="' . h($orderId) . '">'
        . '<label>E-mail <input type="email" name="email" id="email" value="' . $value('email') . '" placeholder="you@example.com"></label>'
        . '<label>Name on the card <input name="card_holder" id="card_holder" value="' . $value('card_holder') . '" autocomplete="cc-name"></label>'
        . '<label>Card number <input name="card_number" id="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 5678 9012 3456" required></label>'
        . '<div class="row"><label>Month <input name="card_month" id="card_month" value="' . $value('card_month') . '" inputmode="numeric" placeholder="MM" size="3" required></label>'
        . '<label>Year <input name="card_year" id="card_year" value="' . $value('card_year') . '" inputmode="numeric" placeholder="YYYY" size="5" required></label>'
        . '<label>CVC <input name="card_cvc" id="card_cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" size="5"></label></div>'
        . '<input type="hidden" name="browser_js" value="0"><input type="hidden" name="browser_width"><input type="hidden" name="browser_height">'
        . '<input type="hidden" name="browser_depth"><input type="hidden" name="browser_tz"><input type="hidden" name="browser_language"><input type="hidden" name="browser_cookies">'
        . '<button type="submit" id="pay">Pay ' . h(shop_money(shop_price($productId))) . '</button>'
        . '</form></div>'
        . checkout_test_cards()
        . '<script>(function () {'
        . 'var f = document.getElementById("checkout");'
        . 'f.browser_js.value = "1"; f.browser_width.value = screen.width; f.browser_height.value = screen.height;'
        . 'f.browser_depth.value = screen.colorDepth; f.browser_tz.value = new Date().getTimezoneOffset();'
        . 'f.browser_language.value = navigator.language || ""; f.browser_cookies.value = navigator.cookieEnabled ? "1" : "0";'
        . 'document.querySelectorAll("[data-card]").forEach(function (b) { b.addEventListener("click", function () {'
        . 'var c = b.dataset.card.split(" "); f.card_number.value = c[0]; f.card_cvc.value = c[1];'
        . 'f.card_month.value = "12"; f.card_year.value = String(new Date().getFullYear() + 3); }); });'
        . '})();</script>';
    shop_page('Checkout', $body, $error !== null ? 422 : 200);
}

/** MultiSafepay's documented test cards, to try the outcomes (collapsed by default). */
function checkout_test_cards(): string
{
    $cards = [
        ['4012 0010 3844 3335', '123', 'Visa: paid at once, no 3-D Secure'],
        ['4111 1111 1111 1111', '123', 'Visa: 3-D Secure, then paid'],
        ['5500 0000 0000 0004', '123', 'Mastercard: 3-D Secure, then paid'],
        ['4012 0010 3848 8884', '123', 'Visa: declined, insufficient funds (after 3-D Secure)'],
        ['3742 000000 00004', '1234', 'American Express: declined (after 3-D Secure)'],
        ['4462 0000 0000 0003', '123', 'Visa: held for review, then paid'],
        ['3782 822463 10005', '1234', 'American Express: paid at once'],
    ];
    $rows = '';
    foreach ($cards as [$number, $cvc, $what]) {
        $rows .= '<tr><td><code>' . h($number) . '</code></td><td>' . h($what) . '</td><td><button type="button" data-card="'
            . h(str_replace(' ', '', $number) . ' ' . $cvc) . '">Use</button></td></tr>';
    }
    return '<details class="test-cards"><summary>Test cards</summary><p>Any future expiry date. CVC 123 (American Express: 1234).</p>'
        . '<table>' . $rows . '</table></details>';
}
