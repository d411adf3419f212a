<?php
/* Sends N sequential requests (one keep-alive connection) to the php-fpm front and checks each
 * answer. Prints the sum of the workers' X-Worker-Cpu-Us headers (bench/fpm_checkout.php): the CPU
 * each worker had used when the script ended, which is the whole life of a fresh worker.
 *   php load.php URL N */
[, $url, $n] = $argv;
$h = curl_init($url);
$cpuUs = 0;
curl_setopt_array($h, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30,
    CURLOPT_HEADERFUNCTION => function ($h, string $line) use (&$cpuUs) {
        if (preg_match('/^X-Worker-Cpu-Us: (\d+)/i', $line, $m)) {
            $cpuUs += (int) $m[1];
        }
        return strlen($line);
    }]);
for ($i = 0; $i < (int) $n; $i++) {
    $body = curl_exec($h);
    if ($body !== 'completed') {
        fwrite(STDERR, "load: unexpected answer: " . substr((string) $body, 0, 300) . "\n");
        exit(1);
    }
}
echo $cpuUs, "\n";
