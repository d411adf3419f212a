<?php

declare(strict_types=1);

namespace MspEmulator;

/** An HTTP response, built first and sent last so that faults can delay, cut or replace it. */
final class Response
{
    /** @param array<string, string> $headers */
    public function __construct(
        public int $status,
        public string $body,
        public array $headers = [],
    ) {
    }

    public static function json(mixed $payload, int $status = 200): self
    {
        return new self($status, Json::encode($payload), ['Content-Type' => 'application/json']);
    }

    public static function html(string $html, int $status = 200): self
    {
        return new self($status, $html, ['Content-Type' => 'text/html; charset=utf-8']);
    }

    public static function redirect(string $location): self
    {
        return new self(302, '', ['Location' => $location, 'Content-Type' => 'text/html; charset=utf-8']);
    }

    /** The admin API's envelope: same shape as the real API's, so one helper parses both. */
    public static function ok(mixed $data): self
    {
        return self::json(['success' => true, 'data' => $data]);
    }

    public static function adminError(string $info, int $status = 400): self
    {
        return self::json(['success' => false, 'data' => new \stdClass(), 'error_code' => 0, 'error_info' => $info], $status);
    }

    public function send(): void
    {
        $this->sendHead(strlen($this->body));
        echo $this->body;
    }

    /**
     * Sends valid headers announcing the whole body, then only the first half of it: the client
     * sees the connection close early (php -S closes every connection after the response).
     */
    public function sendTruncated(): void
    {
        $this->sendHead(strlen($this->body) + 64);
        echo substr($this->body, 0, intdiv(strlen($this->body), 2));
    }

    private function sendHead(int $contentLength): void
    {
        header_remove('X-Powered-By');
        http_response_code($this->status);
        foreach ($this->headers as $name => $value) {
            header("$name: $value");
        }
        header('Content-Length: ' . $contentLength);
    }
}
