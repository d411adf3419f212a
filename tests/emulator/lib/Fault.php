<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * One parsed fault. Whether the request is processed (the order created) depends on the fault:
 *   delay=<ms>          processed, then the response waits <ms> (a client that timed out can find the order)
 *   status=<code>       NOT processed: answers <code> at once; add "processed" to process first
 *   body=json|html|empty  the body of a status fault (default json: the error envelope)
 *   non-json            NOT processed: HTTP 200 with an HTML page; add "processed" to process first
 *   truncated           processed; headers announce more bytes than are sent, then the connection closes
 *   close-after-body    processed (order committed, notification sent), then the connection is
 *                       closed without a single response byte: the "outcome unknown" case
 *   commit-after=<ms>   processed, but the order (or refund) stays invisible for <ms> on the emulator
 *                       clock (LateCommits): the client gets the fault's answer at once, a look-up
 *                       right away finds nothing, one <ms> later finds it
 */
final class Fault
{
    public ?int $delayMs = null;
    public ?int $status = null;
    public string $body = 'json';
    public bool $processed = false;
    public bool $nonJson = false;
    public bool $truncated = false;
    public bool $closeAfterBody = false;
    public ?int $commitAfterMs = null;

    private function __construct(public readonly string $spec)
    {
    }

    public static function parse(string $spec): self
    {
        $fault = new self(trim($spec));
        foreach (array_filter(array_map('trim', explode(',', $spec)), 'strlen') as $directive) {
            [$name, $value] = array_pad(array_map('trim', explode('=', $directive, 2)), 2, null);
            match (strtolower($name)) {
                'delay' => $fault->delayMs = self::intIn('delay', $value, 0, 120000),
                'status' => $fault->status = self::intIn('status', $value, 100, 599),
                'body' => $fault->body = in_array($value, ['json', 'html', 'empty'], true) ? $value
                    : throw new \InvalidArgumentException('body must be json, html or empty'),
                'processed' => $fault->processed = true,
                'non-json' => $fault->nonJson = true,
                'truncated' => $fault->truncated = true,
                'close-after-body' => $fault->closeAfterBody = true,
                'commit-after' => $fault->commitAfterMs = self::intIn('commit-after', $value, 0, 120000),
                default => throw new \InvalidArgumentException("unknown fault directive \"$directive\" (known: delay=<ms>, status=<code>, body=json|html|empty, processed, non-json, truncated, close-after-body, commit-after=<ms>)"),
            };
        }
        if ($fault->spec === '') {
            throw new \InvalidArgumentException('empty fault');
        }
        return $fault;
    }

    /** True when the fault answers instead of the API, without touching any order. */
    public function preempts(): bool
    {
        return ($this->status !== null || $this->nonJson) && !$this->processesFirst();
    }

    /** The API does its work before the fault answers (at once visible, or later with commit-after). */
    public function processesFirst(): bool
    {
        return $this->processed || $this->closeAfterBody || $this->truncated || $this->commitAfterMs !== null;
    }

    /** The response the client gets in place of (or after, when processed) the API's. */
    public function replacement(): ?Response
    {
        if ($this->status !== null) {
            return match ($this->body) {
                'html' => Response::html('<!DOCTYPE html><html><head><title>' . $this->status . '</title></head><body><h1>Service unavailable</h1>'
                    . '<p>The emulator injected HTTP ' . $this->status . '.</p></body></html>', $this->status),
                'empty' => new Response($this->status, '', ['Content-Type' => 'application/json']),
                default => Response::json(['success' => false, 'data' => new \stdClass(), 'error_code' => 9999,
                    'error_info' => 'Emulator fault: HTTP ' . $this->status], $this->status),
            };
        }
        if ($this->nonJson) {
            return Response::html('<!DOCTYPE html><html><head><title>Login</title></head><body><h1>Proxy login</h1>'
                . '<p>The emulator injected an HTML page where JSON was expected.</p></body></html>', 200);
        }
        return null;
    }

    /** Sends $response as the fault dictates. Does not return for close-after-body. */
    public function deliver(Response $response): void
    {
        if ($this->delayMs !== null) {
            usleep($this->delayMs * 1000);
        }
        if ($this->closeAfterBody) {
            Connection::dropWithoutResponse();
        }
        $final = $this->processesFirst() ? ($this->replacement() ?? $response) : $response;
        if ($this->truncated) {
            $final->sendTruncated();
            return;
        }
        $final->send();
    }

    private static function intIn(string $name, ?string $value, int $min, int $max): int
    {
        if ($value === null || !preg_match('/^[0-9]+$/', $value) || (int) $value < $min || (int) $value > $max) {
            throw new \InvalidArgumentException("$name needs an integer from $min to $max");
        }
        return (int) $value;
    }
}
