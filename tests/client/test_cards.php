<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);

foreach (MSP_TEST_CARDS as [$number, $brand]) {
    $order = $client->createOrder(msp_test_request($number, 5000, 'EUR', null, msp_test_cvc($brand)));
    $line = sprintf('%-10s ****%s %-13s %-13s 3ds=%s', $brand, $order->last4 ?? substr($number, -4),
        $order->status->value, $order->financialStatus->value, $order->requiresVerification() ? 'yes' : 'no');
    if ($order->requiresVerification()) {
        $v = $order->verification;
        $line .= sprintf(' form=%s url=%s', $v->type, str_contains($v->html, '<form') ? 'html-ok' : 'html-missing');
        $line .= $order->paymentUrl === $v->url && $v->url !== null ? ' payment_url' : ' NO-URL';
        // The customer completes 3-D Secure; the final status arrives afterwards.
        $emu->acs($order->orderId, 'authenticate');
        $after = $client->getOrder($order->orderId);
        $line .= ' -> ' . $after->status->value;
        if ($after->reasonCode !== null) {
            $line .= " ({$after->reasonCode})";
        }
    } elseif ($order->reasonCode !== null) {
        $line .= " reason_code={$order->reasonCode}";
    }
    echo $line, $order->isPaid() ? ' paid' : '', "\n";
}
?>
