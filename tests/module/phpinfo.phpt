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
$section = substr($info, $start, 800);
foreach (['msp version', 'libcurl version', 'OpenSSL version', 'json-c version', 'JSON parser', 'msp.pool_size', 'msp.timeout_ms', 'msp.connect_timeout_ms'] as $row) {
    echo $row, ": ", preg_match('/^' . preg_quote($row, '/') . ' => \S/m', $section) ? 'present' : 'MISSING', "\n";
}
var_dump(phpversion('msp') === (new ReflectionExtension('msp'))->getVersion());
// Answers are read by json-c: the row names it and its version looks like one (0.16, 0.17, ...).
var_dump((bool) preg_match('/^JSON parser => json-c /m', $section), (bool) preg_match('/^json-c version => 0\.\d+/m', $section));
?>
--EXPECT--
msp version: present
libcurl version: present
OpenSSL version: present
json-c version: present
JSON parser: present
msp.pool_size: present
msp.timeout_ms: present
msp.connect_timeout_ms: present
bool(true)
bool(true)
bool(true)
