--TEST--
Msp\ThreeDsPolicy: a rule or payment text with a NUL byte inside is refused, never read cut short as another currency, country or action
--EXTENSIONS--
msp
--FILE--
<?php
$card = new Msp\Card('4111111111111111', 12, 2030, '123', 'J. Tester');
$rule = ['name' => 'small', 'action' => 'skip', 'amounts' => [['currency' => 'EUR', 'max' => 5000]],
    'card_countries' => ['include' => ['NL']]];
$try = function (string $label, callable $call): void {
    try {
        $call();
        echo "$label: ACCEPTED\n";
    } catch (Msp\InvalidArgumentException $e) {
        printf("%s: %s%s\n", $label, $e->getMessage(), $e->getField() !== null ? ' (field ' . $e->getField() . ')' : '');
    }
};
$try('the rule as given', fn () => new Msp\ThreeDsPolicy([$rule]));
$try('a rule key', fn () => new Msp\ThreeDsPolicy([["action\0x" => 'skip']]));
$try('an action', fn () => new Msp\ThreeDsPolicy([['action' => "skip\0require"]]));
$try('a range key', fn () => new Msp\ThreeDsPolicy([['action' => 'skip', 'amounts' => [["max\0" => 1, 'currency' => 'EUR']]]]));
$try('a range currency', fn () => new Msp\ThreeDsPolicy([['action' => 'skip', 'amounts' => [['currency' => "EUR\0USD", 'max' => 1]]]]));
$try('a country mode', fn () => new Msp\ThreeDsPolicy([['action' => 'skip', 'card_countries' => ["exclude\0" => ['NL']]]]));
$try('a country code', fn () => new Msp\ThreeDsPolicy([['action' => 'skip', 'card_countries' => ['include' => ["NL\0US"]]]]));

$policy = new Msp\ThreeDsPolicy([$rule]);
printf("NL card, 10 EUR: %s\n", $policy->decide($card, 1000, 'EUR', 'NL')->required ? 'required' : 'skipped');
$try('decide: currency', fn () => $policy->decide($card, 1000, "EUR\0USD", 'NL'));
$try('decide: card country', fn () => $policy->decide($card, 1000, 'EUR', "NL\0US"));
$try('decide: ip country', fn () => $policy->decide($card, 1000, 'EUR', 'NL', "NL\0"));
$try('decide: customer country', fn () => $policy->decide($card, 1000, 'EUR', 'NL', 'NL', "\0"));
?>
--EXPECT--
the rule as given: ACCEPTED
a rule key: rule #0: rule keys must not contain NUL bytes (field rules[0])
an action: rule #0: action: must be "skip" or "require" (field rules[0].action)
a range key: rule #0: amounts: range keys must be currency, min and max (field rules[0].amounts)
a range currency: rule #0: amounts: a currency must not contain NUL bytes (field rules[0].amounts)
a country mode: rule #0: card_countries: must be ["include" => [...]] or ["exclude" => [...]] (field rules[0].card_countries)
a country code: rule #0: card_countries: country codes must not contain NUL bytes (field rules[0].card_countries)
NL card, 10 EUR: skipped
decide: currency: currency must not contain NUL bytes (field currency)
decide: card country: card_country must not contain NUL bytes (field card_country)
decide: ip country: ip_country must not contain NUL bytes (field ip_country)
decide: customer country: customer_country must not contain NUL bytes (field customer_country)
