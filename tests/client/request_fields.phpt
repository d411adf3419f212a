--TEST--
Msp\OrderRequest: customInfo() and recurring() reach the body; setters of several fields are all or nothing
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../emulator/server.inc'; msp_emulator_skip(); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$emu = msp_emulator_start();
$client = msp_test_client($emu);

function refused(callable $call): void
{
    try {
        $call();
        echo "accepted\n";
    } catch (Msp\InvalidArgumentException $e) {
        echo $e->getField() ?? '-', ": ", $e->getMessage(), "\n";
    } catch (TypeError $e) {
        echo "TypeError: ", $e->getMessage(), "\n";
    }
}

// 4012001038443335: the frictionless test card, so the answer is final at once.
$request = msp_test_request('4012001038443335')
    ->customInfo('c1', null, 'c3')
    ->recurring('cardOnFile')
    ->vars('v1', 'v2');
$body = $request->toArray();
var_dump($body['custom_info'], $body['recurring_model'], $body['var1'], $body['var2'], isset($body['recurring_id']));

// The emulator echoes custom_info: the fields went over the wire.
$order = $client->createOrder($request);
$answer = $order->toArray();
echo $order->status->value, " ", json_encode(array_filter($answer['custom_info'])), " ", $answer['var1'], "\n";

// A refused value leaves every field of the same call as it was.
$request = msp_test_request('4111111111111111')->customer(['city' => 'Amsterdam']);
refused(fn () => $request->customer(['city' => 'Utrecht', 'email' => 'not-an-email']));
refused(fn () => $request->customer(['city' => 'Utrecht', 'browser' => ['screen_width' => -1]]));
refused(fn () => $request->customer(['city' => 'Utrecht', 'house_number' => 12, 'country' => true]));
echo "city still: ", $request->toArray()['customer']['city'], "\n";
$request->vars('kept');
refused(fn () => $request->vars('replaced', str_repeat('x', 501)));
refused(fn () => $request->customInfo('c1', "bad\x01"));
refused(fn () => $request->plugin('Shop', '1.0', str_repeat('9', 51)));
refused(fn () => $request->recurring('weekly', 'r-1'));
$body = $request->toArray();
var_dump($body['var1'], isset($body['var2']), isset($body['custom_info']), isset($body['plugin']), isset($body['recurring_id']));
refused(fn () => $request->recurring('subscription', str_repeat('r', 51)));
refused(fn () => $request->recurring('subscription', 'r-123'));
echo $request->toArray()['recurring_id'], "\n";
// Setters of two fields: a refused method keeps the URL, a refused term URL keeps flexible_3d.
$request->notificationUrl('https://shop.example/n1');
refused(fn () => $request->notificationUrl('https://shop.example/n2', 'PUT'));
refused(fn () => $request->notificationUrl('not a url', 'GET')); // the method is not set alone
$request->flexible3d(false, 'https://shop.example/term');
refused(fn () => $request->flexible3d(true, 'not a url'));
$body = $request->toArray();
echo $body['payment_options']['notification_url'], " ", $body['payment_options']['notification_method'], " ",
    var_export($body['gateway_info']['flexible_3d'], true), " ", $body['gateway_info']['term_url'], "\n";
?>
--EXPECTF--
array(2) {
  ["custom_1"]=>
  string(2) "c1"
  ["custom_3"]=>
  string(2) "c3"
}
string(10) "cardOnFile"
string(2) "v1"
string(2) "v2"
bool(false)
completed {"custom_1":"c1","custom_3":"c3"} v1
customer.email: %s
customer.browser.screen_width: %s
TypeError: customer.country must be of type string, bool given
city still: Amsterdam
var2: %s
custom_info.custom_2: %s
plugin.plugin_version: %s
recurring_model: %s
string(4) "kept"
bool(false)
bool(false)
bool(false)
bool(false)
recurring_id: %s
accepted
r-123
payment_options.notification_method: %s
payment_options.notification_url: %s
gateway_info.term_url: %s
https://shop.example/n1 POST false https://shop.example/term
