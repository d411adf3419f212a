<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * The emulator's 3-D Secure access control server: /_emulator/acs/{token}.
 *
 * GET (payment_url) or a POST without "action" (the customer_verification form) shows a page with
 * Authenticate / Fail / Cancel buttons; a POST with action=authenticate|fail|cancel finishes the
 * order, sends its notification and redirects the browser (302) to redirect_url (authenticate,
 * fail) or cancel_url (cancel), with ?transactionid=<order_id> appended as the real API does.
 */
final class Acs
{
    public function __construct(
        private readonly Db $db,
        private readonly Orders $orders,
        private readonly Sites $sites,
        private readonly Lifecycle $lifecycle,
    ) {
    }

    /** The customer_verification.html of a create response: a page that posts itself to the ACS. */
    public static function verificationForm(string $acsUrl, string $token): string
    {
        $creq = base64_encode(Json::encode(['threeDSServerTransID' => $token, 'messageType' => 'CReq', 'messageVersion' => '2.2.0']));
        return '<!DOCTYPE html><html><head><meta charset="utf-8"><title>3D Secure</title></head>'
            . '<body onload="document.forms[0].submit()">'
            . '<form name="threeds" action="' . Text::html($acsUrl) . '" method="post">'
            . '<input type="hidden" name="creq" value="' . Text::html($creq) . '">'
            . '<noscript><p>JavaScript is off: press the button to continue.</p><button type="submit">Continue</button></noscript>'
            . '</form></body></html>';
    }

    public function handle(Request $request, string $token): Response
    {
        $action = $request->method === 'POST' ? ($request->form()['action'] ?? null) : null;
        if ($action === null) {
            return $this->page($token);
        }
        if (!in_array($action, ['authenticate', 'fail', 'cancel'], true)) {
            return Response::html(self::layout('Unknown action', '<p>Use authenticate, fail or cancel.</p>'), 400);
        }
        return $this->finish($token, $action);
    }

    private function page(string $token): Response
    {
        $order = $this->orders->findByAcsToken($token);
        if ($order === null) {
            return Response::html(self::layout('Unknown authentication', '<p>This 3-D Secure session does not exist.</p>'), 404);
        }
        if ($order->status !== 'initialized') {
            return $this->alreadyFinished($order);
        }
        $card = $order->card();
        $body = '<p>Merchant: <strong>' . Text::html($order->site) . '</strong></p>'
            . '<p>Amount: <strong>' . Text::html(Iso::formatAmount($order->amount, $order->currency) . ' ' . $order->currency) . '</strong></p>'
            . '<p>Card: ' . Text::html($card->displayName()) . ' ending in ' . Text::html($card->last4) . '</p>'
            . '<p>Order: ' . Text::html($order->orderId) . '</p>'
            . '<form method="post">'
            . '<button type="submit" name="action" value="authenticate" id="authenticate">Authenticate</button> '
            . '<button type="submit" name="action" value="fail" id="fail">Fail</button> '
            . '<button type="submit" name="action" value="cancel" id="cancel">Cancel</button>'
            . '</form>';
        return Response::html(self::layout('3-D Secure test page', $body));
    }

    private function finish(string $token, string $action): Response
    {
        $result = $this->db->transaction(function () use ($token, $action): ?array {
            $order = $this->orders->findByAcsToken($token);
            if ($order === null || $order->status !== 'initialized') {
                return $order === null ? null : ['order' => $order, 'finished' => false];
            }
            $site = $this->sites->byName($order->site);
            match ($action) {
                'authenticate' => $this->authenticate($order, $site),
                'fail' => $this->failAuthentication($order),
                'cancel' => $this->lifecycle->cancelByCustomer($order),
            };
            $this->orders->save($order); // notification delivered after commit, before the redirect
            return ['order' => $order, 'finished' => true];
        });
        if ($result === null) {
            return Response::html(self::layout('Unknown authentication', '<p>This 3-D Secure session does not exist.</p>'), 404);
        }
        if (!$result['finished']) {
            return $this->alreadyFinished($result['order']);
        }
        return $this->backToShop($result['order'], $action === 'cancel');
    }

    private function authenticate(Order $order, Site $site): void
    {
        if ($order->card['outcome'] === 'declined_3001') {
            // The test card whose authentication always fails, whatever the customer presses.
            $this->failAuthentication($order);
            return;
        }
        $order->authentication = CreateOrder::authentication($order, 'challenge', true);
        $order->reason = '';
        $this->lifecycle->authorise($order, $site);
    }

    private function failAuthentication(Order $order): void
    {
        $order->authentication = CreateOrder::authentication($order, 'challenge', false);
        $this->lifecycle->decline($order, '3001');
    }

    private function backToShop(Order $order, bool $cancelled): Response
    {
        $options = $order->paymentOptions;
        $url = $cancelled ? ($options['cancel_url'] ?? $options['redirect_url'] ?? null) : ($options['redirect_url'] ?? null);
        if (is_string($url)) {
            return Response::redirect(Urls::withTransactionId($url, $order->orderId));
        }
        return Response::html(self::layout('Payment finished', '<p>Order ' . Text::html($order->orderId)
            . ' is now <strong>' . Text::html($order->status) . '</strong>. The shop gave no URL to return to.</p>'));
    }

    private function alreadyFinished(Order $order): Response
    {
        return Response::html(self::layout('Already finished', '<p>The 3-D Secure step of order ' . Text::html($order->orderId)
            . ' is over: the order is <strong>' . Text::html($order->status) . '</strong>.</p>'), 409);
    }

    private static function layout(string $title, string $body): string
    {
        return '<!DOCTYPE html><html><head><meta charset="utf-8"><title>' . Text::html($title) . '</title>'
            . '<style>body{font-family:sans-serif;max-width:32em;margin:3em auto}button{font-size:1.1em;margin:.3em}</style>'
            . '</head><body><h1>' . Text::html($title) . '</h1><p><em>MultiSafepay emulator: test environment, no real payment.</em></p>'
            . $body . '</body></html>';
    }
}
