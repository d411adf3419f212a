<?php

declare(strict_types=1);

namespace MspEmulator;

/** One incoming HTTP request, read once from the SAPI. */
final class Request
{
    private mixed $json = null;
    private bool $jsonParsed = false;

    /**
     * @param array<string, string> $headers lower-case names
     * @param list<string> $segments path segments, percent-decoded one by one (an encoded "/" stays inside its segment)
     */
    public function __construct(
        public readonly string $method,
        public readonly string $path,
        public readonly array $segments,
        public readonly array $query,
        public readonly array $headers,
        public readonly string $body,
        public readonly string $host,
        public readonly int $remotePort,
    ) {
    }

    public static function fromGlobals(): self
    {
        $uri = (string) ($_SERVER['REQUEST_URI'] ?? '/');
        $rawPath = explode('?', $uri, 2)[0];
        parse_str((string) parse_url($uri, PHP_URL_QUERY), $query);
        $headers = [];
        foreach (getallheaders() as $name => $value) {
            $headers[strtolower((string) $name)] = (string) $value;
        }
        return new self(
            strtoupper((string) ($_SERVER['REQUEST_METHOD'] ?? 'GET')),
            $rawPath,
            self::segmentsOf($rawPath),
            $query,
            $headers,
            (string) file_get_contents('php://input'),
            (string) ($headers['host'] ?? ($_SERVER['SERVER_NAME'] ?? '127.0.0.1') . ':' . ($_SERVER['SERVER_PORT'] ?? '80')),
            (int) ($_SERVER['REMOTE_PORT'] ?? 0),
        );
    }

    /** @return list<string> */
    public static function segmentsOf(string $rawPath): array
    {
        $parts = array_values(array_filter(explode('/', $rawPath), static fn (string $s): bool => $s !== ''));
        return array_map('rawurldecode', $parts);
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }

    /** The scheme and host the client used: links the emulator hands out (ACS pages) point back to it. */
    public function origin(): string
    {
        return 'http://' . $this->host;
    }

    /** The body decoded as JSON; null when empty. Throws ApiError 1000 when it is not JSON. */
    public function json(): mixed
    {
        if (!$this->jsonParsed) {
            $this->jsonParsed = true;
            if (trim($this->body) !== '') {
                try {
                    $this->json = json_decode($this->body, true, 64, JSON_THROW_ON_ERROR);
                } catch (\JsonException $e) {
                    throw new ApiError(1000, 'Invalid JSON in the request body: ' . $e->getMessage());
                }
            }
        }
        return $this->json;
    }

    /** The body as a JSON object (an empty body is an empty object). */
    public function jsonObject(): array
    {
        $json = $this->json();
        if ($json === null) {
            return [];
        }
        if (!is_array($json) || (array_is_list($json) && $json !== [])) {
            throw new ApiError(1000, 'The request body must be a JSON object');
        }
        return $json;
    }

    /** The fields of an HTML form post (urlencoded from the raw body; multipart as PHP parsed it). */
    public function form(): array
    {
        parse_str($this->body, $fields);
        return $fields !== [] ? $fields : $_POST;
    }
}
