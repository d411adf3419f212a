--TEST--
Msp\Client::createOrder(): every documented test card gives its documented status and 3-D Secure answer
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
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
--EXPECT--
Visa       ****1111 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> completed
Visa       ****3335 completed     completed     3ds=no paid
Visa       ****0008 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> uncleared
Visa       ****0003 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> uncleared
Visa       ****1114 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> declined (3001)
Visa       ****8884 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> declined (4002)
Mastercard ****0004 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> completed
Maestro    ****0011 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> completed
Amex       ****0015 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> completed
Amex       ****0005 completed     completed     3ds=no paid
Amex       ****1000 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> uncleared
Amex       ****0004 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> declined (4999)
Bancontact ****0008 initialized   initialized   3ds=yes form=form url=html-ok payment_url -> completed
