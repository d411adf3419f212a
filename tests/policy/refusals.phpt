--TEST--
Msp\ThreeDsPolicy: invalid rule sets are refused when the policy is built, naming the rule and key
--EXTENSIONS--
msp
--FILE--
<?php
$bad = [
    'unknown key' => [['action' => 'skip', 'amonts' => []]],
    'bad country XX' => [['name' => 'x', 'action' => 'skip', 'card_countries' => ['include' => ['XX']]]],
    'lower-case country' => [['action' => 'skip', 'card_countries' => ['include' => ['nl']]]],
    'alpha-3 country' => [['action' => 'skip', 'ip_countries' => ['exclude' => ['NLD']]]],
    'negative amount' => [['action' => 'skip', 'amounts' => [['currency' => 'EUR', 'min' => -1]]]],
    'min above max' => [['action' => 'skip', 'amounts' => [['currency' => 'EUR', 'min' => 500, 'max' => 100]]]],
    'unknown currency' => [['action' => 'skip', 'amounts' => [['currency' => 'EUX', 'max' => 100]]]],
    'missing action' => [['name' => 'no action', 'card_countries' => ['include' => ['US']]]],
    'bad action' => [['action' => 'maybe']],
    'rule not an array' => ['skip everything'],
    'country not a string' => [['action' => 'skip', 'card_countries' => ['include' => [31]]]],
    'min not an int' => [['action' => 'skip', 'amounts' => [['currency' => 'EUR', 'min' => '10']]]],
    'too many countries' => [['action' => 'skip', 'card_countries' => ['exclude' => array_fill(0, 251, 'NL')]]],
    'include and exclude' => [['action' => 'skip', 'card_countries' => ['include' => ['US'], 'exclude' => ['NL']]]],
    'rules not a list' => ['first' => ['action' => 'skip']],
    'second rule bad' => [['action' => 'skip'], ['name' => 'second', 'action' => 'require', 'customer_countries' => ['include' => []]]],
];
foreach ($bad as $label => $rules) {
    try {
        new Msp\ThreeDsPolicy($rules);
        echo "$label: ACCEPTED\n";
    } catch (Msp\InvalidArgumentException $e) {
        printf("%s: [%s] %s\n", $label, $e->getField() ?? '-', $e->getMessage());
    }
}
$policy = new Msp\ThreeDsPolicy([['action' => 'require']]);
var_dump($policy->rules());
try {
    serialize($policy);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
try {
    clone $policy;
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
unknown key: [%s] %samonts%s
bad country XX: [rules[0].card_countries.include] rule #0 ("x"): card_countries.include: "XX" is not an ISO 3166-1 alpha-2 country code
lower-case country: [%s] %s"nl"%s
alpha-3 country: [%s] %s"NLD"%s
negative amount: [%s] %s
min above max: [%s] %s
unknown currency: [%s] %sEUX%s
missing action: [%s] %s("no action")%s
bad action: [%s] %s
rule not an array: [%s] %s
country not a string: [%s] %s
min not an int: [%s] %s
too many countries: [%s] %s
include and exclude: [%s] %s
rules not a list: [rules] the rules must be a list (keys 0, 1, 2, ...): their order decides
second rule bad: [%s] rule #1 ("second")%s
array(1) {
  [0]=>
  array(1) {
    ["action"]=>
    string(7) "require"
  }
}
Serialization of 'Msp\ThreeDsPolicy' is not allowed
Trying to clone an uncloneable object of class Msp\ThreeDsPolicy
