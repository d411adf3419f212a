<?php
/**
 * EXAMPLE: what MultiSafepay says about an order, applied to the WooCommerce order once, whoever comes
 * first: the notification route, the thank-you page or process_payment() (see msp-card-gateway.php).
 *
 * The three can run at the same moment for one order (the customer returns from 3-D Secure while
 * MultiSafepay's notification arrives). Without a lock both read "pending", both see newlyPaid and
 * the payment is booked twice, or an older state overwrites a newer one. WordPress runs on MySQL or
 * MariaDB, so a named lock per order (GET_LOCK) serialises them; the state is read again after the
 * lock is taken.
 */

defined('ABSPATH') || exit;

final class Msp_Order_Sync
{
    /** Seconds to wait for the other request that holds the order's lock. */
    private const LOCK_WAIT = 10;

    /**
     * @param string|null $event_id Msp\Notification::eventId(): the same when MultiSafepay resends
     * @throws RuntimeException when the lock cannot be had (the notification is then resent)
     */
    public static function apply(WC_Order $wc_order, Msp\Order $order, ?string $event_id = null): ?Msp\Transition
    {
        global $wpdb;
        $lock = 'msp-order-' . $wc_order->get_id();
        if ((int) $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, %d)', $lock, self::LOCK_WAIT)) !== 1) {
            throw new RuntimeException("msp: order {$wc_order->get_id()} is locked by another request");
        }
        try {
            // Read again under the lock: the object we were given may be older than what the other
            // request stored.
            wp_cache_delete($wc_order->get_id(), 'orders');
            $wc_order = wc_get_order($wc_order->get_id());
            $seen = (array) $wc_order->get_meta('_msp_events');
            if ($event_id !== null && in_array($event_id, $seen, true)) {
                return null; // a resend of a notification already applied
            }

            // Stored as the JSON of OrderState::toArray(); StatusFlow takes an Msp\OrderState, never
            // the array itself (that is a TypeError).
            $stored_json = (string) $wc_order->get_meta('_msp_state');
            $stored = $stored_json === '' ? null : Msp\OrderState::fromArray(json_decode($stored_json, true));
            $t = Msp\StatusFlow::transition($stored, $order);

            if ($t->newlyPaid) {
                // Once per order, whatever the action: the first proof of payment.
                $wc_order->update_meta_data('_msp_paid_order_id', $order->orderId);
                $wc_order->payment_complete((string) $order->transactionId);
            }
            self::act($wc_order, $order, $t);
            if ($t->apply) {
                $wc_order->update_meta_data('_msp_state', wp_json_encode($t->next->toArray()));
            }
            if ($t->regression) {
                // A move the flow never makes (completed -> initialized): not applied; look at it.
                $wc_order->add_order_note('MultiSafepay reported ' . $order->status->value . ' after a later state; not applied.');
            }
            if ($event_id !== null) {
                $wc_order->update_meta_data('_msp_events', array_slice(array_merge($seen, [$event_id]), -50));
            }
            $wc_order->save();
            return $t;
        } finally {
            $wpdb->query($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $lock));
        }
    }

    /** The one thing the shop does for a transition (Msp\ShopAction). */
    private static function act(WC_Order $wc_order, Msp\Order $order, Msp\Transition $t): void
    {
        switch ($t->action) {
            case Msp\ShopAction::HoldForReview:
                $wc_order->update_status('on-hold', 'Held by MultiSafepay for review (uncleared).');
                break;
            case Msp\ShopAction::Decline:
            case Msp\ShopAction::Expire:
                $wc_order->update_status('failed', $t->meaning);
                break;
            case Msp\ShopAction::Cancel:
                $wc_order->update_status('cancelled', $t->meaning);
                break;
            case Msp\ShopAction::Chargeback:
                $wc_order->update_status('on-hold', 'Chargeback: the issuer reversed the payment.');
                break;
            case Msp\ShopAction::RefundPending:
            case Msp\ShopAction::PartiallyRefunded:
            case Msp\ShopAction::Refunded:
                // Refunds made in WooCommerce are recorded by process_refund(); these notes also cover
                // refunds made in MultiSafepay's dashboard.
                $wc_order->add_order_note(sprintf('MultiSafepay: %s (%s refunded).', $t->meaning,
                    Msp\Money::format($order->amountRefunded, $order->currency)));
                break;
            default:
                // MarkPaid is payment_complete() above (once, on newlyPaid); AwaitPayment and Ignore
                // change nothing.
                break;
        }
    }
}
