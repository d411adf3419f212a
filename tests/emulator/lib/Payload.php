<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * The JSON the API sends: the order object (create and GET responses, POST notification bodies) and
 * the envelopes. With the site's mixed_types switch on, it mixes types the way real payloads do:
 * numbers become strings (amounts, ids), strings become numbers (last4, card_expiry_date, a numeric
 * order_id, external ids) and the data of an error is [] instead of {}.
 */
final class Payload
{
    /** scheme://host:port of the current request: links to the ACS page point at the server being asked. */
    private static ?string $origin = null;

    private const STRINGIFY = ['transaction_id', 'amount', 'amount_refunded', 'capture_remain', 'refund_id'];
    private const NUMBERIFY = ['last4', 'card_expiry_date', 'order_id', 'external_transaction_id'];

    public static function useOrigin(string $origin): void
    {
        self::$origin = $origin;
    }

    /** The ACS page of a 3DS order, on this server (the stored URL names the server that created it). */
    public static function acsUrl(Order $order): ?string
    {
        if ($order->acsToken === null) {
            return null;
        }
        return self::$origin !== null ? self::$origin . '/_emulator/acs/' . $order->acsToken : $order->acsUrl;
    }

    public static function order(Order $order, Site $site, bool $withVerification = false): array
    {
        $card = $order->card();
        $payload = [
            'transaction_id' => (int) $order->transactionId,
            'order_id' => $order->orderId,
            'created' => Clock::iso($order->created),
            'modified' => Clock::iso($order->modified),
            'currency' => $order->currency,
            'amount' => $order->amount,
            'description' => $order->description,
            'var1' => $order->vars[0],
            'var2' => $order->vars[1],
            'var3' => $order->vars[2],
            'items' => null,
            'amount_refunded' => $order->refundedAmount(),
            'status' => $order->status,
            'financial_status' => $order->financialStatus,
            'reason' => $order->reason,
            'reason_code' => $order->reasonCode,
            'fastcheckout' => 'NO',
            'customer' => self::customer($order->customer),
            'custom_info' => [
                'custom_1' => $order->customInfo['custom_1'] ?? null,
                'custom_2' => $order->customInfo['custom_2'] ?? null,
                'custom_3' => $order->customInfo['custom_3'] ?? null,
            ],
            'checkout_options' => $order->checkoutOptions ?? ['alternate' => [], 'default' => ['rate' => 0.21, 'shipping_taxed' => true]],
            'payment_details' => self::paymentDetails($order, $card),
            'payment_methods' => [self::paymentMethod($order, $card)],
            'costs' => [self::cost($order, $card)],
            'related_transactions' => $order->visibleRelated() === [] ? null : array_map(self::related(...), $order->visibleRelated()),
            'payment_url' => self::paymentUrl($order),
            'cancel_url' => $order->paymentOptions['cancel_url'] ?? null,
        ];
        if ($order->parentOrderId !== null) {
            $payload['parent_order_id'] = $order->parentOrderId;
        }
        if ($withVerification && $order->acsToken !== null && $order->status === 'initialized') {
            $payload['customer_verification'] = ['html' => Acs::verificationForm(self::acsUrl($order), $order->acsToken), 'type' => 'form'];
        }
        return $site->bool('mixed_types') ? self::mixTypes($payload) : $payload;
    }

    public static function success(mixed $data, Site $site): array
    {
        if (is_array($data) && $site->bool('mixed_types')) {
            $data = self::mixTypes($data);
        }
        return ['success' => true, 'data' => $data];
    }

    public static function error(ApiError $error, ?Site $site): array
    {
        $mixed = $site !== null && $site->bool('mixed_types');
        return [
            'success' => false,
            'data' => $mixed ? [] : new \stdClass(),
            'error_code' => $error->errorCode,
            'error_info' => $error->getMessage(),
        ];
    }

    /** Flips the types of the fields real payloads are known to send either way, at every depth. */
    public static function mixTypes(array $payload): array
    {
        foreach ($payload as $key => $value) {
            if (is_array($value)) {
                $payload[$key] = self::mixTypes($value);
            } elseif (is_int($value) && in_array($key, self::STRINGIFY, true)) {
                $payload[$key] = (string) $value;
            } elseif (is_string($value) && in_array($key, self::NUMBERIFY, true) && preg_match('/^[1-9][0-9]{0,17}$|^0$/', $value)) {
                $payload[$key] = (int) $value;
            } elseif (is_string($value) && $key === 'last4' && ctype_digit($value)) {
                $payload[$key] = (int) $value; // "0004" arrives as 4 in real payloads
            } elseif ($key === 'amount' && is_float($value)) {
                $payload[$key] = number_format($value, 2, '.', '');
            }
        }
        return $payload;
    }

    private static function customer(array $c): array
    {
        $country = $c['country'] ?? null;
        return [
            'locale' => $c['locale'] ?? null,
            'first_name' => $c['first_name'] ?? null,
            'last_name' => $c['last_name'] ?? null,
            'address1' => $c['address1'] ?? null,
            'address2' => $c['address2'] ?? null,
            'house_number' => $c['house_number'] ?? null,
            'zip_code' => $c['zip_code'] ?? null,
            'city' => $c['city'] ?? null,
            'state' => $c['state'] ?? null,
            'country' => $country,
            'country_name' => is_string($country) ? Iso::countryName($country) : null,
            'phone1' => $c['phone'] ?? null,
            'phone2' => null,
            'email' => $c['email'] ?? null,
        ];
    }

