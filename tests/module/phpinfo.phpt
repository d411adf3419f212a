--TEST--
msp: phpinfo() shows the msp version and the libcurl and OpenSSL versions in use, and its JSON parser (json-c)
--EXTENSIONS--
msp
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$start = strpos($info, "\nmsp\n");
$section = substr($info, $start, 1400);
foreach (['msp version', 'libcurl version', 'OpenSSL version', 'json-c version', 'JSON parser', 'CA bundle', 'msp.pool_size', 'msp.timeout_ms', 'msp.connect_timeout_ms', 'msp.ca_preload'] as $row) {
    echo $row, ": ", preg_match('/^' . preg_quote($row, '/') . ' => \S/m', $section) ? 'present' : 'MISSING', "\n";
}
var_dump(phpversion('msp') === (new ReflectionExtension('msp'))->getVersion());
// The CLI does not parse the CA bundle at start-up unless msp.ca_preload=on asks it to.
var_dump((bool) preg_match('/^CA bundle => .*loaded by libcurl in each process/m', $section));
// Answers are read by json-c: the row names it and its version looks like one (0.16, 0.17, ...).
var_dump((bool) preg_match('/^JSON parser => json-c /m', $section), (bool) preg_match('/^json-c version => 0\.\d+/m', $section));
?>
--EXPECT--
msp version: present
libcurl version: present
OpenSSL version: present
json-c version: present
JSON parser: present
CA bundle: present
msp.pool_size: present
msp.timeout_ms: present
msp.connect_timeout_ms: present
msp.ca_preload: present
bool(true)
bool(true)
bool(true)
bool(true)
