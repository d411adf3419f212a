<?php
/* Sends N sequential requests (one keep-alive connection) to the php-fpm front and checks each
 * answer: php load.php URL N */
[, $url, $n] = $argv;
$h = curl_init($url);
curl_setopt_array($h, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30]);
for ($i = 0; $i < (int) $n; $i++) {
    $body = curl_exec($h);
    if ($body !== 'completed') {
        fwrite(STDERR, "load: unexpected answer: " . substr((string) $body, 0, 300) . "\n");
        exit(1);
    }
}
