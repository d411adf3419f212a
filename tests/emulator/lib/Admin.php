<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * The admin API under /_emulator/ (README "Admin API"). No authentication: it is a test tool bound
 * to loopback. Answers {"success": true, "data": ...} or {"success": false, "error_info": ...}.
 */
final class Admin
{
    public function __construct(
        private readonly Db $db,
        private readonly Clock $clock,
        private readonly Sites $sites,
        private readonly Orders $orders,
        private readonly Lifecycle $lifecycle,
        private readonly Events $events,
        private readonly Notifications $notifications,
        private readonly Faults $faults,
        private readonly RequestLog $requestLog,
        private readonly Scheduler $scheduler,
        private readonly LateCommits $lateCommits,
    ) {
    }

    public function handle(Request $request): Response
    {
        try {
            return $this->route($request, array_slice($request->segments, 1));
        } catch (\InvalidArgumentException $e) {
            return Response::adminError($e->getMessage());
        } catch (ApiError $e) {
            return Response::adminError($e->getMessage(), $e->httpStatus);
        }
    }

    /** @param list<string> $path the decoded segments after /_emulator/ */
    private function route(Request $request, array $path): Response
    {
        $route = $request->method . ' ' . implode('/', array_map(static fn (string $s): string => preg_match('/^[0-9]+$/', $s) ? '{n}' : $s, $path));
        $id = $path[1] ?? '';
        return match (true) {
            $route === 'GET ' || $route === 'GET info' => Response::ok($this->info()),
            $route === 'POST reset' => $this->reset($request),
            $route === 'GET sites' => Response::ok(array_map(static fn (Site $s): array => $s->toArray(), $this->sites->all())),
            $route === 'POST sites' => $this->upsertSite($request->jsonObject()),
            $route === 'GET clock' => Response::ok($this->clockState(0)),
            $route === 'POST clock' => $this->moveClock($request->jsonObject()),
            $route === 'GET events' => Response::ok($this->scheduler->pending()),
            $route === 'GET orders' => $this->listOrders($request->query),
            $request->method === 'GET' && count($path) === 2 && $path[0] === 'orders' => $this->showOrder($id, $request->query),
            $request->method === 'POST' && count($path) === 3 && $path[0] === 'orders' && $path[2] === 'chargeback' => $this->chargeback($id, $request),
            $request->method === 'POST' && count($path) === 3 && $path[0] === 'orders' && $path[2] === 'resolve' => $this->resolve($id, $request),
            $route === 'GET notifications' => Response::ok($this->notifications->log($request->query['site'] ?? null, $request->query['order_id'] ?? null)),
            $route === 'POST notifications/process' => Response::ok(['processed' => $this->events->runDue(true), 'clock' => $this->clockState(0)]),
            $route === 'POST notifications/deliver' => $this->deliverInOrder($request->jsonObject()),
            $route === 'POST notifications/release' => Response::ok($this->notifications->release($request->jsonObject()['site'] ?? null)),
            $route === 'GET notifications/{n}' => $this->showNotification((int) $id),
            $route === 'POST notifications/{n}/replay' => $this->replay((int) $id),
            $route === 'POST notifications/{n}/duplicate' => $this->duplicate((int) $id, $request->jsonObject()),
            $route === 'GET requests' => Response::ok($this->requestLog->recent(min(1000, max(1, (int) ($request->query['limit'] ?? 100))), $request->query['path'] ?? null)),
            $route === 'GET faults' => Response::ok($this->faults->all()),
            $route === 'POST faults' => $this->addFault($request->jsonObject()),
            $route === 'DELETE faults' => $this->clearFaults(),
            default => Response::adminError("no admin endpoint $request->method /_emulator/" . implode('/', $path), 404),
        };
    }

    private function info(): array
    {
        return [
            'emulator' => 'MultiSafepay API emulator',
            'database' => $this->db->path,
            'journal_mode' => $this->db->journalMode(),
            'clock' => $this->clockState(0),
            'pid' => getmypid(),
            'close_after_body' => Connection::method(),
            'sites' => count($this->sites->all()),
            'orders' => $this->orders->count(null, null),
        ];
    }

    private function reset(Request $request): Response
    {
        $keepSites = (bool) ($request->jsonObject()['keep_sites'] ?? false);
        $sites = $keepSites ? $this->sites->all() : [];
        $this->db->wipe();
        foreach ($sites as $site) {
            $this->sites->upsert($site->name, ['api_key' => $site->apiKey] + $site->settings);
        }
        $this->sites->ensureDefault();
        return Response::ok(['reset' => true, 'sites' => array_map(static fn (Site $s): array => $s->toArray(), $this->sites->all())]);
    }

    private function upsertSite(array $body): Response
    {
        $name = $body['site'] ?? Sites::DEFAULT_SITE;
        unset($body['site']);
        if (!is_string($name)) {
            throw new \InvalidArgumentException('site must be a string');
        }
        return Response::ok($this->sites->upsert($name, $body)->toArray());
    }

    private function moveClock(array $body): Response
    {
        if (isset($body['set'])) {
            if (!is_int($body['set'])) {
                throw new \InvalidArgumentException('set must be a unix timestamp (integer)');
            }
            $this->clock->set($body['set']);
        } elseif (isset($body['advance'])) {
            if (!is_int($body['advance'])) {
                throw new \InvalidArgumentException('advance must be an integer number of seconds');
            }
            $this->clock->advance($body['advance']);
        }
        $this->lateCommits->revealDue(); // before the events: a revealed refund schedules its completion
        return Response::ok($this->clockState($this->events->runDue(true)));
    }

    private function clockState(int $processed): array
    {
        $now = $this->clock->now();
        return ['now' => $now, 'iso' => Clock::iso($now), 'offset' => $this->clock->offset(), 'processed' => $processed];
    }

