--TEST--
msp: phpinfo() shows the msp version and the libcurl and OpenSSL versions in use, and its JSON parser
--EXTENSIONS--
msp
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$start = strpos($info, "\nmsp\n");
$section = substr($info, $start, 800);
foreach (['msp version', 'libcurl version', 'OpenSSL version', 'JSON parser', 'msp.pool_size', 'msp.timeout_ms', 'msp.connect_timeout_ms'] as $row) {
    echo $row, ": ", preg_match('/^' . preg_quote($row, '/') . ' => \S/m', $section) ? 'present' : 'MISSING', "\n";
}
var_dump(phpversion('msp') === (new ReflectionExtension('msp'))->getVersion());
?>
--EXPECT--
msp version: present
libcurl version: present
OpenSSL version: present
JSON parser: present
msp.pool_size: present
msp.timeout_ms: present
msp.connect_timeout_ms: present
bool(true)
