<?php
/*
 * A php -S router that answers MultiSafepay API calls with the documentation's own response
 * examples (fixtures/), byte for byte, so msp reads exactly what the documentation shows; no
 * emulator is involved. The first path segment names the scenario:
 *
 *   http://127.0.0.1:PORT/<scenario>/v1/json/<call>
 *
 * A scenario maps "METHOD path" patterns (`*` is one path segment) to fixtures. The only change
 * ever made to a fixture is in the `lookup` entries: the order an msp call looks up before it acts
 * (a refund by order id) gets the asked order_id, because the documentation's examples name
 * different orders, and today as its created/modified date, because msp refuses to refund a
 * payment older than 180 days. The example under test is always served unchanged.
 */

const SCENARIOS = [
    'get-order' => ['GET orders/*' => 'response-get-order.json'],
    'get-order-3ds' => ['GET orders/*' => 'response-get-order-3ds.json'],
    'get-order-failed-3ds' => ['GET orders/*' => 'response-get-order-failed-3ds.json'],
    'get-order-authorised' => ['GET orders/*' => 'response-get-order-authorised-2022.json'],
    'get-order-zero-authorization' => ['GET orders/*' => 'response-get-order-zero-authorization-2022.json'],
    'create-card-3ds' => ['POST orders' => 'response-create-card-3ds-2022.json'],
    'create-direct-ideal' => ['POST orders' => 'response-create-direct-ideal.json'],
    'refund' => ['GET orders/*' => ['lookup' => 'response-get-order.json'], 'POST orders/*/refunds' => 'response-refund.json'],
    'cancel-order' => ['PATCH orders/*' => 'response-cancel-order.json'],
    'cancel-refund' => ['PATCH orders/*/refunds/*' => 'response-cancel-order.json'],
    'capture' => ['GET orders/*' => 'response-get-order-authorised-2022.json', 'POST orders/*/capture' => 'response-capture.json'],
    'cancel-authorization' => ['PATCH capture/*' => 'response-cancel-authorization.json'],
];

$path = (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (!preg_match('~^/([a-z0-9-]+)/v1/json/(.+)$~', $path, $m) || !isset(SCENARIOS[$m[1]])) {
    answer(404, '{"success":false,"data":{},"error_code":1000,"error_info":"no such scenario"}');
}
$segments = explode('/', $m[2]);
foreach (SCENARIOS[$m[1]] as $pattern => $fixture) {
    [$method, $route] = explode(' ', $pattern, 2);
    if ($method === $_SERVER['REQUEST_METHOD'] && matches(explode('/', $route), $segments)) {
        if (is_array($fixture)) {
            $lookup = json_decode((string) file_get_contents(__DIR__ . '/../fixtures/' . $fixture['lookup']), true);
            $lookup['data']['order_id'] = rawurldecode($segments[1]);
            $lookup['data']['created'] = $lookup['data']['modified'] = gmdate('Y-m-d\TH:i:s');
            answer(200, json_encode($lookup));
        }
        answer(200, (string) file_get_contents(__DIR__ . '/../fixtures/' . $fixture));
    }
}
answer(404, '{"success":false,"data":{},"error_code":1000,"error_info":"not part of this scenario"}');

/** @param list<string> $pattern @param list<string> $segments */
function matches(array $pattern, array $segments): bool
{
    if (count($pattern) !== count($segments)) {
        return false;
    }
    foreach ($pattern as $i => $part) {
        if ($part !== '*' && $part !== $segments[$i]) {
            return false;
        }
    }
    return true;
}

function answer(int $status, string $body): never
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo $body;
    exit;
}
