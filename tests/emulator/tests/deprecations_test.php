<?php

declare(strict_types=1);

/* The emulator runs without deprecations on every supported PHP (8.2 to 8.5); run.php and serve.php
 * run it under E_ALL. Here: what the compiler says, for code paths no test reaches. */

/** Every PHP file of the emulator and its tests compiles under E_ALL with nothing to say. */
function test_every_file_compiles_without_a_deprecation(): void
{
    $root = dirname(__DIR__);
    $files = array_merge(glob("$root/*.php"), glob("$root/*.inc"), glob("$root/lib/*.php"), glob("$root/tests/*.php"));
    check(count($files) > 40, 'found the emulator files (' . count($files) . ')');
    foreach ($files as $file) {
        $process = proc_open([PHP_BINARY, '-n', '-d', 'error_reporting=-1', '-d', 'display_errors=stderr', '-l', $file],
            [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $stdout = stream_get_contents($pipes[1]);
        $stderr = trim((string) stream_get_contents($pipes[2]));
        fclose($pipes[1]);
        fclose($pipes[2]);
        $status = proc_close($process);
        check($status === 0 && $stderr === '', basename($file) . ' compiles cleanly: ' . ($stderr !== '' ? $stderr : trim((string) $stdout)));
    }
}

/** The test process and the servers report everything: a deprecation cannot pass unseen. */
function test_e_all_is_in_force(): void
{
    check(error_reporting() === E_ALL, 'run.php sets E_ALL (' . error_reporting() . ')');
    $caught = null;
    try {
        trigger_error('a deprecation', E_USER_DEPRECATED);
    } catch (ErrorException $e) {
        $caught = $e->getMessage();
    }
    check($caught === 'a deprecation', 'a deprecation raised in a test fails it');
}

/** serve.php starts its servers under E_ALL whatever php.ini says, so the emulator sees deprecations. */
function test_servers_run_under_e_all(): void
{
    $router = sys_get_temp_dir() . '/msp-e-all-' . getmypid() . '.php';
    file_put_contents($router, "<?php\necho error_reporting();\nreturn true;\n");
    $server = new class (sys_get_temp_dir() . '/msp-e-all-' . getmypid() . '.log', $router) extends MspEmulatorProcess {
        public function __construct(string $log, string $router)
        {
            parent::__construct($log, [$log, $router]);
            $this->spawn(['--workers=1', '--router=' . $router], []);
        }
    };
    try {
        $response = MspEmulatorProcess::http('GET', $server->rootUrl());
        same((string) E_ALL, $response['body'], 'error_reporting() in a server started by serve.php');
    } finally {
        $server->stop();
    }
}
