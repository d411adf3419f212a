--TEST--
Msp\Card: every documented test card is accepted with the right brand, length and masking
--EXTENSIONS--
msp
--FILE--
<?php
require __DIR__ . '/cards.inc';

foreach (MSP_TEST_CARDS as [$number, $brand, $length]) {
    $card = new Msp\Card($number, 12, 2030, msp_test_cvc($brand), 'J. Tester');
    $masked = $card->masked();
    printf("%-10s %-11s len=%d last4=%s masked=%s gateway=%s\n",
        $card->brand()->name, $card->brand()->displayName(), strlen($masked),
        $card->last4(), $masked, $card->brand()->gateway());
    if ($card->brand()->name !== $brand) {
        echo "  WRONG BRAND\n";
    }
    if (strlen($masked) !== $length) {
        echo "  WRONG LENGTH\n";
    }
    if (substr_count($masked, '*') < 6) {
        echo "  TOO LITTLE MASKED\n";
    }
}

// Grouped input is the same card.
$grouped = new Msp\Card('4111 1111 1111 1111', 1, 30, '123');
$dashed = new Msp\Card('4111-1111-1111-1111', 1, 30, '123');
var_dump($grouped->masked() === $dashed->masked(), $grouped->bin(), $grouped->expiry());
?>
--EXPECT--
Visa       Visa        len=16 last4=1111 masked=411111******1111 gateway=VISA
Visa       Visa        len=16 last4=3335 masked=401200******3335 gateway=VISA
Visa       Visa        len=16 last4=0008 masked=491730******0008 gateway=VISA
Visa       Visa        len=16 last4=0003 masked=446200******0003 gateway=VISA
Visa       Visa        len=16 last4=1114 masked=401200******1114 gateway=VISA
Visa       Visa        len=16 last4=8884 masked=401200******8884 gateway=VISA
Mastercard Mastercard  len=16 last4=0004 masked=550000******0004 gateway=MASTERCARD
Maestro    Maestro     len=19 last4=0011 masked=679999*********0011 gateway=MAESTRO
Amex       American Express len=15 last4=0015 masked=37450******0015 gateway=AMEX
Amex       American Express len=15 last4=0005 masked=37828******0005 gateway=AMEX
Amex       American Express len=15 last4=1000 masked=37873******1000 gateway=AMEX
Amex       American Express len=15 last4=0004 masked=37420******0004 gateway=AMEX
Bancontact Bancontact  len=17 last4=0008 masked=670345*******0008 gateway=MISTERCASH
bool(true)
string(6) "411111"
string(4) "3001"
