<?php

declare(strict_types=1);

/*
 * A notification sink: a router for PHP's built-in server that plays the shop's webhook endpoint.
 * Every request is appended as one JSON line to the file named by MSP_SINK_FILE (method, uri,
 * query, headers, raw body, time). It answers "OK" with HTTP 200, unless the control file
 * MSP_SINK_FILE.respond holds {"status": 500, "body": "nope", "count": 2}: then the next <count>
 * requests get that answer instead (count -1: until changed).
 */

$file = getenv('MSP_SINK_FILE') ?: sys_get_temp_dir() . '/msp-sink.jsonl';
$record = json_encode([
    'method' => $_SERVER['REQUEST_METHOD'] ?? 'GET',
    'uri' => $_SERVER['REQUEST_URI'] ?? '/',
    'query' => (function (): array {
        parse_str((string) parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_QUERY), $query);
        return $query;
    })(),
    'headers' => array_change_key_case(getallheaders(), CASE_LOWER),
    'body' => file_get_contents('php://input'),
    'received_at' => microtime(true),
], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
file_put_contents($file, $record . "\n", FILE_APPEND | LOCK_EX);

[$status, $body] = next_answer($file . '.respond');
http_response_code($status);
header('Content-Type: text/plain');
echo $body;
return true;

/** The configured answer for this request (consuming one use of it), or 200 "OK". */
function next_answer(string $control): array
{
    if (!is_file($control)) {
        return [200, 'OK'];
    }
    $handle = fopen($control, 'c+');
    flock($handle, LOCK_EX);
    $config = json_decode((string) stream_get_contents($handle), true);
    $answer = [200, 'OK'];
    if (is_array($config) && ($config['count'] ?? 0) !== 0) {
        $answer = [(int) ($config['status'] ?? 200), (string) ($config['body'] ?? 'OK')];
        if ($config['count'] > 0) {
            $config['count']--;
            ftruncate($handle, 0);
            rewind($handle);
            fwrite($handle, json_encode($config));
        }
    }
    flock($handle, LOCK_UN);
    fclose($handle);
    return $answer;
}
