<?php
/*
 * Checks composer.json against PIE's documented php-ext rules and against the rest of the package, so
 * that `pie install` builds and enables msp the way `pecl install` does. Debian 12's Composer (2.5)
 * predates the php-ext schema (Composer 2.7.3), so `composer validate` there checks only the common
 * fields: these rules are checked here. Prints one line per problem; exits non-zero if there is one.
 *   php scripts/check-composer-json.php [composer.json]
 */
declare(strict_types=1);

$root = dirname(__DIR__);
$file = $argv[1] ?? "$root/composer.json";
$problems = [];
$problem = function (string $text) use (&$problems): void {
    $problems[] = $text;
};

$json = json_decode((string) @file_get_contents($file), true);
if (!is_array($json)) {
    fwrite(STDERR, "$file: not a JSON object\n");
    exit(1);
}

// Composer's own rules for a package name; PIE's for an extension name.
if (!preg_match('{^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$}', (string) ($json['name'] ?? ''))) {
    $problem('name must be vendor/package in lower case');
}
if (($json['type'] ?? null) !== 'php-ext') {
    $problem('type must be "php-ext" (a PHP module, not a Zend extension)');
}
$ext = $json['php-ext'] ?? null;
if (!is_array($ext)) {
    $problem('php-ext is missing');
    $ext = [];
}
$known = ['extension-name', 'priority', 'support-zts', 'support-nts', 'build-path', 'download-url-method',
    'os-families', 'os-families-exclude', 'configure-options'];
foreach (array_diff(array_keys($ext), $known) as $key) {
    $problem("php-ext.$key is not a php-ext field PIE knows");
}

// The extension's own name, as msp.c registers it.
preg_match('/zend_module_entry msp_module_entry = \{.*?"([a-z0-9_]+)"/s', (string) file_get_contents("$root/msp.c"), $m);
$module = $m[1] ?? 'msp';
$name = $ext['extension-name'] ?? null;
if (!is_string($name) || !preg_match('/^[A-Za-z][a-zA-Z0-9_]+$/', $name)) {
    $problem('php-ext.extension-name must be a valid extension name');
} elseif ($name !== $module) {
    $problem("php-ext.extension-name is \"$name\", the module is \"$module\"");
}

// The load order: PIE names the ini file after the priority, Debian's phpenmod reads "; priority=".
$priority = $ext['priority'] ?? null;
preg_match('/^;\s*priority\s*=\s*([0-9]+)\s*$/m', (string) file_get_contents("$root/msp.ini"), $m);
$iniPriority = isset($m[1]) ? (int) $m[1] : null;
if (!is_int($priority) || $priority < 10 || $priority > 99) {
    $problem('php-ext.priority must be an integer from 10 to 99');
} elseif ($priority >= 20) {
    $problem("php-ext.priority $priority loads msp after curl (20): libcurl would be initialised without msp");
} elseif ($priority !== $iniPriority) {
    $problem("php-ext.priority $priority differs from msp.ini's \"; priority=" . ($iniPriority ?? 'none') . '"');
}
foreach (['support-zts', 'support-nts'] as $key) {
    if (array_key_exists($key, $ext) && !is_bool($ext[$key])) {
        $problem("php-ext.$key must be true or false");
    }
}
if (isset($ext['os-families'], $ext['os-families-exclude'])) {
    $problem('php-ext.os-families and os-families-exclude exclude each other');
}

// Every configure option PIE may pass must be one config.m4 knows.
$m4 = (string) file_get_contents("$root/config.m4");
foreach ($ext['configure-options'] ?? [] as $i => $option) {
    $optionName = is_array($option) ? ($option['name'] ?? null) : null;
    if (!is_string($optionName) || !preg_match('/^[a-zA-Z0-9][a-zA-Z0-9-_]*$/', $optionName)) {
        $problem("php-ext.configure-options[$i].name must be a configure flag without its dashes");
        continue;
    }
    if (!str_contains($m4, "[--$optionName]") && !str_contains($m4, "[--$optionName=")) {
        $problem("php-ext.configure-options[$i]: config.m4 has no --$optionName");
    }
    if (array_key_exists('needs-value', $option) && !is_bool($option['needs-value'])) {
        $problem("php-ext.configure-options[$i].needs-value must be true or false");
    }
    if (!is_string($option['description'] ?? null) || $option['description'] === '') {
        $problem("php-ext.configure-options[$i].description is missing");
    }
}

// The same licence and PHP versions as package.xml (PECL) says.
$xml = (string) file_get_contents("$root/package.xml");
preg_match('{<license>([^<]+)</license>}', $xml, $m);
if (($json['license'] ?? null) !== ($m[1] ?? null)) {
    $problem('license differs from package.xml\'s <license>');
}
preg_match('{<php>\s*<min>([0-9.]+)</min>}', $xml, $m);
$min = $m[1] ?? '?';
if (!preg_match('/^>=\s*' . preg_quote($min, '/') . '\b/', (string) ($json['require']['php'] ?? ''))) {
    $problem("require.php must start at $min, as package.xml does");
}

foreach ($problems as $text) {
    echo "composer.json: $text\n";
}
if ($problems === []) {
    echo "composer.json follows PIE's php-ext rules and agrees with msp.c, msp.ini, config.m4 and package.xml\n";
}
exit($problems === [] ? 0 : 1);
