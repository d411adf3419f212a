<?php
/**
 * EXAMPLE: a WooCommerce card gateway on msp (see msp-card-gateway.php). Not a packaged plugin.
 *
 * It extends WC_Payment_Gateway_CC (WooCommerce's WC_Payment_Gateway with the card form), whose
 * fields are named "<id>-card-number", "<id>-card-expiry" ("MM / YY") and "<id>-card-cvc" when the
 * gateway does not declare 'tokenization'. The card is posted with the checkout form, read by
 * Msp\Card::fromRequest() and sent by msp straight to MultiSafepay: this needs a PCI-DSS-certified
 * shop (SAQ D), which is what msp is for.
 */

defined('ABSPATH') || exit;

class WC_Gateway_Msp extends WC_Payment_Gateway_CC
{
    /** Attempts of createOrder() after a failure that is not definite (the retry rule). */
    private const ATTEMPTS = 3;

    private ?Msp\Client $client = null;

    public function __construct()
    {
        $this->id = 'msp_card';
        $this->method_title = 'Card (msp)';
        $this->method_description = 'Card payments sent server to server to MultiSafepay by the msp extension.';
        $this->has_fields = true;
        $this->supports = ['products', 'refunds']; // no 'tokenization': the card fields keep their names
        $this->init_form_fields();
        $this->init_settings();
        $this->title = $this->get_option('title');
    }

    /** The gateway WooCommerce made (settings loaded once per request). */
    public static function instance(): self
    {
        $gateways = WC()->payment_gateways()->payment_gateways();
        return $gateways['msp_card'] ?? new self();
    }

    public function init_form_fields()
    {
        $this->form_fields = [
            'enabled' => ['title' => 'Enable', 'type' => 'checkbox', 'default' => 'no'],
            'title' => ['title' => 'Title', 'type' => 'text', 'default' => 'Credit or debit card'],
            'api_key' => ['title' => 'Website API key', 'type' => 'password'],
            'environment' => ['title' => 'Environment', 'type' => 'select', 'default' => 'test',
                'options' => ['test' => 'Test', 'live' => 'Live']],
        ];
    }

    /**
     * One Msp\Client per request. Its connections outlive the request: each php-fpm worker keeps them
     * (msp.pool_size), so the TLS handshake is paid once per worker, not per checkout.
     */
    public function client(): Msp\Client
    {
        return $this->client ??= new Msp\Client($this->get_option('api_key'), [
            'environment' => $this->get_option('environment', 'test'),
            'timeout' => 30, // the whole call: retries and look-ups included
            'user_agent' => 'MyShopMsp/0.1 (WooCommerce ' . WC()->version . ')',
            // Events are redacted by msp (card numbers keep their last 4 digits, no CVC, no key).
            'logger' => fn (array $event) => wc_get_logger()->debug(wp_json_encode($event), ['source' => 'msp']),
        ]);
    }

    /**
     * MultiSafepay's order id for this WooCommerce order: "wc-<id>-<n>". The same id is sent again
     * after any failure that is not definite (so the order can never be charged twice); n grows only
     * after a definite outcome (declined, refused), when the customer tries again with another card.
     */
    public static function msp_order_id(WC_Order $wc_order): string
    {
        return sprintf('wc-%d-%d', $wc_order->get_id(), (int) $wc_order->get_meta('_msp_attempt') + 1);
    }

    /** The WooCommerce order id of an msp order id ("wc-123-2" is 123). */
    public static function wc_order_id(string $msp_order_id): int
    {
        return preg_match('/^wc-(\d+)-\d+$/', $msp_order_id, $m) ? (int) $m[1] : 0;
    }

