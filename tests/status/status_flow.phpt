--TEST--
Msp\StatusFlow: every table row, the real sequences, duplicates, reordering and regressions; OrderState storage
--EXTENSIONS--
msp
--FILE--
<?php
use Msp\{OrderState, OrderStatus as O, TransactionStatus as T, StatusFlow, FlowStage};

$table = StatusFlow::table();
printf("table rows: %d\n", count($table));
// Every row's own pair, seen by a shop that knows nothing yet, gives the row's action.
$mismatch = 0;
foreach ($table as $row) {
    if ($row['order_status'] === '*' || $row['transaction_status'] === '*' || $row['context'] === 'after_payment') {
        continue;
    }
    $t = StatusFlow::transition(null, new OrderState(O::from($row['order_status']), T::from($row['transaction_status']), 1000));
    if ($t->action->value !== $row['action'] && !$t->unknown) {
        $mismatch++;
        echo "row {$row['order_status']}/{$row['transaction_status']}: {$t->action->value} != {$row['action']}\n";
    }
}
echo "rows whose action differs: $mismatch\n";

function run(string $label, array $steps): void
{
    $stored = null;
    $actions = [];
    foreach ($steps as [$o, $t, $refunded]) {
        $tr = StatusFlow::transition($stored, new OrderState($o, $t, 1000, $refunded));
        $actions[] = $tr->action->value . ($tr->regression ? '!' : '') . ($tr->stale ? '~' : '') . ($tr->duplicate ? '=' : '');
        if ($tr->apply) {
            $stored = $tr->next;
        }
    }
    printf("%-28s %s -> stored %s/%s (%s)\n", $label, implode(' ', $actions), $stored?->status->value,
        $stored?->financialStatus->value, $stored?->stage->value);
}
$init = [O::Initialized, T::Initialized, 0];
$paid = [O::Completed, T::Completed, 0];
run('3-D Secure', [$init, $paid]);
run('uncleared then completed', [$init, [O::Uncleared, T::Uncleared, 0], $paid]);
run('uncleared then void', [[O::Uncleared, T::Uncleared, 0], [O::Void, T::Cancelled, 0]]);
run('own-MID Amex', [$init, [O::Uncleared, T::Initialized, 0], [O::Completed, T::Initialized, 0]]);
run('partial refund', [$paid, [O::PartialRefunded, T::Completed, 300], [O::PartialRefunded, T::Completed, 300]]);
run('two partial refunds', [$paid, [O::PartialRefunded, T::Completed, 300], [O::Refunded, T::Completed, 1000]]);
run('chargeback', [$paid, [O::Chargeback, T::Completed, 0]]);
run('manual capture', [[O::Completed, T::Initialized, 0], $paid]);
run('duplicated deliveries', [$paid, $paid, $paid]);
run('reordered: paid before init', [$paid, $init]);
run('regression: refunded, paid', [[O::Refunded, T::Completed, 1000], $paid]);

$state = new OrderState(O::PartialRefunded, T::Completed, 1000, 300, 1795500000, FlowStage::PartiallyRefunded);
var_dump(OrderState::fromArray($state->toArray()) == $state, $state->toArray());
try {
    OrderState::fromArray(['status' => 'bogus', 'financial_status' => 'completed', 'amount' => 1, 'amount_refunded' => 0, 'modified' => null, 'stage' => 'paid']);
} catch (Msp\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
// Stored amounts obey the constructor's rules: none negative, refunds not above the amount.
foreach ([[-1, 0], [100, 101], [100, -1], [0, 50]] as [$amount, $refunded]) {
    try {
        $read = OrderState::fromArray(['status' => 'completed', 'financial_status' => 'completed', 'amount' => $amount, 'amount_refunded' => $refunded, 'modified' => null, 'stage' => 'paid']);
        echo "stored $amount/$refunded: read\n";
    } catch (Msp\InvalidArgumentException $e) {
        echo "stored $amount/$refunded: ", $e->getMessage(), "\n";
    }
}
// A stage that is not a FlowStage value (here cut short by a NUL) is refused, not taken as "none".
foreach (["paid\0x", 'bogus', 'none'] as $stage) {
    try {
        $read = OrderState::fromArray(['status' => 'completed', 'financial_status' => 'completed', 'amount' => 1, 'amount_refunded' => 0, 'modified' => null, 'stage' => $stage]);
        echo "stage ", json_encode($stage), ": read as ", $read->stage->name, "\n";
    } catch (Msp\InvalidArgumentException $e) {
        echo "stage ", json_encode($stage), ": ", $e->getMessage(), " (field ", $e->getField(), ")\n";
    }
}
try {
    new OrderState(O::Completed, T::Completed, 100, 200);
} catch (Msp\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
table rows: %d
rows whose action differs: 0
3-D Secure                   await_payment mark_paid -> stored completed/completed (paid)
uncleared then completed     await_payment hold_for_review mark_paid -> stored completed/completed (paid)
uncleared then void          hold_for_review cancel -> stored void/cancelled (closed)
own-MID Amex                 await_payment hold_for_review mark_paid -> stored completed/initialized (authorised)
partial refund               mark_paid partially_refunded ignore= -> stored partial_refunded/completed (partially_refunded)
two partial refunds          mark_paid partially_refunded refunded -> stored refunded/completed (refunded)
chargeback                   mark_paid chargeback -> stored chargeback/completed (chargeback)
manual capture               mark_paid ignore -> stored completed/completed (paid)
duplicated deliveries        mark_paid ignore= ignore= -> stored completed/completed (paid)
reordered: paid before init  mark_paid ignore~ -> stored completed/completed (paid)
regression: refunded, paid   refunded ignore%s -> stored refunded/completed (refunded)
bool(true)
array(6) {
  ["status"]=>
  string(16) "partial_refunded"
  ["financial_status"]=>
  string(9) "completed"
  ["amount"]=>
  int(1000)
  ["amount_refunded"]=>
  int(300)
  ["modified"]=>
  int(1795500000)
  ["stage"]=>
  string(18) "partially_refunded"
}
a stored order state needs a known status and financial_status
stored -1/0: amounts must not be negative, and refunds not above the amount
stored 100/101: amounts must not be negative, and refunds not above the amount
stored 100/-1: amounts must not be negative, and refunds not above the amount
stored 0/50: read
stage "paid\u0000x": a stored order state needs a known stage (an Msp\FlowStage value) (field stage)
stage "bogus": a stored order state needs a known stage (an Msp\FlowStage value) (field stage)
stage "none": read as None
amounts must not be negative, and refunds not above the amount
