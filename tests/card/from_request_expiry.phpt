--TEST--
Msp\Card::fromRequest(): one expiry field (WooCommerce's "MM / YY") in its accepted forms, and a malformed one refused as INVALID_EXPIRY
--EXTENSIONS--
msp
--POST--
a=12%2F30&b=12+%2F+30&c=07%2F2031&d=0731&e=7%2F31&f=12-30&g=12%2F3&h=1230x&n1=6799990000000000011&n2=6799990000000000011&n3=6799990000000000011&n4=6799990000000000011&n5=6799990000000000011&n6=6799990000000000011&n7=6799990000000000011&n8=6799990000000000011
--FILE--
<?php
foreach (['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as $i => $field) {
    try {
        $card = Msp\Card::fromRequest('n' . ($i + 1), $field, null);
        echo $field, ': ', $card->expiry(), "\n";
    } catch (Msp\CardException $e) {
        echo $field, ': ', $e->getReason()->name, ' (', $e->getMessage(), ")\n";
    }
}
?>
--EXPECT--
a: 3012
b: 3012
c: 3107
d: 3107
e: 3107
f: InvalidExpiry (expiry must look like MM/YY, MM / YY, MM/YYYY or MMYY)
g: InvalidExpiry (expiry must look like MM/YY, MM / YY, MM/YYYY or MMYY)
h: InvalidExpiry (expiry must look like MM/YY, MM / YY, MM/YYYY or MMYY)
