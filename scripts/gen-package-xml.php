<?php
/*
 * Writes package.xml (the PECL package description) from the files the package needs, so the
 * file list cannot drift from the tree. `--check` fails when the committed package.xml differs.
 *   php scripts/gen-package-xml.php [--check]
 */
declare(strict_types=1);

$root = dirname(__DIR__);
chdir($root);

/** The files `pecl install msp` needs, with their PECL roles. */
function package_files(): array
{
    $tracked = explode("\n", trim((string) shell_exec('git ls-files -co --exclude-standard')));
    $files = [];
    foreach ($tracked as $file) {
        if (!is_file($file)) {
            continue;
        }
        $role = match (true) {
            in_array($file, ['config.m4', 'config.w32', 'php_msp.h', 'msp.c'], true) => 'src',
            (bool) preg_match('#^src/.*\.[ch]$#', $file) => 'src',
            (bool) preg_match('#^stubs/.*\.(php|h)$#', $file) => 'src',
            in_array($file, ['README.md', 'LICENSE', 'msp.ini', 'composer.json'], true) => 'doc',
            // The IDE stub and its Composer package: pecl puts them in its doc_dir, msp/ide/.
            (bool) preg_match('#^ide/#', $file) => 'doc',
            (bool) preg_match('#^examples/#', $file) => 'doc',
            // examples/shop/serve.sh sources it (../../scripts/serve-lib.sh), in the doc folder too.
            $file === 'scripts/serve-lib.sh' => 'doc',
            (bool) preg_match('#^tests/#', $file) => 'test',
            default => null,
        };
        if ($role !== null) {
            $files[$file] = $role;
        }
    }
    ksort($files);
    return $files;
}

function version(): string
{
    preg_match('/#define PHP_MSP_VERSION "([^"]+)"/', (string) file_get_contents('php_msp.h'), $m);
    return $m[1];
}

function render(array $files, string $version): string
{
    $lines = [];
    foreach ($files as $file => $role) {
        $lines[] = sprintf('   <file name="%s" role="%s"/>', htmlspecialchars($file, ENT_XML1), $role);
    }
    $list = implode("\n", $lines);
    return <<<XML
<?xml version="1.0" encoding="UTF-8"?>
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0" xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>msp</name>
 <channel>pecl.php.net</channel>
 <summary>MultiSafepay direct card payments, in C</summary>
 <description>Card validation, secure card and key memory, 3-D Secure policy, the order status flow, refunds, notification verification and persistent connections for server-to-server card payments with MultiSafepay's JSON API.</description>
 <lead>
  <name>msp developers</name>
  <user>msp</user>
  <email>msp@example.invalid</email>
  <active>yes</active>
 </lead>
 <date>2026-11-24</date>
 <version>
  <release>{$version}</release>
  <api>{$version}</api>
 </version>
 <stability>
  <release>alpha</release>
  <api>alpha</api>
 </stability>
 <license>MIT</license>
 <notes>First release.</notes>
 <contents>
  <dir name="/">
{$list}
  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.2.0</min>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>msp</providesextension>
 <extsrcrelease>
  <configureoption default="yes" name="enable-msp" prompt="enable msp?"/>
 </extsrcrelease>
</package>

XML;
}

$xml = render(package_files(), version());
if (($argv[1] ?? '') === '--check') {
    $current = is_file('package.xml') ? file_get_contents('package.xml') : '';
    if ($current !== $xml) {
        fwrite(STDERR, "package.xml is out of date: run php scripts/gen-package-xml.php\n");
        exit(1);
    }
    echo "package.xml lists every package file\n";
    exit(0);
}
file_put_contents('package.xml', $xml);
echo "wrote package.xml\n";
