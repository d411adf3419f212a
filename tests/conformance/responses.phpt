--TEST--
Conformance: msp reads every documented response example (orders, refunds, capture, cancel) field by field
--EXTENSIONS--
msp
--FILE--
<?php
/* Each of MultiSafepay's response examples (fixtures/, README there) is served byte for byte by a
 * plain php -S router, no emulator, and read by msp through the call it documents. Order::toArray()
 * must hold every field of the example with its type and value, and the typed properties must say
 * what the example says. */
require __DIR__ . '/conformance.inc';
$port = msp_conformance_server(__DIR__ . '/routers/fixture_router.php');

function check_order(string $label, string $fixture, Msp\Order $order): void
{
    $data = msp_docs_array($fixture)['data'];
    msp_report("$label: toArray()", msp_docs_differences($data, $order->toArray()));
    msp_report("$label: properties", msp_docs_property_differences($data, $order));
    printf("  %s/%s, %d fields\n", $order->status->value, $order->financialStatus->value, count(msp_docs_shape($fixture)));
}

// The comparison can fail: a missing field, a type and a value that differ are each reported.
$data = msp_docs_array('response-get-order-3ds.json')['data'];
$changed = $data;
unset($changed['payment_details']['card_funding']);
$changed['amount'] = '200';
$changed['costs'][1]['amount'] = 0.03;
$changed['extra'] = true;
msp_report('self-check', msp_docs_differences($data, $changed));

// GET /orders/{order_id}
foreach ([
    'get-order' => 'response-get-order.json',
    'get-order-3ds' => 'response-get-order-3ds.json',
    'get-order-failed-3ds' => 'response-get-order-failed-3ds.json',
    'get-order-authorised' => 'response-get-order-authorised-2022.json',
    'get-order-zero-authorization' => 'response-get-order-zero-authorization-2022.json',
] as $scenario => $fixture) {
    $orderId = (string) msp_docs_array($fixture)['data']['order_id'];
    check_order("GET $fixture", $fixture, msp_docs_client($port, $scenario)->getOrder($orderId));
}

// POST /orders: the answers of a direct card order that needs 3-D Secure, and of a direct order.
// msp checks that an answer is about the payment it sent, so the request is the example's payment.
$card = new Msp\Card('5555555555554444', 12, 2030, '123', 'Test Holder Name');
$request = (new Msp\OrderRequest('my-order-id-1', 100, 'EUR', 'Test order description', $card, 'MASTERCARD'))
    ->customer(['ip_address' => '123.123.123.123', 'country' => 'NL']);
$order = msp_docs_client($port, 'create-card-3ds')->createOrder($request);
check_order('POST response-create-card-3ds-2022.json', 'response-create-card-3ds-2022.json', $order);
var_dump($order->requiresVerification(), str_contains($order->verification->html, '<form id="PaReqForm"'));

$request = (new Msp\OrderRequest('direct-order-0001', 1000, 'EUR', 'product description', new Msp\Card('4111111111111111', 12, 2030, '123')))
    ->customer(['ip_address' => '123.123.123.123', 'country' => 'NL']);
$order = msp_docs_client($port, 'create-direct-ideal')->createOrder($request);
check_order('POST response-create-direct-ideal.json', 'response-create-direct-ideal.json', $order);

// POST /orders/{order_id}/refunds: {order_id, transaction_id}, the documented refund answer.
$refund = msp_docs_client($port, 'refund')->refund('case-20220404-06-0001', 500, 'EUR');
$answer = msp_docs_array('response-refund.json')['data'];
msp_report('POST response-refund.json: Refund', array_values(array_filter([
    $refund->orderId === $answer['order_id'] ? null : 'Refund::$orderId',
    $refund->transactionId === (string) $answer['transaction_id'] ? null : 'Refund::$transactionId',
    $refund->refundId === (string) $answer['transaction_id'] ? null : 'Refund::$refundId (the refund transaction, to cancel it with)',
    [$refund->amount, $refund->currency, $refund->status] === [500, 'EUR', null] ? null : 'Refund::$amount/$currency/$status',
])));

// The calls whose documented answer is an empty (or id-only) data object.
msp_docs_client($port, 'cancel-order')->cancelOrder('my-order-id-1');
echo "PATCH response-cancel-order.json: accepted\n";
msp_docs_client($port, 'cancel-refund')->cancelRefund('case-20220404-06-0001', '6303074');
echo "PATCH refunds response-cancel-order.json: accepted\n";
$after = msp_docs_client($port, 'capture')->capture('my-order-id-1', 2000, 'my-order-id-01');
echo "POST response-capture.json: accepted, then ", $after->status->value, '/', $after->financialStatus->value, "\n";
msp_docs_client($port, 'cancel-authorization')->cancelAuthorization('my-order-id-1', 'The transaction appeared fraudulent.');
echo "PATCH response-cancel-authorization.json: accepted\n";
?>
--EXPECT--
self-check: 4 differences
  - data.amount: string instead of int
  - data.payment_details.card_funding: missing
  - data.costs[1].amount: another value
  - data.extra: not in the example
GET response-get-order.json: toArray(): 0 differences
GET response-get-order.json: properties: 0 differences
  completed/completed, 74 fields
GET response-get-order-3ds.json: toArray(): 0 differences
GET response-get-order-3ds.json: properties: 0 differences
  refunded/completed, 86 fields
GET response-get-order-failed-3ds.json: toArray(): 0 differences
GET response-get-order-failed-3ds.json: properties: 0 differences
  declined/declined, 72 fields
GET response-get-order-authorised-2022.json: toArray(): 0 differences
GET response-get-order-authorised-2022.json: properties: 0 differences
  completed/initialized, 64 fields
GET response-get-order-zero-authorization-2022.json: toArray(): 0 differences
GET response-get-order-zero-authorization-2022.json: properties: 0 differences
  completed/completed, 61 fields
POST response-create-card-3ds-2022.json: toArray(): 0 differences
POST response-create-card-3ds-2022.json: properties: 0 differences
  initialized/initialized, 64 fields
bool(true)
bool(true)
POST response-create-direct-ideal.json: toArray(): 0 differences
POST response-create-direct-ideal.json: properties: 0 differences
  initialized/initialized, 64 fields
POST response-refund.json: Refund: 0 differences
PATCH response-cancel-order.json: accepted
PATCH refunds response-cancel-order.json: accepted
POST response-capture.json: accepted, then completed/initialized
PATCH response-cancel-authorization.json: accepted
