<?php

declare(strict_types=1);

/*
 * The soak's reconciliation: the shop's records against the emulator's database, once the
 * notifications have settled.
 *
 *   php tests/soak/tools/reconcile.php --work=DIR [--fpm-log=FILE]
 *
 * Prints the three counts that must be 0 and exits 1 when one is not:
 *   carts charged twice                a cart with more than one paid order at the emulator
 *   paid orders the shop does not know a paid order at the emulator that the shop has not marked paid
 *   worker crashes                     php-fpm children that exited on a signal (SIGSEGV, SIGABRT, ...)
 * and, for the reader, the faults seen per kind, the outcomes, the sends and the notifications.
 * Exits 2 when the soak itself went wrong (checkouts missing, shop errors): its counts prove nothing.
 */

const PAID = ['completed', 'partial_refunded', 'refunded', 'shipped'];

$o = getopt('', ['work:', 'fpm-log:']);
$work = (string) $o['work'];
$open = static fn (string $file): PDO => new PDO('sqlite:' . $file, null, null,
    [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC]);
$shop = $open("$work/shop.sqlite");
$emu = $open("$work/emulator.sqlite");
$shop->exec('PRAGMA busy_timeout = 20000');
$emu->exec('PRAGMA busy_timeout = 20000');

$plan = json_decode((string) file_get_contents("$work/plan.json"), true);
$results = [];
foreach (glob("$work/load-*.jsonl") as $file) {
    foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        $r = json_decode($line, true);
        $results[$r['cart']] = $r;
    }
}

// ---- The emulator's truth ----
$emulatorOrders = $emu->query('SELECT order_id, status, financial_status, reveal_at FROM orders')->fetchAll();
$paidAt = [];
$hidden = 0;
foreach ($emulatorOrders as $row) {
    $hidden += $row['reveal_at'] !== null ? 1 : 0;
    if (in_array($row['status'], PAID, true)) {
        $paidAt[$row['order_id']] = true;
    }
}
$cartOf = static fn (string $orderId): string => preg_replace('/-a\d+$/', '', $orderId);
$paidPerCart = [];
foreach (array_keys($paidAt) as $orderId) {
    $paidPerCart[$cartOf($orderId)] = ($paidPerCart[$cartOf($orderId)] ?? 0) + 1;
}
$chargedTwice = array_keys(array_filter($paidPerCart, static fn (int $n): bool => $n > 1));

// ---- The shop's records ----
$shopOrders = [];
foreach ($shop->query('SELECT order_id, cart_id, outcome, paid FROM orders') as $row) {
    $shopOrders[$row['order_id']] = $row;
}
$unknownToShop = array_values(array_filter(array_keys($paidAt), static fn (string $id): bool => (int) ($shopOrders[$id]['paid'] ?? 0) !== 1));
$paidOnlyAtShop = array_values(array_filter(array_keys($shopOrders), static fn (string $id): bool => (int) $shopOrders[$id]['paid'] === 1 && !isset($paidAt[$id])));

// ---- php-fpm ----
$crashes = 0;
$crashLines = [];
if (isset($o['fpm-log']) && is_file($o['fpm-log'])) {
    foreach (file($o['fpm-log'], FILE_IGNORE_NEW_LINES) as $line) {
        if (preg_match('/exited on signal|SIGSEGV|SIGBUS|SIGABRT|zend_mm_heap corrupted/', $line)) {
            $crashes++;
            $crashLines[] = $line;
        }
    }
}

// ---- Faults: aimed at each cart's first order id; "seen" when a request consumed it ----
$faultKinds = [];
foreach ($plan as $cart) {
    if ($cart['fault'] !== null) {
        $faultKinds[$cart['cart'] . '-a1'] = $cart['fault']['kind'];
    }
}
$faults = [];
foreach ($emu->query('SELECT order_id, remaining FROM faults WHERE order_id IS NOT NULL') as $row) {
    $kind = $faultKinds[$row['order_id']] ?? 'other';
    $faults[$kind] ??= ['seen' => 0, 'not hit' => 0, 'charged twice' => 0];
    $faults[$kind][(int) $row['remaining'] === 0 ? 'seen' : 'not hit']++;
    if (in_array($cartOf($row['order_id']), $chargedTwice, true)) {
        $faults[$kind]['charged twice']++;
    }
}
ksort($faults);

