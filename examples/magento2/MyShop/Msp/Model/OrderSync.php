<?php
/*
 * EXAMPLE (see registration.php): what MultiSafepay says about an order, applied to the Magento order
 * once, whoever comes first: the notification controller or the customer's return.
 *
 * Both can run at the same moment for one order. The order's row is locked (SELECT ... FOR UPDATE in
 * a transaction) before its stored state is read, so the second request waits and then sees what the
 * first one stored: the payment is booked once and an older state never overwrites a newer one.
 */
declare(strict_types=1);

namespace MyShop\Msp\Model;

use Magento\Framework\App\ResourceConnection;
use Magento\Sales\Api\OrderRepositoryInterface;
use Magento\Sales\Model\Order;

class OrderSync
{
    public function __construct(
        private ResourceConnection $resource,
        private OrderRepositoryInterface $orders,
    ) {
    }

    /**
     * @param int $orderId the Magento order's entity id
     * @param string|null $eventId \Msp\Notification::eventId(): the same when MultiSafepay resends
     */
    public function apply(int $orderId, \Msp\Order $order, ?string $eventId = null): ?\Msp\Transition
    {
        $db = $this->resource->getConnection('sales');
        $db->beginTransaction();
        try {
            // The lock: the other request blocks here until this transaction ends.
            $db->fetchOne($db->select()->from($this->resource->getTableName('sales_order'), ['entity_id'])
                ->where('entity_id = ?', $orderId)->forUpdate(true));
            /** @var Order $sale read after the lock: what the other request stored is visible */
            $sale = $this->orders->get($orderId);
            $payment = $sale->getPayment();
            $seen = (array) ($payment->getAdditionalInformation('msp_events') ?? []);
            if ($eventId !== null && in_array($eventId, $seen, true)) {
                $db->commit();
                return null; // a resend of a notification already applied
            }
            // Stored as OrderState::toArray(); StatusFlow takes an \Msp\OrderState, not the array.
            $state = $payment->getAdditionalInformation('msp_state');
            $stored = is_array($state) ? \Msp\OrderState::fromArray($state) : null;
            $t = \Msp\StatusFlow::transition($stored, $order);

            if ($t->newlyPaid) {
                // Once per order: the first proof of payment (capture the invoice, notify the customer).
                $payment->setTransactionId((string) $order->transactionId);
                $payment->registerCaptureNotification((float) \Msp\Money::fromMinorUnits($order->amount, $order->currency));
                $payment->setAdditionalInformation('msp_paid_order_id', $order->orderId);
            }
            match ($t->action) {
                \Msp\ShopAction::HoldForReview => $sale->hold(),
                \Msp\ShopAction::Decline, \Msp\ShopAction::Expire, \Msp\ShopAction::Cancel => $sale->registerCancellation($t->meaning),
                \Msp\ShopAction::Chargeback => $sale->addCommentToStatusHistory('Chargeback: the issuer reversed the payment.'),
                default => null, // MarkPaid is the capture above; refunds are credit memos in Magento
            };
            if ($t->apply) {
                $payment->setAdditionalInformation('msp_state', $t->next->toArray());
            }
            if ($eventId !== null) {
                $payment->setAdditionalInformation('msp_events', array_slice([...$seen, $eventId], -50));
            }
            $this->orders->save($sale);
            $db->commit();
            return $t;
        } catch (\Throwable $e) {
            $db->rollBack();
            throw $e;
        }
    }
}
