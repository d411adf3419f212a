<?php

/** @generate-class-entries */

namespace Msp;

/** The order status (`status`): what the shop acts on. Every one MultiSafepay's documentation lists. */
enum OrderStatus: string
{
    case Initialized = "initialized";
    case Completed = "completed";
    case Uncleared = "uncleared";
    case Declined = "declined";
    case Expired = "expired";
    case Void = "void";
    case Cancelled = "cancelled";
    case Refunded = "refunded";
    case PartialRefunded = "partial_refunded";
    case Reserved = "reserved";
    case Chargeback = "chargeback";
    case Shipped = "shipped";
    /** A status this version of msp does not know; see Order::toArray()["status"]. */
    case Unknown = "unknown";
}

/** The transaction status (`financial_status`): every one MultiSafepay's documentation lists. */
enum TransactionStatus: string
{
    case Initialized = "initialized";
    case Completed = "completed";
    case Uncleared = "uncleared";
    case Declined = "declined";
    case Expired = "expired";
    case Void = "void";
    case Cancelled = "cancelled";
    case Reserved = "reserved";
    case Refunded = "refunded";
    case Chargeback = "chargeback";
    case PartialRefunded = "partial_refunded";
    /** created, error, manual, new: values of the transaction listing's financial_status filter. */
    case Created = "created";
    case Error = "error";
    case Manual = "manual";
    case New = "new";
    /** A status this version of msp does not know; see Order::toArray()["financial_status"]. */
    case Unknown = "unknown";
}

/**
 * A direct card order to send with Client::createOrder(). Every setter validates at once and
 * throws Msp\InvalidArgumentException naming the field; createOrder() validates the whole request
 * again before anything is sent. Array setters take the API's own field names.
 *
 * var_dump(), (array) and json_encode() show toArray() (card masked, no CVC); get_object_vars()
 * returns [] (no PHP properties), on every PHP version.
 *
 * @strict-properties
 * @not-serializable
 */
final class OrderRequest
{
    /**
     * @param int $amount in minor units (10.00 EUR = 1000). 0 is a Zero Authorization: the card is
     *   verified and stored as a token without a charge (Visa, Mastercard, Maestro; needs recurring()
     *   with a model and no recurring id; MultiSafepay activates it per account).
     * @param string|null $gateway CREDITCARD, or a brand's gateway; null: the card's brand's gateway
     * @throws InvalidArgumentException naming the field (order_id, amount, currency, description, gateway)
     */
    public function __construct(
        string $orderId,
        int $amount,
        string $currency,
        string $description,
        Card $card,
        ?string $gateway = null
    ) {}

    /**
     * Customer fields: ip_address and country are required for cards; also locale, forwarded_ip,
     * first_name, last_name, address1, address2, house_number, zip_code, city, state, phone, email,
     * user_agent, referrer, gender ("M" or "F"; male, female, mr, mrs and miss are sent as M or F),
     * birthday (YYYY-MM-DD), and browser (see browser()).
     *
     * In every array setter a field given as null or "" is left out of the request (and drops a
     * value set before), as the documentation's examples send "" for optional fields nobody filled
     * in; a required field left out this way is refused by name when the order is sent.
     *
     * @throws InvalidArgumentException naming the field ("customer.country") of an unknown key or a bad value
     * @throws \TypeError when a value has the wrong type
     */
    public function customer(array $customer): static {}

    /**
     * 3-D Secure 2 device data: javascript_enabled, java_enabled, cookies_enabled, language,
     * screen_color_depth, screen_height, screen_width, time_zone (minutes), user_agent, platform.
     *
     * @throws InvalidArgumentException naming the field of an unknown key or a bad value
     * @throws \TypeError when a value has the wrong type
     */
    public function browser(array $browser): static {}

    /**
     * Delivery address: first_name, last_name, address1, address2, house_number, zip_code, city, state, country, phone, email.
     *
     * @throws InvalidArgumentException naming the field of an unknown key or a bad value
     * @throws \TypeError when a value has the wrong type
     */
    public function delivery(array $delivery): static {}

    /**
     * @param string $method "POST" (recommended: signed body) or "GET"
     * @throws InvalidArgumentException when the URL is not absolute http(s) or the method is neither
     */
    public function notificationUrl(string $url, string $method = "POST"): static {}

    /** @throws InvalidArgumentException when the URL is not absolute http(s) */
    public function redirectUrl(string $url): static {}

    /** @throws InvalidArgumentException when the URL is not absolute http(s) */
    public function cancelUrl(string $url): static {}

    public function closeWindow(bool $close = true): static {}

    /**
     * @param int $unitPrice in minor units of the order's currency
     * @throws InvalidArgumentException naming the field of a bad value (an empty name, a quantity below 1, ...)
     */
    public function addItem(
        string $name,
        int $unitPrice,
        int $quantity,
        ?string $merchantItemId = null,
        ?string $description = null,
        ?string $taxTableSelector = null
    ): static {}

    /** Authorise only; capture later with Client::capture(). */
    public function manualCapture(bool $manual = true): static {}

