<?php

declare(strict_types=1);

namespace MspEmulator;

/** Wires the services for one request and dispatches it: API, ACS page or admin API. */
final class App
{
    private Db $db;
    private Clock $clock;
    private Sites $sites;
    private Scheduler $scheduler;
    private Notifications $notifications;
    private Orders $orders;
    private Lifecycle $lifecycle;
    private Events $events;
    private LateCommits $lateCommits;

    public static function run(): void
    {
        $request = Request::fromGlobals();
        try {
            (new self(Db::open(Config::databasePath())))->handle($request);
        } catch (\Throwable $e) {
            error_log('msp emulator: ' . $e::class . ': ' . $e->getMessage() . ' at ' . $e->getFile() . ':' . $e->getLine());
            Response::json([
                'success' => false,
                'data' => new \stdClass(),
                'error_code' => 9999,
                'error_info' => 'Emulator internal error: ' . $e->getMessage(),
            ], 500)->send();
        }
    }

    private function __construct(Db $db)
    {
        $this->db = $db;
        $this->clock = new Clock($db);
        $this->sites = new Sites($db);
        $this->scheduler = new Scheduler($db);
        $this->notifications = new Notifications($db, $this->clock, $this->sites, $this->scheduler);
        $this->orders = new Orders($db, $this->notifications);
        $this->lifecycle = new Lifecycle($this->clock, $this->scheduler);
        $this->events = new Events($db, $this->clock, $this->scheduler, $this->orders, $this->lifecycle, $this->notifications);
        $this->lateCommits = new LateCommits($db, $this->clock, $this->orders, $this->scheduler);
    }

    private function handle(Request $request): void
    {
        $this->sites->ensureDefault();
        Payload::useOrigin($request->origin());
        $this->lateCommits->revealDue(); // what a late commit hid and is due by now, whoever asks
        $area = $request->segments[0] ?? '';
        if ($area === 'v1' && ($request->segments[1] ?? '') === 'json') {
            $this->handleApi($request);
            return;
        }
        if ($area === '_emulator' && ($request->segments[1] ?? '') === 'acs' && isset($request->segments[2])) {
            $this->events->runDue(false);
            (new Acs($this->db, $this->orders, $this->sites, $this->lifecycle))->handle($request, $request->segments[2])->send();
            return;
        }
        if ($area === '_emulator') {
            $this->events->runDue(false); // so that admin views show what is due by now
            $this->admin()->handle($request)->send();
            return;
        }
        Response::html('<!DOCTYPE html><html><head><title>MultiSafepay emulator</title></head><body><h1>MultiSafepay API emulator</h1>'
            . '<p>API: <code>/v1/json/</code>. Admin: <code>/_emulator/</code>. See tests/emulator/README.md.</p></body></html>', 404)->send();
    }

    /**
     * Order of work: choose the fault (a preempting fault answers before anything is touched), run
     * due order events, process (hidden for a while with commit-after), log, then let the fault
     * delay, cut or replace the response.
     */
    private function handleApi(Request $request): void
    {
        try {
            $fault = (new Faults($this->db))->forRequest($request);
        } catch (\InvalidArgumentException $e) {
            Response::json(['success' => false, 'data' => new \stdClass(), 'error_code' => 9999,
                'error_info' => 'Emulator: bad ' . Faults::HEADER . ': ' . $e->getMessage()], 400)->send();
            return;
        }
        $log = new RequestLog($this->db, $this->clock);
        if ($fault !== null && $fault->preempts()) {
            $response = $fault->replacement();
            $log->record($request, $response, null, $fault);
            $fault->deliver($response);
            return;
        }
        $this->events->runDue(false);
        $api = $this->api();
        $response = $api->handle($request, $fault?->commitAfterMs);
        $log->record($request, $response, $api->site(), $fault);
        if ($fault !== null) {
            $fault->deliver($response);
            return;
        }
        $response->send();
    }

    private function api(): Api
    {
        return new Api(
            $this->db,
            $this->clock,
            $this->sites,
            $this->orders,
            $this->lifecycle,
            new CreateOrder($this->db, $this->clock, $this->orders, $this->lifecycle, $this->lateCommits),
            new Refunds($this->db, $this->clock, $this->orders, $this->scheduler),
            new Captures($this->db, $this->clock, $this->orders, $this->lifecycle),
        );
    }

    private function admin(): Admin
    {
        return new Admin(
            $this->db,
            $this->clock,
            $this->sites,
            $this->orders,
            $this->lifecycle,
            $this->events,
            $this->notifications,
            new Faults($this->db),
            new RequestLog($this->db, $this->clock),
            $this->scheduler,
            $this->lateCommits,
        );
    }
}