    /** payment_details.card_product: a product code of the brand's own scheme (Visa Traditional, Mastercard Credit, Maestro). */
    private const CARD_PRODUCTS = ['VISA' => 'A', 'MASTERCARD' => 'MCC', 'MAESTRO' => 'MSI'];

    /**
     * payment_details of a card order: the fields of the docs' card examples (getOrder3DS.json,
     * getOrderFailed3DS.json) with values that follow the card and the 3-D Secure flow that ran, plus
     * issuer_country_code, acquirer_reference_number and, for manual capture, capture,
     * capture_expiry and capture_remain. Nothing the acquirer has not said yet is made up: before
     * authorisation the codes and references are null.
     */
    private static function paymentDetails(Order $order, Card $card): array
    {
        $authorised = $order->authorizationCode !== '';
        $details = [
            'recurring_flow' => null,
            'recurring_id' => $order->recurringId,
            'recurring_model' => $order->recurringModel,
            'type' => $card->paymentType(),
            'account_id' => null,
            'account_holder_name' => $card->holder,
            'external_transaction_id' => $order->externalTransactionId,
            'last4' => $card->last4,
            'card_expiry_date' => $card->expiry,
            'issuer_country_code' => $order->card['country'] ?? null,
            'card_funding' => $card->funding(),
            'card_product' => self::CARD_PRODUCTS[$card->brand] ?? null,
            'card_product_type' => 1, // consumer
            'card_entry_mode' => 'UNKNOWN', // e-commerce: no terminal read the card (as in the docs' example)
            'card_verification_result' => $order->cvcGiven ? 'M' : 'P', // CVC matched, or not processed
            'card_acceptor_id' => null,
            'card_acceptor_location' => null,
            'card_acceptor_name' => null,
            'mcc' => null,
            'response_code' => $order->responseCode !== '' ? $order->responseCode : null,
            'authorization_code' => $authorised ? $order->authorizationCode : null,
            'scheme_reference_id' => $order->schemeReferenceId,
            'acquirer_reference_number' => $order->acquirerReferenceNumber,
            'card_authentication_result' => null,
            'card_authentication_details' => null,
            'card_additional_response_data' => null,
        ];
        $auth = $order->authentication;
        if ($auth !== null) {
            $result = ['status' => $auth['status'], 'eci' => $auth['eci'], 'version' => '2.2.0'];
            foreach (['acs_transaction_id', 'ds_transaction_id', 'cavv', 'transaction_status_reason'] as $key) {
                if (isset($auth[$key])) {
                    $result[$key] = $auth[$key];
                }
            }
            $details['card_authentication_result'] = $result;
            $details['card_authentication_details'] = ['flow' => $auth['flow']];
            if ($auth['status'] === 'Y') {
                $details['card_additional_response_data'] = ['cavv_results_code' => '2']; // CAVV passed verification
            }
        }
        if ($order->capture !== null) {
            $details['capture'] = 'manual';
            $details['capture_expiry'] = Clock::iso($order->capture['expiry']);
            $details['capture_remain'] = $order->capture['remain'];
        }
        return $details;
    }

    private static function paymentMethod(Order $order, Card $card): array
    {
        return [
            'account_holder_name' => $card->holder,
            'amount' => $order->amount,
            'card_expiry_date' => $card->expiry,
            'currency' => $order->currency,
            'description' => $order->description,
            'external_transaction_id' => $order->externalTransactionId,
            'last4' => (int) $card->last4, // a number in every documented payment_methods entry ("0004" is 4)
            'payment_description' => $card->displayName(),
            'status' => $order->financialStatus,
            'type' => $card->paymentType(),
        ];
    }

    /** A fixed fee once the money moved; the cost's transaction_id is the order's PSP id, as in real payloads. */
    private static function cost(Order $order, Card $card): array
    {
        $charged = $order->paidAt !== null;
        return [
            'transaction_id' => (int) $order->transactionId,
            'amount' => $charged ? 0.09 : 0.0,
            'description' => $charged ? '0.09 For ' . $card->displayName() . ' Transactions' : '',
            'type' => 'SYSTEM',
        ];
    }

    private static function related(array $t): array
    {
        return [
            'amount' => $t['amount'],
            'currency' => $t['currency'],
            'created' => Clock::iso($t['created']),
            'modified' => Clock::iso($t['modified']),
            'description' => $t['description'],
            'status' => $t['status'],
            'transaction_id' => (int) $t['transaction_id'],
            'type' => $t['type'],
            'order_id' => $t['order_id'],
        ];
    }

    /** 3DS pending: the ACS page. Otherwise the shop's own redirect URL, as the real API answers. */
    private static function paymentUrl(Order $order): ?string
    {
        if ($order->status === 'initialized' && $order->acsToken !== null) {
            return self::acsUrl($order);
        }
        $redirect = $order->paymentOptions['redirect_url'] ?? null;
        return is_string($redirect) ? Urls::withTransactionId($redirect, $order->orderId) : null;
    }
}
