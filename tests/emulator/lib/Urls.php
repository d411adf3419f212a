<?php

declare(strict_types=1);

namespace MspEmulator;

final class Urls
{
    /** Appends query parameters with "?" or "&" as the URL needs. */
    public static function withQuery(string $url, array $params): string
    {
        $fragment = '';
        if (($hash = strpos($url, '#')) !== false) {
            $fragment = substr($url, $hash);
            $url = substr($url, 0, $hash);
        }
        $separator = str_contains($url, '?') ? (str_ends_with($url, '?') || str_ends_with($url, '&') ? '' : '&') : '?';
        return $url . $separator . http_build_query($params, '', '&', PHP_QUERY_RFC3986) . $fragment;
    }

    public static function withTransactionId(string $url, string $orderId): string
    {
        return self::withQuery($url, ['transactionid' => $orderId]);
    }

    /**
     * The webhook endpoint: MultiSafepay's webhook documentation asks https without a port. Deliberate
     * relaxation: a loopback host (localhost, 127.0.0.0/8, ::1) may use http and any port.
     * Returns why the URL is refused, or null.
     */
    public static function callbackProblem(string $url): ?string
    {
        $parts = parse_url($url);
        if ($parts === false || !isset($parts['scheme'], $parts['host'])) {
            return 'is not an absolute URL';
        }
        $scheme = strtolower($parts['scheme']);
        if (self::isLoopback($parts['host'])) {
            return in_array($scheme, ['http', 'https'], true) ? null : 'must use http or https';
        }
        if ($scheme !== 'https') {
            return 'must use https (http is only accepted on loopback)';
        }
        if (isset($parts['port'])) {
            return 'must not have a port (a port is only accepted on loopback)';
        }
        return null;
    }

    /**
     * redirect_url and cancel_url: the docs ask nothing but a URL of them (the customer's browser
     * follows them), so any absolute http or https URL, with or without a port. Returns why the URL
     * is refused, or null.
     */
    public static function redirectProblem(string $url): ?string
    {
        $parts = parse_url($url);
        if ($parts === false || !isset($parts['scheme'], $parts['host'])) {
            return 'is not an absolute URL';
        }
        return in_array(strtolower($parts['scheme']), ['http', 'https'], true) ? null : 'must use http or https';
    }

    public static function isLoopback(string $host): bool
    {
        $host = strtolower(trim($host, '[]'));
        return $host === 'localhost' || $host === '::1' || str_starts_with($host, '127.');
    }
}