    private function listOrders(array $query): Response
    {
        $orders = $this->orders->search($query['site'] ?? null, $query['order_id'] ?? null, $query['status'] ?? null);
        return Response::ok(['count' => count($orders), 'orders' => array_map($this->summary(...), $orders)]);
    }

    private function showOrder(string $orderId, array $query): Response
    {
        $order = $this->findOrder($orderId, $query['site'] ?? null);
        $site = $this->sites->byName($order->site);
        return Response::ok($this->summary($order) + [
            'order' => Payload::order($order, $site),
            'events' => $this->scheduler->pending($order->pk),
        ]);
    }

    private function summary(Order $order): array
    {
        return [
            'site' => $order->site,
            'order_id' => $order->orderId,
            'transaction_id' => $order->transactionId,
            'status' => $order->status,
            'financial_status' => $order->financialStatus,
            'amount' => $order->amount,
            'currency' => $order->currency,
            'amount_refunded' => $order->refundedAmount(),
            'brand' => $order->card['brand'] ?? null,
            'three_ds' => $order->threeDsDecision,
            'acs_url' => $order->status === 'initialized' ? Payload::acsUrl($order) : null,
            'created' => Clock::iso($order->created),
            'visible' => $order->hiddenUntilMs === null,
            'reveal_at_ms' => $order->revealAt(),
        ];
    }

    private function chargeback(string $orderId, Request $request): Response
    {
        $body = $request->jsonObject();
        $site = $body['site'] ?? $request->query['site'] ?? null;
        $order = $this->db->transaction(function () use ($orderId, $body, $site): Order {
            $order = $this->findOrder($orderId, $site);
            $amount = $body['amount'] ?? $order->amount;
            if (!is_int($amount)) {
                throw new \InvalidArgumentException('amount must be an integer (minor units)');
            }
            $this->lifecycle->chargeback($order, $amount);
            $this->orders->save($order);
            return $order;
        });
        return Response::ok($this->summary($order));
    }

    /** The merchant's review of an uncleared order: {"status": "completed"|"void"}. */
    private function resolve(string $orderId, Request $request): Response
    {
        $body = $request->jsonObject();
        $target = $body['status'] ?? null;
        if (!in_array($target, ['completed', 'void'], true)) {
            throw new \InvalidArgumentException('status must be "completed" or "void"');
        }
        $order = $this->db->transaction(function () use ($orderId, $body, $target): Order {
            $order = $this->findOrder($orderId, $body['site'] ?? null);
            if ($order->status !== 'uncleared') {
                throw new \InvalidArgumentException("the order is {$order->status}, not uncleared");
            }
            $this->lifecycle->resolveUncleared($order, $target);
            $this->orders->save($order);
            return $order;
        });
        return Response::ok($this->summary($order));
    }

    private function deliverInOrder(array $body): Response
    {
        $ids = $body['ids'] ?? null;
        if (!is_array($ids) || $ids === [] || array_filter($ids, static fn ($id): bool => !is_int($id)) !== []) {
            throw new \InvalidArgumentException('ids must be a non-empty list of notification ids, in the order to deliver them');
        }
        foreach ($ids as $id) {
            $this->notifications->find($id) ?? throw new ApiError(0, "no notification $id", 404);
        }
        return Response::ok($this->notifications->deliverInOrder($ids));
    }

    private function showNotification(int $id): Response
    {
        $n = $this->notifications->find($id) ?? throw new ApiError(0, "no notification $id", 404);
        return Response::ok($this->notifications->describe($n));
    }

    private function replay(int $id): Response
    {
        return Response::ok($this->notifications->replay($id) ?? throw new ApiError(0, "no notification $id", 404));
    }

    private function duplicate(int $id, array $body): Response
    {
        $this->notifications->find($id) ?? throw new ApiError(0, "no notification $id", 404);
        $count = $body['count'] ?? 1;
        if (!is_int($count) || $count < 1 || $count > 100) {
            throw new \InvalidArgumentException('count must be 1 to 100');
        }
        $ids = $this->notifications->duplicate($id, $count, (bool) ($body['deliver'] ?? true));
        return Response::ok(array_map(fn (int $copy): array => $this->notifications->describe($this->notifications->find($copy)), $ids));
    }

    private function addFault(array $body): Response
    {
        $spec = $body['fault'] ?? null;
        if (!is_string($spec)) {
            throw new \InvalidArgumentException('fault must be a string in the X-Emulator-Fault syntax');
        }
        $count = $body['count'] ?? 1;
        $path = $body['path'] ?? '/v1/json/';
        $method = $body['method'] ?? null;
        $orderId = $body['order_id'] ?? null;
        if (!is_int($count) || !is_string($path) || ($method !== null && !is_string($method)) || ($orderId !== null && !is_string($orderId))) {
            throw new \InvalidArgumentException('count must be an integer, path, method and order_id strings');
        }
        return Response::ok($this->faults->add($spec, $count, $path, (bool) ($body['exact'] ?? false), $method, $orderId));
    }

    private function clearFaults(): Response
    {
        $this->faults->clear();
        return Response::ok(['cleared' => true]);
    }

    /** An order by id, in the given site or, without one, the only site that has it. */
    private function findOrder(string $orderId, mixed $site): Order
    {
        if (is_string($site) && $site !== '') {
            return $this->orders->find($site, $orderId) ?? throw new ApiError(0, "no order \"$orderId\" in site \"$site\"", 404);
        }
        $matches = $this->orders->search(null, $orderId, null, 2);
        if (count($matches) > 1) {
            throw new \InvalidArgumentException("order \"$orderId\" exists in several sites: add \"site\"");
        }
        return $matches[0] ?? throw new ApiError(0, "no order \"$orderId\"", 404);
    }
}