// ---- Outcomes, sends, notifications ----
$count = static function (array $values): array {
    $counts = array_count_values(array_map('strval', $values));
    arsort($counts);
    return $counts;
};
$outcomes = $count(array_column($results, 'outcome'));
$checkoutOutcomes = $count(array_merge([], ...array_values(array_map(static fn (array $r): array => array_column($r['attempts'], 'checkout'), $results))));
$newAttempts = count(array_filter($results, static fn (array $r): bool => count($r['attempts']) > 1));
$acsLost = count(array_filter(array_merge([], ...array_values(array_column($results, 'attempts'))),
    static fn (array $a): bool => isset($a['acs_http']) && $a['acs_http'] !== 302));
$sends = $count(array_column($shop->query('SELECT result FROM sends')->fetchAll(), 'result'));
$resent = (int) $shop->query('SELECT COUNT(*) FROM sends WHERE try > 1')->fetchColumn();
$sendDetails = $count(array_column($shop->query("SELECT detail FROM sends WHERE result <> 'ok'")->fetchAll(), 'detail'));
$notes = $count(array_column($shop->query('SELECT why FROM notes')->fetchAll(), 'why'));
$deliveries = $count(array_column($emu->query('SELECT state FROM notifications')->fetchAll(), 'state'));
$restarts = json_decode((string) @file_get_contents("$work/restarts.json"), true) ?: [];
$shopErrors = ($outcomes['shop_error'] ?? 0) + ($checkoutOutcomes['shop_error'] ?? 0);
$inFlight = (int) $shop->query('SELECT COUNT(*) FROM sends WHERE result IS NULL')->fetchColumn();

$line = static fn (string $label, mixed $value) => printf("  %-44s %s\n", $label, is_array($value) ? json_encode($value) : $value);
echo "\nReconciliation\n";
$line('checkouts (carts)', sprintf('%d of %d planned', count($results), count($plan)));
$line('customers who paid again (new order id)', $newAttempts);
$line('final outcome per cart', $outcomes);
$line('checkout answers (all attempts)', $checkoutOutcomes);
$line('3-D Secure pages whose answer was lost', $acsLost);
$line('sends by the shop', $sends + ['resends' => $resent]);
$line('failed sends (what msp threw)', $sendDetails);
$line('sends without a result (shop died)', $inFlight);
$line('orders at the emulator', count($emulatorOrders) . ' (' . count($paidAt) . " paid, $hidden still hidden)");
$line('notifications at the emulator', $deliveries);
$line('notifications at the shop', $notes);
$line('shop says paid, emulator does not', count($paidOnlyAtShop));
$line('emulator restarts', count($restarts));
echo "  faults (kind: seen / not hit / carts of it charged twice)\n";
foreach ($faults as $kind => $f) {
    printf("    %-26s %4d seen  %4d not hit  %4d charged twice\n", $kind, $f['seen'], $f['not hit'], $f['charged twice']);
}
printf("  %-44s %d\n", 'faults seen', array_sum(array_column($faults, 'seen')));
foreach (array_slice($chargedTwice, 0, 10) as $cart) {
    echo "    charged twice: $cart (" . json_encode(array_column($results[$cart]['attempts'] ?? [], 'checkout')) . ', fault ' . ($results[$cart]['fault'] ?? 'none') . ")\n";
}
foreach (array_slice($unknownToShop, 0, 10) as $id) {
    echo "    paid, unknown to the shop: $id (shop outcome " . ($shopOrders[$id]['outcome'] ?? 'no record') . ")\n";
}
foreach (array_slice($crashLines, 0, 5) as $crash) {
    echo "    $crash\n";
}
echo "\n";
printf("carts charged twice: %d\n", count($chargedTwice));
printf("paid orders the shop does not know: %d\n", count($unknownToShop));
printf("worker crashes: %d\n", $crashes);

if (count($results) !== count($plan) || $shopErrors > 0 || $inFlight > 0) {
    printf("soak incomplete: %d of %d carts, %d shop errors, %d sends without a result\n", count($results), count($plan), $shopErrors, $inFlight);
    exit(2);
}
exit(count($chargedTwice) + count($unknownToShop) + $crashes > 0 ? 1 : 0);
