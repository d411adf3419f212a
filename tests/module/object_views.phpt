--TEST--
msp: get_object_vars() is [] and (array) is the masked view, the same on every PHP version (8.4 routes get_object_vars through get_properties_for)
--EXTENSIONS--
msp
--FILE--
<?php
require __DIR__ . '/../card/cards.inc';

$card = new Msp\Card('4111111111111111', 12, 2030, '123', 'J. Tester');
$objects = [
    $card,
    new Msp\Client('emulator-test-key', ['base_url' => 'http://127.0.0.1:9/v1/json/', 'persistent' => false]),
    (new Msp\OrderRequest('view-1', 1000, 'EUR', 'Views', $card))->customer(['ip_address' => '127.0.0.1', 'country' => 'NL']),
    new Msp\ThreeDsPolicy([['name' => 'small', 'action' => 'skip', 'amounts' => [['currency' => 'EUR', 'min' => 0, 'max' => 3000]]]]),
];
$secrets = ['4111111111111111', '111111111111', 'emulator-test-key'];

foreach ($objects as $object) {
    $class = get_class($object);
    $vars = get_object_vars($object);
    $cast = (array) $object;
    ob_start();
    var_dump($object);
    $dump = ob_get_clean();
    msp_assert_no_secret(print_r($cast, true) . $dump . print_r($vars, true), $secrets, $class);
    echo "$class: get_object_vars ", json_encode($vars), ", (array) keys ", json_encode(array_keys($cast)), "\n";
    // (array) shows what var_dump shows: the masked view, not the object's (empty) property table.
    $dumpKeys = preg_match_all('/^  \["([^"]+)"\]=>$/m', $dump, $m) ? $m[1] : [];
    echo "  (array) matches var_dump: ", $dumpKeys === array_map('strval', array_keys($cast)) ? 'yes' : 'NO', "\n";
    // Reflection agrees with get_object_vars: no PHP properties.
    echo "  Reflection properties: ", count((new ReflectionObject($object))->getProperties()), "\n";
}
?>
--EXPECT--
clean: Msp\Card
Msp\Card: get_object_vars [], (array) keys ["brand","number","expiry"]
  (array) matches var_dump: yes
  Reflection properties: 0
clean: Msp\Client
Msp\Client: get_object_vars [], (array) keys ["environment","base_url","persistent"]
  (array) matches var_dump: yes
  Reflection properties: 0
clean: Msp\OrderRequest
Msp\OrderRequest: get_object_vars [], (array) keys ["type","gateway","order_id","currency","amount","description","gateway_info","customer"]
  (array) matches var_dump: yes
  Reflection properties: 0
clean: Msp\ThreeDsPolicy
Msp\ThreeDsPolicy: get_object_vars [], (array) keys ["rules"]
  (array) matches var_dump: yes
  Reflection properties: 0
