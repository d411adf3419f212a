<?php

declare(strict_types=1);

/*
 * HTML of the demo shop: one page frame and small helpers. No templates, no framework. The style
 * sheet is inlined, so the web server passes only the PHP pages (serve.sh's nginx serves no files).
 */

function h(?string $text): string
{
    return htmlspecialchars((string) $text, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** Sends one whole page. $body is HTML. */
function shop_page(string $title, string $body, int $status = 200): void
{
    http_response_code($status);
    header('Content-Type: text/html; charset=utf-8');
    // The card form must not be cached or pre-filled from a cache, and pages are not framed.
    header('Cache-Control: no-store');
    header('X-Frame-Options: DENY');
    header('Referrer-Policy: same-origin');
    echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<title>', h($title), ' · msp demo shop</title><style>', file_get_contents(__DIR__ . '/shop.css'), '</style></head><body>',
        '<header><a class="brand" href="/">msp demo shop</a><nav><a href="/">Products</a><a href="/admin.php">Admin</a></nav></header>',
        '<p class="notice">A demonstration: payments go to the bundled MultiSafepay emulator. Use the test cards only.</p>',
        '<main><h1>', h($title), '</h1>', $body, '</main>',
        '<footer>msp ', h(phpversion('msp') ?: '?'), ' · PHP ', h(PHP_VERSION), ' · ', h(PHP_SAPI), '</footer>',
        '</body></html>';
}

/** A message box: kind is ok, error or info. */
function shop_box(string $kind, string $html, string $id = ''): string
{
    return '<div class="box ' . h($kind) . '"' . ($id !== '' ? ' id="' . h($id) . '"' : '') . ' role="status">' . $html . '</div>';
}
