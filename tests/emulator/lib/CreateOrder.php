<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * POST /orders with type "direct" and a card gateway: validation in the order the checks are listed
 * in README ("Creating orders"), the first failure wins; then the 3-D Secure decision and the
 * card's outcome.
 */
final class CreateOrder
{
    private const MAX_AMOUNT_EUR_CENTS = 500000;
    private const MAX_ORDER_ID = 50;
    private const MAX_DESCRIPTION = 200;
    private const MAX_NOTIFICATION_URL = 150;
    private const RECURRING_MODELS = ['cardOnFile', 'subscription', 'unscheduled'];
    /** The docs' Zero Authorization page: "supports Maestro, Mastercard, and Visa". */
    private const ZERO_AUTHORIZATION_BRANDS = ['VISA', 'MASTERCARD', 'MAESTRO'];

    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Orders $orders,
        private readonly Lifecycle $lifecycle,
        private readonly LateCommits $lateCommits,
    ) {
    }

    /** $commitAfterMs: a late commit, the order stays hidden from the API this long (LateCommits). */
    public function create(Site $site, array $body, string $origin, ?int $commitAfterMs = null): Order
    {
        $order = $this->validate($site, $body);
        if ($commitAfterMs !== null) {
            $order->hiddenUntilMs = $this->clock->nowMs() + $commitAfterMs;
        }
        $card = $order->card();
        $decision = ThreeDs::decide(
            $site,
            $card,
            $order->amount,
            $order->currency,
            $order->customer['country'],
            $order->customer['ip_address'],
            $body['gateway_info']['flexible_3d'] ?? null,
        );
        $order->threeDsDecision = $decision['reason'];
        try {
            return $this->store($site, $order, $decision, $origin);
        } catch (ApiError $e) {
            if ($e->errorCode === 1006) {
                // The order id is taken. When the order that took it is still hidden by a late
                // commit, answer only once it is visible: a POST never sees what a GET would not.
                $this->lateCommits->waitUntilVisible($site->name, $order->orderId);
            }
            throw $e;
        }
    }

    private function store(Site $site, Order $order, array $decision, string $origin): Order
    {
        return $this->db->transaction(function () use ($site, $order, $decision, $origin): Order {
            $this->orders->insert($order); // status initialized: no notification yet
            if ($decision['required'] && !$order->card['frictionless']) {
                $token = bin2hex(random_bytes(16));
                $this->lifecycle->awaitAuthentication($order, $origin . '/_emulator/acs/' . $token, $token);
            } else {
                if ($decision['required']) {
                    $order->authentication = self::authentication($order, 'frictionless', true);
                }
                $this->lifecycle->authorise($order, $site);
            }
            $this->orders->save($order);
            return $order;
        });
    }

    /**
     * A 3-D Secure result as the order keeps it (Payload shows it as card_authentication_result and
     * card_authentication_details, with the fields of the docs' examples): status Y with an ECI and a
     * CAVV when it passed, N with the reason 01 (card authentication failed) when it did not.
     */
    public static function authentication(Order $order, string $flow, bool $authenticated): array
    {
        $result = [
            'flow' => $flow,
            'status' => $authenticated ? 'Y' : 'N',
            'eci' => self::eci($order, $authenticated),
            'acs_transaction_id' => Text::uuid(),
            'ds_transaction_id' => Text::uuid(),
        ];
        if ($authenticated) {
            $result['cavv'] = base64_encode(random_bytes(20));
        } else {
            $result['transaction_status_reason'] = '01';
        }
        return $result;
    }

    /** ECI of a 3DS result: Mastercard/Maestro 02/00, the others 05/07. */
    public static function eci(Order $order, bool $authenticated): string
    {
        $mastercard = in_array($order->card['brand'], ['MASTERCARD', 'MAESTRO'], true);
        return $authenticated ? ($mastercard ? '02' : '05') : ($mastercard ? '00' : '07');
    }

    private function validate(Site $site, array $body): Order
    {
        $now = $this->clock->now();
        $gateway = $this->gateway($site, $body);
        $order = new Order();
        $order->site = $site->name;
        $order->orderId = $this->orderId($body);
        $order->currency = $this->currency($body);
        $order->amount = $this->amount($body, $order->currency);
        $order->description = $this->description($body);
        $order->customer = $this->customer($body);
        $order->paymentOptions = $this->paymentOptions($body);
        $card = Cards::fromGatewayInfo($body['gateway_info'] ?? null, $gateway, $now);
        $order->card = $card->toArray() + ['country' => ThreeDs::cardCountry($site, $card)];
        $order->capture = $this->capture($body);
        $order->recurringModel = $this->recurringModel($body);
        $order->recurringId = is_string($body['recurring_id'] ?? null) && $body['recurring_id'] !== '' ? $body['recurring_id'] : null;
        $order->cvcGiven = ($body['gateway_info']['card_cvc'] ?? $body['gateway_info']['cvc'] ?? '') !== '';
        $this->checkZeroAuthorization($order, $card);
        $order->ownMid = $card->brand === 'AMEX' && $site->bool('amex_own_mid');
        if ($order->ownMid) {
            $order->capture = null; // own-MID: American Express settles, there is nothing to capture here
        }
        $order->vars = [$body['var1'] ?? null, $body['var2'] ?? null, $body['var3'] ?? null];
        $order->customInfo = is_array($body['custom_info'] ?? null) ? $body['custom_info'] : [];
        $order->checkoutOptions = $body['checkout_options'] ?? null;
        $order->shoppingCart = $body['shopping_cart'] ?? null;
        $order->transactionId = Text::randomDigits(16);
        $order->externalTransactionId = Text::randomDigits(12);
        $order->created = $now;
        $order->modified = $now;
        return $order;
    }

    private function gateway(Site $site, array $body): string
    {
        $type = $body['type'] ?? null;
        if ($type === null || $type === '') {
            throw ApiError::missing('type');
        }
        if ($type !== 'direct') {
            throw new ApiError(1000, 'The emulator implements type "direct" card orders only, not ' . Json::encode($type));
        }
        $gateway = $body['gateway'] ?? null;
        if ($gateway === null || $gateway === '') {
            throw ApiError::missing('gateway');
        }
        if (!is_string($gateway) || !isset(Cards::GATEWAYS[strtoupper($gateway)])) {
            throw new ApiError(1023, 'Gateway unavailable: ' . Json::encode($gateway) . ' is not a card gateway for direct orders');
        }
        if (!$site->bool('direct_enabled')) {
            throw new ApiError(1023, 'Gateway unavailable: this website is not enabled for direct card requests');
        }
        return strtoupper($gateway);
    }

    private function orderId(array $body): string
    {
        $id = $body['order_id'] ?? null;
        if ($id === null || $id === '') {
            throw ApiError::missing('order_id');
        }
        if (is_int($id)) {
            $id = (string) $id; // real integrations send numbers; the API treats them as text
        }
        if (!is_string($id) || Text::length($id) > self::MAX_ORDER_ID) {
            throw new ApiError(1006, 'Invalid order ID: order_id must be a string of at most ' . self::MAX_ORDER_ID . ' characters');
        }
        return $id;
    }

    private function currency(array $body): string
    {
        $currency = $body['currency'] ?? null;
        if ($currency === null || $currency === '') {
            throw ApiError::missing('currency');
        }
        if (!is_string($currency) || Iso::minorUnits($currency) === null) {
            throw new ApiError(1002, 'Invalid currency: ' . Json::encode($currency) . ' is not an ISO 4217 code (upper case)');
        }
        return $currency;
    }

    private function amount(array $body, string $currency): int
    {
        if (!array_key_exists('amount', $body) || $body['amount'] === null || $body['amount'] === '') {
            throw ApiError::missing('amount');
        }
        $amount = $body['amount'];
        if (!is_int($amount) || $amount < 0) {
            throw new ApiError(1001, 'Invalid amount: amount must be an integer in minor units (10.00 EUR = 1000), at least 1, or 0 for a Zero Authorization');
        }
        if (Iso::toEuroCents($amount, $currency) > self::MAX_AMOUNT_EUR_CENTS) {
            throw new ApiError(1001, 'Invalid amount: above the card limit of 5,000.00 EUR');
        }
        return $amount;
    }

    private function description(array $body): string
    {
        $description = $body['description'] ?? null;
        if ($description === null || $description === '') {
            throw ApiError::missing('description');
        }
        if (!is_string($description) || Text::length($description) > self::MAX_DESCRIPTION) {
            throw new ApiError(1008, 'Invalid description: at most ' . self::MAX_DESCRIPTION . ' characters of text');
        }
        return $description;
    }

    private function customer(array $body): array
    {
        $customer = $body['customer'] ?? [];
        if (!is_array($customer)) {
            $customer = [];
        }
        $ip = $customer['ip_address'] ?? null;
        if (!is_string($ip) || filter_var($ip, FILTER_VALIDATE_IP) === false) {
            throw new ApiError(1007, 'Invalid IP address: customer.ip_address ' . ($ip === null ? 'is missing' : 'is not an IPv4 or IPv6 address'));
        }
        $country = $customer['country'] ?? null;
        if (!is_string($country) || !Iso::isCountry($country)) {
            throw new ApiError(1018, 'Invalid country code: customer.country ' . ($country === null ? 'is missing' : 'must be ISO 3166-1 alpha-2 (upper case)'));
        }
        return $customer;
    }

    private function paymentOptions(array $body): array
    {
        $options = $body['payment_options'] ?? [];
        if (!is_array($options)) {
            throw new ApiError(1016, 'Invalid data: payment_options must be an object');
        }
        foreach (['notification_url', 'redirect_url', 'cancel_url'] as $field) {
            $url = $options[$field] ?? null;
            if ($url === null || $url === '') {
                unset($options[$field]);
                continue;
            }
            $problem = !is_string($url) ? 'is not a string'
                : ($field === 'notification_url' ? Urls::callbackProblem($url) : Urls::redirectProblem($url));
            if ($problem === null && $field === 'notification_url' && strlen($url) > self::MAX_NOTIFICATION_URL) {
                $problem = 'is longer than ' . self::MAX_NOTIFICATION_URL . ' characters';
            }
            if ($problem !== null) {
                throw new ApiError(1016, "Invalid data: payment_options.$field $problem");
            }
        }
        $method = strtoupper((string) ($options['notification_method'] ?? 'GET'));
        if (!in_array($method, ['GET', 'POST'], true)) {
            throw new ApiError(1016, 'Invalid data: payment_options.notification_method must be "GET" or "POST"');
        }
        $options['notification_method'] = $method;
        return $options;
    }

    private function recurringModel(array $body): ?string
    {
        $model = $body['recurring_model'] ?? null;
        if ($model === null || $model === '') {
            return null;
        }
        if (!in_array($model, self::RECURRING_MODELS, true)) {
            throw new ApiError(1016, 'Invalid data: recurring_model must be cardOnFile, subscription or unscheduled');
        }
        return $model;
    }

    /**
     * Amount 0 is a Zero Authorization (the docs' "Zero Authorization" and "Recurring payments"
     * pages): the card is verified and stored as a token, so it is the initial payment of a
     * recurring model, with a Visa, Mastercard or Maestro card.
     */
    private function checkZeroAuthorization(Order $order, Card $card): void
    {
        if ($order->amount !== 0) {
            return;
        }
        $problem = match (true) {
            $order->recurringModel === null => 'it needs recurring_model (cardOnFile, subscription or unscheduled); a payment is at least 1',
            $order->recurringId !== null => 'it creates the token: recurring_id is for the payments that follow',
            !in_array($card->brand, self::ZERO_AUTHORIZATION_BRANDS, true) => 'it works with Visa, Mastercard and Maestro cards only, not ' . $card->displayName(),
            $order->capture !== null => 'there is nothing to capture (capture "manual")',
            default => null,
        };
        if ($problem !== null) {
            throw new ApiError(1001, "Invalid amount: 0 is a Zero Authorization, and $problem");
        }
    }

    private function capture(array $body): ?array
    {
        $capture = $body['capture'] ?? null;
        if ($capture === null || $capture === '' || $capture === 'automatic') {
            return null;
        }
        if ($capture !== 'manual') {
            throw new ApiError(1016, 'Invalid data: capture must be "manual" (or left out)');
        }
        return ['expiry' => 0, 'remain' => 0, 'captured_to_children' => 0];
    }
}
