<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * The emulated MultiSafepay JSON API under /v1/json/. Authenticates the api_key header, routes,
 * and turns ApiError into the error envelope (HTTP statuses in README "Errors").
 */
final class Api
{
    private ?Site $site = null;
    /** The request's commit-after fault: what it creates stays hidden this long (LateCommits). */
    private ?int $commitAfterMs = null;

    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Sites $sites,
        private readonly Orders $orders,
        private readonly Lifecycle $lifecycle,
        private readonly CreateOrder $creator,
        private readonly Refunds $refunds,
        private readonly Captures $captures,
    ) {
    }

    /** The site the request authenticated as (for the request log), once handle() ran. */
    public function site(): ?Site
    {
        return $this->site;
    }

    public function handle(Request $request, ?int $commitAfterMs = null): Response
    {
        $this->commitAfterMs = $commitAfterMs;
        try {
            $this->site = $this->authenticate($request);
            return $this->route($request, array_slice($request->segments, 2));
        } catch (ApiError $e) {
            return Response::json(Payload::error($e, $this->site), $e->httpStatus);
        }
    }

    /**
     * The api_key header, or the api_key query parameter: the docs' OpenAPI source declares the
     * query form (security scheme ApiKeyQuery, "?api_key=" in their examples) and the header form
     * (the Authentication page). The header wins when both are there. A key in the URL ends up in
     * access logs, which is why msp only ever sends the header.
     */
    private function authenticate(Request $request): Site
    {
        $key = trim((string) ($request->header('api_key') ?? ''));
        if ($key === '' && is_string($request->query['api_key'] ?? null)) {
            $key = trim($request->query['api_key']);
        }
        if ($key === '') {
            throw new ApiError(1032, 'Invalid API key: no api_key header and no api_key query parameter', 401);
        }
        return $this->sites->byApiKey($key) ?? throw new ApiError(1032, 'Invalid API key', 401);
    }

    /** @param list<string> $path the decoded segments after /v1/json/ */
    private function route(Request $request, array $path): Response
    {
        $m = $request->method;
        return match (true) {
            $path === ['orders'] => $this->only($m, 'POST', fn () => $this->create($request)),
            count($path) === 2 && $path[0] === 'orders' => match ($m) {
                'GET' => $this->show($path[1]),
                'PATCH' => $this->update($path[1], $request->jsonObject()),
                default => self::methodNotAllowed($m),
            },
            count($path) === 3 && $path[0] === 'orders' && $path[2] === 'refunds' => $this->only($m, 'POST', fn () => $this->refund($path[1], $request)),
            count($path) === 4 && $path[0] === 'orders' && $path[2] === 'refunds' => $this->only($m, 'PATCH', fn () => $this->cancelRefund($path[1], $path[3], $request)),
            count($path) === 3 && $path[0] === 'orders' && $path[2] === 'capture' => $this->only($m, 'POST', fn () => $this->capture($path[1], $request)),
            count($path) === 2 && $path[0] === 'capture' => $this->only($m, 'PATCH', fn () => $this->cancelAuthorisation($path[1], $request)),
            default => throw new ApiError(1000, 'Unknown API path /v1/json/' . implode('/', array_map('rawurlencode', $path)), 404),
        };
    }

    private function only(string $method, string $allowed, callable $handler): Response
    {
        return $method === $allowed ? $handler() : self::methodNotAllowed($method);
    }

    private static function methodNotAllowed(string $method): never
    {
        throw new ApiError(1000, "Method $method is not allowed on this path", 405);
    }

    private function create(Request $request): Response
    {
        $order = $this->creator->create($this->site, $request->jsonObject(), $request->origin(), $this->commitAfterMs);
        return $this->ok(Payload::order($order, $this->site, true));
    }

    private function show(string $orderId): Response
    {
        $order = $this->orders->findVisible($this->site->name, $orderId) ?? throw ApiError::unknownOrder($orderId);
        return $this->ok(Payload::order($order, $this->site));
    }

    /** PATCH /orders/{id}: {"status": "cancelled", "exclude_order": true} (initialized only) or {"status": "shipped"} (paid only). */
    private function update(string $orderId, array $body): Response
    {
        $status = $body['status'] ?? null;
        if (!in_array($status, ['cancelled', 'shipped'], true)) {
            throw new ApiError(1000, 'Unsupported update: status must be "cancelled" or "shipped"');
        }
        $this->db->transaction(function () use ($orderId, $status, $body): void {
            $order = $this->orders->findVisible($this->site->name, $orderId) ?? throw ApiError::unknownOrder($orderId);
            if ($status === 'cancelled') {
                if ($order->status !== 'initialized') {
                    throw new ApiError(1000, "Cannot cancel: the order is {$order->status}/{$order->financialStatus}; only an initialized (unpaid) order can be cancelled");
                }
                $this->lifecycle->cancelByMerchant($order);
            } else {
                if (!$order->isPaid()) {
                    throw new ApiError(1000, "Cannot ship: the order is {$order->status}, not paid");
                }
                $order->shipping = array_intersect_key($body, array_flip(['tracktrace_code', 'carrier', 'ship_date', 'reason', 'invoice_id']));
                $order->setStatus('shipped', $order->financialStatus, $this->clock->now());
            }
            $this->orders->save($order);
        });
        return $this->ok(new \stdClass());
    }

    private function refund(string $orderId, Request $request): Response
    {
        return $this->ok($this->refunds->refund($this->site, $orderId, $request->jsonObject(), $this->commitAfterMs));
    }

    private function cancelRefund(string $orderId, string $refundId, Request $request): Response
    {
        $this->refunds->cancel($this->site, $orderId, $refundId, $request->jsonObject());
        return $this->ok(new \stdClass());
    }

    private function capture(string $orderId, Request $request): Response
    {
        return $this->ok($this->captures->capture($this->site, $orderId, $request->jsonObject()));
    }

    private function cancelAuthorisation(string $orderId, Request $request): Response
    {
        $this->captures->cancelAuthorisation($this->site, $orderId, $request->jsonObject());
        return $this->ok(new \stdClass());
    }

    private function ok(mixed $data): Response
    {
        return Response::json(Payload::success($data, $this->site));
    }
}
