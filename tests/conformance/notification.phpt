--TEST--
Conformance: the documented POST notification verifies, and its order is read field by field
--EXTENSIONS--
msp
--FILE--
<?php
/* MultiSafepay's webhook page ("Own solution") signs the payload in fixtures/notification-post-body.json
 * with this API key at this timestamp; the Auth header below is the one it publishes (step 1). */
require __DIR__ . '/conformance.inc';
$key = '8HHhGgRWrA3O7NswjmgwyH7buPPCGnR5AkwAQyqI';
$timestamp = 1641218884;
$auth = 'MTY0MTIxODg4NDowNmNiZjIyNmU3Yzg3M2VmZjk2OTIxZDdmZGUzOTk4ZWI2YmUwZGU3OTE1ZWUxYzFiNTE0OTUxMWZjYTgyZTI2'
    . 'YmIwYWIyZTZkMGUwYWQ5OTdjYmFiMTUxZTRiYTU2MTU0MThkOGUxMjUyODMwMTcyNjE0M2VkMTE0NjI4N2Y5Mw==';
$body = msp_docs_raw('notification-post-body.json');
$client = new Msp\Client($key, ['base_url' => 'http://127.0.0.1:9/v1/json/']);

$n = $client->verifyNotification($body, $auth, 600, $timestamp);
echo $n->method, ' ', $n->orderId, ' at ', $n->timestamp, "\n";
$data = json_decode($body, true);
msp_report('notification order: toArray()', msp_docs_differences($data, $n->order()->toArray()));
msp_report('notification order: properties', msp_docs_property_differences($data, $n->order()));
echo count(msp_docs_shape('notification-post-body.json')), " fields, ", $n->order()->status->value, '/', $n->order()->financialStatus->value, "\n";

// The same body re-encoded is not what was signed: msp hashes the raw bytes.
try {
    $client->verifyNotification(json_encode($data), $auth, 600, $timestamp);
    echo "re-encoded: ACCEPTED\n";
} catch (Msp\SignatureException $e) {
    echo "re-encoded: refused\n";
}
?>
--EXPECT--
POST my-order-id at 1641218884
notification order: toArray(): 0 differences
notification order: properties: 0 differences
62 fields, initialized/initialized
re-encoded: refused