    /**
     * var1..var3 (each 1 to 500 characters), returned in every answer and notification. Null leaves one as it is; "" leaves it out.
     *
     * @throws InvalidArgumentException naming the field of a bad value
     */
    public function vars(?string $var1 = null, ?string $var2 = null, ?string $var3 = null): static {}

    /**
     * custom_info.custom_1..custom_3 (each 1 to 200 characters). Null leaves one as it is; "" leaves it out.
     *
     * @throws InvalidArgumentException naming the field of a bad value
     */
    public function customInfo(?string $custom1 = null, ?string $custom2 = null, ?string $custom3 = null): static {}

    /**
     * recurring_model ("cardOnFile", "subscription" or "unscheduled") and optionally the recurring_id
     * MultiSafepay gave for an earlier payment (1 to 50 characters). With amount 0 and no recurring
     * id the order is a Zero Authorization that only creates the token. The card is still sent, so
     * Msp\Card still needs its CVC (except Maestro and Bancontact): follow-up payments that send only
     * a recurring_id are not supported yet.
     *
     * @throws InvalidArgumentException when the model is unknown or the id is not 1 to 50 characters
     */
    public function recurring(string $model, ?string $recurringId = null): static {}

    /** @throws InvalidArgumentException naming the field of a bad value */
    public function plugin(string $shop, string $shopVersion, string $pluginVersion, ?string $partner = null): static {}

    /**
     * Flexible 3D: decide 3-D Secure for this payment (needs activation by MultiSafepay).
     *
     * @throws InvalidArgumentException when the term URL is not absolute http(s)
     */
    public function flexible3d(bool $enabled, string $termUrl): static {}

    /**
     * Applies a 3-D Secure decision as Flexible 3D (flexible_3d = $decision->required, with term_url),
     * for merchants with Flexible 3D. The decision must be for this payment (brand, amount, currency).
     * A skip that a brand constraint forbids is refused here and again before sending.
     *
     * @throws InvalidArgumentException when the decision is for another payment, a brand forbids the
     *         skip, or the term URL is not absolute http(s)
     */
    public function threeDs(ThreeDsDecision $decision, string $termUrl): static {}

    /** Mail order / telephone order. */
    public function moto(bool $moto = true): static {}

    public function orderId(): string {}

    public function amount(): int {}

    public function currency(): string {}

    public function card(): Card {}

    /** The request as an array, with the card masked and the CVC left out. */
    public function toArray(): array {}

    private function __clone(): void {}
}

/** The 3-D Secure step of an order: show the form, or (recommended) redirect to $url. */
final class Verification
{
    /** The HTML page with the form that posts to the card issuer's ACS. */
    public readonly string $html;
    /** "form" */
    public readonly string $type;
    /** Where to redirect the customer instead of rendering $html (the order's payment_url). */
    public readonly ?string $url;

    private function __construct() {}
}

/**
 * An order as MultiSafepay reported it. Parsed tolerantly: numbers may arrive as strings and the
 * other way round, fields may be null or missing; toArray() has everything that came.
 *
 * @strict-properties
 * @not-serializable
 */
final class Order
{
    public readonly string $orderId;
    /** MultiSafepay's PSP id (up to 16 digits, kept as a string), or null before there is one. */
    public readonly ?string $transactionId;
    public readonly OrderStatus $status;
    public readonly TransactionStatus $financialStatus;
    public readonly int $amount;
    public readonly int $amountRefunded;
    public readonly string $currency;
    public readonly ?string $description;
    public readonly ?CardBrand $brand;
    public readonly ?string $last4;
    /** Decline reason text, or null. */
    public readonly ?string $reason;
    /** Decline reason code ("3001", "4002" ...), or null. */
    public readonly ?string $reasonCode;
    /** Present when the customer must complete 3-D Secure. */
    public readonly ?Verification $verification;
    public readonly ?string $paymentUrl;
    /** 3-D Secure result (card_authentication_result.status: Y, A, C, N, U, R), or null. */
    public readonly ?string $threeDsStatus;
    /** challenge, frictionless or exemption, or null. */
    public readonly ?string $threeDsFlow;
    public readonly ?string $created;
    public readonly ?string $modified;

    private function __construct() {}

    /**
     * True when the order is paid. The order status decides, not the transaction status: with
     * American Express on the merchant's own MID, completed/initialized is paid.
     */
    public function isPaid(): bool {}

    public function requiresVerification(): bool {}

    /** Paid amount minus what is already refunded; 0 when the order is not paid. */
    public function refundableAmount(): int {}

    /** Every field MultiSafepay sent, as decoded JSON arrays. */
    public function toArray(): array {}
}

/** A refund as MultiSafepay accepted it. */
final class Refund
{
    public readonly string $orderId;
    /** The id to cancel it with (Client::cancelRefund()) while it is reserved. */
    public readonly ?string $refundId;
    public readonly ?string $transactionId;
    /** In minor units. */
    public readonly int $amount;
    public readonly string $currency;
    /**
     * The refund transaction's status when the answer said it ("reserved" until paid out, then
     * "completed"), or null: MultiSafepay's refund answer usually carries none, and msp makes no
     * extra request for it. Follow the refund through notifications or getOrder().
     */
    public readonly ?string $status;

    private function __construct() {}
}
