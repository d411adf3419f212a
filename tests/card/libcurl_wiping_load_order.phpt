--TEST--
msp: libcurl's freed buffers (request bodies with the card, the api_key header) are wiped whether ext/curl loads before or after msp, and phpinfo() says which protection is in force
--EXTENSIONS--
msp
--SKIPIF--
<?php
require_once __DIR__ . '/../status/shop.inc';
if (msp_extension_path() === null) die('skip set MSP_EXTENSION to the msp.so under test');
if (msp_curl_extension_dir() === null) die('skip ext/curl is not a shared extension here');
?>
--FILE--
<?php
require_once __DIR__ . '/../status/shop.inc';

/* A fresh PHP without any ini file, the extensions loaded in the given order: the row phpinfo() shows,
 * and whether ext/curl still works (its transfers now go through msp's allocator too). */
function wiping_row(array $extensions): string
{
    $args = [PHP_BINARY, '-n', '-d', 'extension_dir=' . msp_curl_extension_dir()];
    foreach ($extensions as $extension) {
        array_push($args, '-d', 'extension=' . $extension);
    }
    $code = 'ob_start(); phpinfo(INFO_MODULES); $info = ob_get_clean();'
        . 'preg_match("/^libcurl buffers wiped on free => (.*)$/m", $info, $m); echo $m[1] ?? "MISSING";'
        . 'if (function_exists("curl_init")) { $h = curl_init(' . var_export('file://' . __FILE__, true) . '); curl_setopt($h, CURLOPT_RETURNTRANSFER, true);'
        . 'echo curl_exec($h) === false ? " | ext/curl broken" : " | ext/curl works"; }';
    array_push($args, '-r', $code);
    $process = proc_open($args, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    $status = proc_close($process);
    return trim($out) . ($status === 0 ? '' : " (exit $status)");
}

$msp = msp_extension_path();
echo "curl, then msp: ", wiping_row(['curl', $msp]), "\n";
echo "msp, then curl: ", wiping_row([$msp, 'curl']), "\n";
echo "msp alone:      ", wiping_row([$msp]), "\n";
?>
--EXPECT--
curl, then msp: yes (ext/curl initialised libcurl first; msp re-initialised it at start-up with its wiping allocator) | ext/curl works
msp, then curl: yes (msp initialised libcurl with its wiping allocator) | ext/curl works
msp alone:      yes (msp initialised libcurl with its wiping allocator)
