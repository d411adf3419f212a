<?php

declare(strict_types=1);

namespace MspEmulator;

/** Outgoing HTTP calls (notifications): ext/curl when loaded, PHP streams otherwise. Never follows redirects. */
final class Outbound
{
    /**
     * @param array<string, string> $headers
     * @return array{status: ?int, body: string, error: ?string, duration_ms: int}
     */
    public static function send(string $method, string $url, array $headers, ?string $body, int $timeoutMs): array
    {
        $started = hrtime(true);
        $result = extension_loaded('curl')
            ? self::viaCurl($method, $url, $headers, $body, $timeoutMs)
            : self::viaStreams($method, $url, $headers, $body, $timeoutMs);
        $result['duration_ms'] = intdiv(hrtime(true) - $started, 1000000);
        return $result;
    }

    private static function viaCurl(string $method, string $url, array $headers, ?string $body, int $timeoutMs): array
    {
        $ch = curl_init($url);
        $lines = [];
        foreach ($headers as $name => $value) {
            $lines[] = "$name: $value";
        }
        $lines[] = 'Expect:';
        curl_setopt_array($ch, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_TIMEOUT_MS => $timeoutMs,
            CURLOPT_CONNECTTIMEOUT_MS => $timeoutMs,
            CURLOPT_NOSIGNAL => true,
            CURLOPT_HTTPHEADER => $lines,
        ]);
        if ($body !== null) {
            curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
        }
        $response = curl_exec($ch);
        $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        $error = $response === false ? curl_error($ch) : null;
        // No curl_close(): a no-op since PHP 8.0 (the handle goes with $ch), deprecated in 8.5.
        return ['status' => $status > 0 ? $status : null, 'body' => is_string($response) ? $response : '', 'error' => $error];
    }

    private static function viaStreams(string $method, string $url, array $headers, ?string $body, int $timeoutMs): array
    {
        $lines = [];
        foreach ($headers as $name => $value) {
            $lines[] = "$name: $value";
        }
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => implode("\r\n", $lines),
            'content' => $body ?? '',
            'timeout' => $timeoutMs / 1000,
            'ignore_errors' => true,
            'follow_location' => 0,
        ]]);
        $http_response_header = [];
        $response = @file_get_contents($url, false, $context);
        $status = null;
        if (isset($http_response_header[0]) && preg_match('~^HTTP/\S+\s+(\d{3})~', $http_response_header[0], $m)) {
            $status = (int) $m[1];
        }
        $error = $response === false ? (error_get_last()['message'] ?? 'request failed') : null;
        return ['status' => $status, 'body' => is_string($response) ? $response : '', 'error' => $error];
    }
}
