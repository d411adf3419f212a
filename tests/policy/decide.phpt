--TEST--
Msp\ThreeDsPolicy::decide(): brands x amounts x currencies x countries x rule order
--EXTENSIONS--
msp
--FILE--
<?php
use Msp\{ThreeDsPolicy, CardBrand as B};

$rules = [
    ['name' => 'small non-EU cards', 'action' => 'skip', 'amounts' => [['currency' => 'EUR', 'max' => 5000], ['currency' => 'USD', 'max' => 6000]],
     'card_countries' => ['exclude' => ['NL', 'DE', 'BE', 'FR']]],
    ['name' => 'risky IPs', 'action' => 'require', 'ip_countries' => ['include' => ['RU', 'KP']]],
    ['name' => 'trusted returning', 'action' => 'skip', 'customer_countries' => ['include' => ['NL']], 'amounts' => [['currency' => 'EUR', 'min' => 100, 'max' => 2500]]],
];
$policy = new ThreeDsPolicy($rules);
$swapped = new ThreeDsPolicy([$rules[1], $rules[0], $rules[2]]);
$none = new ThreeDsPolicy();

$cases = [
    // brand, amount, currency, card country, ip country, customer country, eur equivalent
    [B::Visa, 2999, 'EUR', 'US', 'US', 'US', null],
    [B::Visa, 5000, 'EUR', 'US', 'US', 'US', null],
    [B::Visa, 2000, 'EUR', 'NL', 'NL', 'NL', null],
    [B::Visa, 3000, 'EUR', 'NL', 'NL', 'NL', null],
    [B::Visa, 2999, 'EUR', null, 'US', 'US', null],
    [B::Mastercard, 5999, 'USD', 'US', 'US', 'US', null],
    [B::Mastercard, 1000, 'JPY', 'JP', 'JP', 'JP', null],
    [B::Mastercard, 2999, 'EUR', 'US', 'RU', 'US', null],
    [B::Maestro, 100, 'EUR', 'US', 'US', 'US', null],
    [B::Bancontact, 100, 'EUR', 'BE', 'BE', 'NL', null],
    [B::Amex, 2999, 'EUR', 'US', 'US', 'US', null],
    [B::Amex, 3000, 'EUR', 'US', 'US', 'US', null],
    [B::Amex, 2999, 'USD', 'US', 'US', 'US', null],
    [B::Amex, 3200, 'USD', 'US', 'US', 'US', 2999],
    [B::Amex, 3300, 'USD', 'US', 'US', 'US', 3000],
];
foreach ($cases as [$brand, $amount, $currency, $card, $ip, $customer, $eur]) {
    $d = $policy->decide($brand, $amount, $currency, $card, $ip, $customer, $eur);
    $s = $swapped->decide($brand, $amount, $currency, $card, $ip, $customer, $eur);
    $n = $none->decide($brand, $amount, $currency, $card, $ip, $customer, $eur);
    printf("%-10s %5d %s card=%-2s ip=%s: %-8s %-22s rule=%-2s | swapped: %-8s | no rules: %s\n", $brand->name, $amount,
        $currency, $card ?? '?', $ip, $d->required ? 'require' : 'skip', $d->reason->value, $d->ruleIndex ?? '-',
        $s->required ? 'require' : 'skip', $n->required ? 'require' : 'skip');
}
$d = $policy->decide(new Msp\Card('4111111111111111', 12, 2030, '123'), 1000, 'EUR', 'US', 'NL', 'US');
var_dump($d->required, $d->ruleName, $d->explanation !== '', $d->brand, $d->amount, $d->currency);
$flex = $policy->decide(B::Visa, 1000, 'EUR', 'NL', 'NL', 'NL', null, false);
echo "flexible 3D skip: ", $flex->required ? 'require' : 'skip', " (", $flex->reason->value, ")\n";
$flex = $policy->decide(B::Maestro, 1000, 'EUR', 'NL', 'NL', 'NL', null, false);
echo "flexible 3D skip, Maestro: ", $flex->required ? 'require' : 'skip', " (", $flex->reason->value, ")\n";
try {
    $policy->decide(B::Discover, 1000, 'EUR');
} catch (Msp\CardException $e) {
    echo "Discover: ", $e->getReason()->value, "\n";
}
foreach ([[B::Visa, 0, 'EUR', null], [B::Visa, 100, 'XXX', null], [B::Visa, 100, 'EUR', 'nl']] as [$b, $a, $c, $cc]) {
    try {
        $policy->decide($b, $a, $c, $cc);
    } catch (Msp\InvalidArgumentException $e) {
        echo "refused payment: ", $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
Visa        2999 EUR card=US ip=US: skip     rule_matched           rule=0  | swapped: skip     | no rules: require
Visa        5000 EUR card=US ip=US: require  no_rule_matched        rule=-  | swapped: require  | no rules: require
Visa        2000 EUR card=NL ip=NL: skip     rule_matched           rule=2  | swapped: skip     | no rules: require
Visa        3000 EUR card=NL ip=NL: require  no_rule_matched        rule=-  | swapped: require  | no rules: require
Visa        2999 EUR card=?  ip=US: require  no_rule_matched        rule=-  | swapped: require  | no rules: require
Mastercard  5999 USD card=US ip=US: skip     rule_matched           rule=0  | swapped: skip     | no rules: require
Mastercard  1000 JPY card=JP ip=JP: require  no_rule_matched        rule=-  | swapped: require  | no rules: require
Mastercard  2999 EUR card=US ip=RU: skip     rule_matched           rule=0  | swapped: require  | no rules: require
Maestro      100 EUR card=US ip=US: require  brand_requires_3ds     rule=-  | swapped: require  | no rules: require
Bancontact   100 EUR card=BE ip=BE: require  brand_requires_3ds     rule=-  | swapped: require  | no rules: require
Amex        2999 EUR card=US ip=US: skip     rule_matched           rule=0  | swapped: skip     | no rules: require
Amex        3000 EUR card=US ip=US: require  amex_safekey_required  rule=-  | swapped: require  | no rules: require
Amex        2999 USD card=US ip=US: require  amex_safekey_required  rule=-  | swapped: require  | no rules: require
Amex        3200 USD card=US ip=US: skip     rule_matched           rule=0  | swapped: skip     | no rules: require
Amex        3300 USD card=US ip=US: require  amex_safekey_required  rule=-  | swapped: require  | no rules: require
bool(false)
string(18) "small non-EU cards"
bool(true)
enum(Msp\CardBrand::Visa)
int(1000)
string(3) "EUR"
flexible 3D skip: skip (flexible_3d)
flexible 3D skip, Maestro: require (brand_requires_3ds)
Discover: UNSUPPORTED_BRAND
refused payment: %s
refused payment: %s
refused payment: %s
