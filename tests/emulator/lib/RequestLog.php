<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * The log of API requests (GET /_emulator/requests). It never holds card data: card numbers are
 * masked to first 6 + last 4, CVCs are removed, the api_key header is replaced by a fingerprint,
 * and any other run of 12-19 digits that passes the Luhn check is masked too (a PAN pasted into a
 * description or an unparseable body).
 */
final class RequestLog
{
    private const CVC_KEYS = ['card_cvc', 'cvc', 'cvv', 'cid'];
    private const PAN_KEYS = ['card_number', 'pan'];
    /** PSP ids are 16 digits and pass Luhn one time in ten: they are not card numbers. */
    private const ID_KEYS = ['transaction_id', 'refund_id', 'external_transaction_id'];
    private const KEEP = 1000;

    public function __construct(private readonly Db $db, private readonly Clock $clock)
    {
    }

    public function record(Request $request, Response $response, ?Site $site, ?Fault $fault): void
    {
        $this->db->transaction(function () use ($request, $response, $site, $fault): void {
            $this->db->insert(
                'INSERT INTO requests(at, method, path, site, headers, body, http_status, response, fault) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [
                    $this->clock->now(),
                    $request->method,
                    $request->path . ($request->query !== [] ? '?' . http_build_query(self::query($request->query)) : ''),
                    $site?->name,
                    Json::encode(self::headers($request->headers)),
                    self::redactBody($request->body),
                    $response->status,
                    self::redactBody(substr($response->body, 0, 20000)),
                    $fault?->spec,
                ]
            );
            $this->db->run('DELETE FROM requests WHERE id <= (SELECT MAX(id) FROM requests) - ?', [self::KEEP]);
        });
    }

    /** The query string without the API key (the docs allow ?api_key=). */
    private static function query(array $query): array
    {
        if (isset($query['api_key']) && is_string($query['api_key'])) {
            $query['api_key'] = self::fingerprint($query['api_key']);
        }
        return $query;
    }

    public function recent(int $limit, ?string $pathPrefix): array
    {
        $rows = $pathPrefix === null
            ? $this->db->all('SELECT * FROM requests ORDER BY id DESC LIMIT ?', [$limit])
            : $this->db->all('SELECT * FROM requests WHERE path LIKE ? ORDER BY id DESC LIMIT ?', [$pathPrefix . '%', $limit]);
        return array_map(static fn (array $r): array => [
            'id' => (int) $r['id'],
            'at' => (int) $r['at'],
            'method' => $r['method'],
            'path' => $r['path'],
            'site' => $r['site'],
            'headers' => Json::decodeObject($r['headers']),
            'body' => $r['body'],
            'http_status' => (int) $r['http_status'],
            'response' => $r['response'],
            'fault' => $r['fault'],
        ], array_reverse($rows));
    }

    /** The body as stored: JSON with card fields masked or removed, anything else with digit runs masked. */
    public static function redactBody(string $body): string
    {
        try {
            // Objects stay objects (not assoc arrays) so that {} is logged as {} and [] as [].
            $json = json_decode($body, false, 64, JSON_THROW_ON_ERROR);
        } catch (\JsonException) {
            return self::maskDigitRuns($body);
        }
        return is_object($json) || is_array($json) ? Json::encode(self::redact($json)) : self::maskDigitRuns($body);
    }

    private static function redact(object|array $data): object|array
    {
        foreach ($data as $key => $value) {
            $name = strtolower((string) $key);
            $replacement = $value;
            if (in_array($name, self::CVC_KEYS, true)) {
                $replacement = null;
            } elseif (in_array($name, self::PAN_KEYS, true) && (is_string($value) || is_int($value))) {
                $replacement = Cards::mask(preg_replace('/\D/', '', (string) $value));
            } elseif (is_object($value) || is_array($value)) {
                $replacement = self::redact($value);
            } elseif (is_string($value) && !in_array($name, self::ID_KEYS, true)) {
                $replacement = self::maskDigitRuns($value);
            }
            if (is_object($data)) {
                if ($replacement === null && $value !== null) {
                    unset($data->$key);
                } else {
                    $data->$key = $replacement;
                }
            } elseif ($replacement === null && $value !== null) {
                unset($data[$key]);
            } else {
                $data[$key] = $replacement;
            }
        }
        return $data;
    }

    /** Masks every run of 12-19 digits (spaces and dashes allowed between) that passes the Luhn check. */
    public static function maskDigitRuns(string $text): string
    {
        return (string) preg_replace_callback('/(?<![0-9])[0-9](?:[ -]?[0-9]){11,18}(?![0-9])/', static function (array $m): string {
            $digits = preg_replace('/\D/', '', $m[0]);
            return Cards::luhnValid($digits) ? Cards::mask($digits) : $m[0];
        }, $text);
    }

    private static function headers(array $headers): array
    {
        if (isset($headers['api_key'])) {
            $headers['api_key'] = self::fingerprint($headers['api_key']);
        }
        unset($headers['authorization'], $headers['cookie']);
        return $headers;
    }

    private static function fingerprint(string $key): string
    {
        return '[redacted, sha256 ' . substr(hash('sha256', trim($key)), 0, 12) . ']';
    }
}
