<?php
/*
 * A php -S router between msp and the emulator: it forwards every request unchanged to the
 * emulator (MSP_UPSTREAM, its /v1/json/ base) and answers with the emulator's answer, and it
 * writes the shape of each request body (field paths and JSON types, never a value) as one JSON
 * line to MSP_CAPTURE_FILE. So the test sees what msp sent field by field without any card data
 * reaching a file, and the emulator still decides whether the request is accepted. (The emulator's
 * own request log drops the CVC and masks the card number, so it cannot show the shape.)
 */
require __DIR__ . '/../shape.inc';

$upstream = rtrim((string) getenv('MSP_UPSTREAM'), '/') . '/';
$uri = (string) $_SERVER['REQUEST_URI'];
$call = (string) preg_replace('~^/v1/json/~', '', $uri);
$body = (string) file_get_contents('php://input');
$method = $_SERVER['REQUEST_METHOD'];

$record = ['method' => $method, 'path' => (string) parse_url($call, PHP_URL_PATH)];
if ($body !== '') {
    $decoded = json_decode($body, false);
    $record['shape'] = json_last_error() === JSON_ERROR_NONE ? msp_conformance_shape($decoded) : ['' => 'not JSON'];
}
file_put_contents((string) getenv('MSP_CAPTURE_FILE'), json_encode($record) . "\n", FILE_APPEND | LOCK_EX);

$headers = [];
foreach (getallheaders() as $name => $value) {
    if (in_array(strtolower($name), ['api_key', 'content-type', 'accept'], true)) {
        $headers[] = "$name: $value";
    }
}
$context = stream_context_create(['http' => [
    'method' => $method,
    'header' => implode("\r\n", $headers),
    'content' => $body,
    'ignore_errors' => true,
    'timeout' => 20,
]]);
$answer = @file_get_contents($upstream . $call, false, $context);
$status = 502;
foreach ($http_response_header ?? [] as $line) {
    if (preg_match('~^HTTP/\S+ (\d{3})~', $line, $m)) {
        $status = (int) $m[1];
    }
}
http_response_code($status);
header('Content-Type: application/json');
echo $answer === false ? '{"success":false,"data":{},"error_code":9999,"error_info":"the emulator did not answer"}' : $answer;
