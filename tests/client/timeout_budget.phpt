--TEST--
Msp\Client timeout: one budget for the whole call, attempts, back-off and look-ups included
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu, ['timeout' => 2]);

function timed(callable $call): array
{
    $start = hrtime(true);
    try {
        $call();
        $how = 'no error';
    } catch (Msp\Exception $e) {
        $how = get_class($e) . ($e instanceof Msp\NetworkException && $e->isOutcomeUnknown() ? ' (outcome unknown)' : '');
    }
    return [$how, (hrtime(true) - $start) / 1e9];
}

// The POST stalls and so do the look-ups: the call still ends when its 2 s are used up.
$emu->admin('POST', 'faults', ['fault' => 'delay=8000', 'count' => 1, 'method' => 'POST', 'path' => '/v1/json/orders']);
$emu->admin('POST', 'faults', ['fault' => 'delay=8000', 'count' => 6, 'method' => 'GET', 'path' => '/v1/json/orders/']);
[$how, $seconds] = timed(fn () => $client->createOrder(msp_test_request('4012001038443335')));
printf("stalled POST and look-ups: %s, within the budget: %s\n", $how, var_export($seconds < 2.6, true));
$emu->admin('DELETE', 'faults');

// A GET that keeps failing is retried only while the budget lasts: the second attempt runs out of it.
$emu->admin('POST', 'faults', ['fault' => 'delay=1500, status=503', 'count' => 6, 'method' => 'GET', 'path' => '/v1/json/orders/']);
[$how, $seconds] = timed(fn () => $client->getOrder('anything'));
printf("slow 503s: %s, within the budget: %s\n", $how, var_export($seconds < 2.6, true));
$emu->admin('DELETE', 'faults');

// The POST stalls but the look-up is quick: the part of the budget kept back finds the order.
$emu->admin('POST', 'faults', ['fault' => 'delay=8000', 'count' => 1, 'method' => 'POST', 'path' => '/v1/json/orders']);
[$how, $seconds] = timed(fn () => $client->createOrder(msp_test_request('4012001038443335')));
printf("stalled POST, quick look-up: %s, within the budget: %s\n", $how, var_export($seconds < 2.6, true));
?>
--EXPECT--
stalled POST and look-ups: Msp\NetworkException (outcome unknown), within the budget: true
slow 503s: Msp\NetworkException, within the budget: true
stalled POST, quick look-up: no error, within the budget: true
