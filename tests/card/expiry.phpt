--TEST--
Msp\Card: expiry, valid through the last day of the expiry month (UTC)
--EXTENSIONS--
msp
--FILE--
<?php
$now = time();
$thisMonth = new Msp\Card('4111111111111111', (int) gmdate('n', $now), (int) gmdate('Y', $now), '123');
$lastMonthTs = gmmktime(0, 0, 0, (int) gmdate('n', $now) - 1, 1, (int) gmdate('Y', $now));
$lastMonth = new Msp\Card('4111111111111111', (int) gmdate('n', $lastMonthTs), (int) gmdate('Y', $lastMonthTs), '123');
$far = new Msp\Card('4111111111111111', 12, 2099, '123');
echo "this month expired: "; var_dump($thisMonth->isExpired());
echo "last month expired: "; var_dump($lastMonth->isExpired());
echo "2099 expired: "; var_dump($far->isExpired());
echo "2099 expiry: ", $far->expiry(), "\n";

$dec = new Msp\Card('4111111111111111', 12, 30, '123');
echo "two-digit year: ", $dec->expiryYear(), " ", $dec->expiry(), "\n";
echo "last second of Dec 2030: "; var_dump($dec->isExpired(gmmktime(23, 59, 59, 12, 31, 2030)));
echo "first second of 2031: "; var_dump($dec->isExpired(gmmktime(0, 0, 0, 1, 1, 2031)));
$feb = new Msp\Card('4111111111111111', 2, 2028, '123');
echo "29 Feb 2028 (leap): "; var_dump($feb->isExpired(gmmktime(12, 0, 0, 2, 29, 2028)));
echo "1 Mar 2028: "; var_dump($feb->isExpired(gmmktime(0, 0, 0, 3, 1, 2028)));
echo "month: ", $feb->expiryMonth(), " expiry: ", $feb->expiry(), "\n";
?>
--EXPECT--
this month expired: bool(false)
last month expired: bool(true)
2099 expired: bool(false)
2099 expiry: 9912
two-digit year: 2030 3012
last second of Dec 2030: bool(false)
first second of 2031: bool(true)
29 Feb 2028 (leap): bool(false)
1 Mar 2028: bool(true)
month: 2 expiry: 2802