    public function process_payment($order_id)
    {
        $wc_order = wc_get_order($order_id);

        // The card first, before anything runs wp_unslash(), wc_clean() or sanitize_text_field() on
        // the fields: fromRequest() wipes the number and CVC in $_POST, $_REQUEST and php://input,
        // even when it refuses the card. Its messages never contain the number.
        try {
            $card = Msp\Card::fromRequest($this->id . '-card-number', $this->id . '-card-expiry', null, $this->id . '-card-cvc');
        } catch (Msp\CardException $e) {
            wc_add_notice(esc_html($e->getMessage()), 'error'); // "the card number is not valid (Luhn)", ...
            return ['result' => 'failure'];
        } catch (Msp\InvalidArgumentException $e) {
            wc_add_notice('Please enter your card number, expiry date and security code.', 'error');
            return ['result' => 'failure'];
        }

        try {
            $request = $this->order_request($wc_order, $card);
        } catch (Msp\InvalidArgumentException $e) {
            // Refused before sending, naming the field ($e->getField(): "customer.country", ...).
            wc_add_notice(esc_html('We cannot take this payment: ' . $e->getMessage()), 'error');
            return ['result' => 'failure'];
        }

        // The retry rule (README): after any failure that is not definite, the same request again,
        // with the same order id. msp turns MultiSafepay's refusal of a second order with one id
        // into the first order, so this can never charge twice.
        $order = null;
        for ($attempt = 1; $order === null; $attempt++) {
            try {
                $order = $this->client()->createOrder($request);
            } catch (Msp\NetworkException $e) {
                if ($attempt < self::ATTEMPTS) {
                    usleep(500000 * $attempt);
                    continue;
                }
                // Still unknown: the notification, or the thank-you page's look-up, will tell. The
                // customer must not be told it failed, nor asked to pay again.
                $wc_order->update_status('on-hold', 'Card payment sent; its outcome is not known yet (' . $e->getMessage() . ').');
                WC()->cart->empty_cart();
                return ['result' => 'success', 'redirect' => $this->get_return_url($wc_order)];
            } catch (Msp\ApiException $e) {
                // Definite (validation, key, an order id of another payment): a new attempt needs a new id.
                $this->next_attempt($wc_order, 'Refused by MultiSafepay: ' . $e->getMessage());
                wc_add_notice('The payment could not be processed. Please try again or use another card.', 'error');
                return ['result' => 'failure'];
            }
        }

        if ($order->requiresVerification()) {
            // 3-D Secure: the customer goes to the issuer and comes back to the thank-you page.
            $wc_order->update_status('pending', '3-D Secure started.');
            return ['result' => 'success', 'redirect' => $order->verification->url];
        }
        if ($order->status === Msp\OrderStatus::Declined) {
            $this->next_attempt($wc_order, sprintf('Declined: %s %s', $order->reasonCode, $order->reason));
            wc_add_notice('Your card was declined. Please try another card.', 'error');
            return ['result' => 'failure'];
        }
        // Paid, or held for review (uncleared): the same code as the notification applies it.
        Msp_Order_Sync::apply($wc_order, $order);
        WC()->cart->empty_cart();
        return ['result' => 'success', 'redirect' => $this->get_return_url($wc_order)];
    }

    /** The order as MultiSafepay's direct card order, amounts in minor units. */
    private function order_request(WC_Order $wc_order, Msp\Card $card): Msp\OrderRequest
    {
        $currency = $wc_order->get_currency();
        // WooCommerce totals are decimal strings ("25.00"): Money refuses any that would lose a digit.
        $amount = Msp\Money::toMinorUnits($wc_order->get_total(), $currency);
        return (new Msp\OrderRequest(self::msp_order_id($wc_order), $amount, $currency,
            sprintf('Order %s', $wc_order->get_order_number()), $card))
            ->customer([
                'ip_address' => $wc_order->get_customer_ip_address(),
                'country' => $wc_order->get_billing_country(),
                'email' => $wc_order->get_billing_email(),
                'first_name' => $wc_order->get_billing_first_name(), // "" is left out by msp
                'last_name' => $wc_order->get_billing_last_name(),
                'locale' => get_locale(),
            ])
            ->notificationUrl(rest_url('myshop-msp/v1/notify'), 'POST')
            ->redirectUrl($this->get_return_url($wc_order))
            ->cancelUrl(wc_get_checkout_url())
            ->plugin('WooCommerce', WC()->version, '0.1.0');
    }

    /** After a definite outcome: the next attempt gets a new MultiSafepay order id. */
    private function next_attempt(WC_Order $wc_order, string $note): void
    {
        $wc_order->update_meta_data('_msp_attempt', (int) $wc_order->get_meta('_msp_attempt') + 1);
        $wc_order->add_order_note($note);
        $wc_order->save();
    }

    /**
     * Refunds from the WooCommerce admin. msp always sends an explicit amount and checks it first
     * against the order (paid, not older than 180 days, not more than is left): such refusals are
     * definite and shown as they are.
     */
    public function process_refund($order_id, $amount = null, $reason = '')
    {
        $wc_order = wc_get_order($order_id);
        $msp_order_id = (string) $wc_order->get_meta('_msp_paid_order_id'); // set by Msp_Order_Sync when paid
        if ($msp_order_id === '' || $amount === null) {
            return new WP_Error('msp_refund', 'This order was not paid with msp, or no amount was given.');
        }
        $currency = $wc_order->get_currency();
        try {
            $minor = Msp\Money::toMinorUnits(wc_format_decimal($amount, wc_get_price_decimals()), $currency);
            // An empty reason is left out of the request.
            $refund = $this->client()->refund($msp_order_id, $minor, $currency, (string) $reason);
        } catch (Msp\NetworkException $e) {
            if ($e->isOutcomeUnknown()) {
                // It may have been made: refunding again could pay back twice.
                return new WP_Error('msp_refund_unknown', 'The refund may or may not have been made. Check the order at MultiSafepay before refunding again.');
            }
            return new WP_Error('msp_refund', 'MultiSafepay could not be reached; nothing was refunded: ' . $e->getMessage());
        } catch (Msp\Exception $e) {
            // StateException ("20.00 EUR exceeds the 15.00 EUR still refundable"), ApiException,
            // InvalidArgumentException: definite, nothing was refunded.
            return new WP_Error('msp_refund', $e->getMessage());
        }
        $wc_order->add_order_note(sprintf('Refund of %s requested at MultiSafepay (refund id %s).',
            Msp\Money::format($minor, $currency), $refund->refundId ?? 'not given'));
        return true;
    }
}
