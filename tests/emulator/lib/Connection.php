<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Closing the client's connection without a response, from inside PHP's built-in server, which
 * gives scripts no handle on the socket. Two ways, tried in order (README "close-after-body"):
 *
 * 1. shutdown(2) through FFI (needs `-d ffi.enable=1`, which serve.php passes): find our own socket
 *    among /proc/self/fd by its peer port (REMOTE_PORT) and shut it down both ways. The client sees
 *    EOF with no bytes; php -S then writes into a dead socket (SIGPIPE is ignored by the CLI) and
 *    the process lives on.
 * 2. SIGKILL to our own process: the kernel closes every socket of the process. That worker is
 *    gone: the server survives only with PHP_CLI_SERVER_WORKERS > 1 (other workers share the
 *    listening socket) or under serve.php, which restarts a dead server on the same port.
 */
final class Connection
{
    public static function method(): string
    {
        return self::ffi() !== null ? 'ffi-shutdown' : (function_exists('posix_kill') ? 'sigkill' : 'unsupported');
    }

    public static function dropWithoutResponse(): never
    {
        $ffi = self::ffi();
        if ($ffi !== null) {
            $fd = self::clientSocket($ffi, (int) ($_SERVER['REMOTE_PORT'] ?? 0));
            if ($fd !== null && $ffi->shutdown($fd, 2 /* SHUT_RDWR */) === 0) {
                exit(0); // nothing was echoed, so php -S has no bytes to send but into a dead socket
            }
        }
        if (function_exists('posix_kill')) {
            posix_kill(getmypid(), 9 /* SIGKILL: no handler, no flush, no response */);
        }
        // Neither way works here: say so rather than pretend the connection was cut.
        (new Response(500, 'close-after-body needs FFI (ffi.enable=1) or ext/posix', ['Content-Type' => 'text/plain']))->send();
        exit(0);
    }

    private static function ffi(): ?\FFI
    {
        if (!class_exists(\FFI::class)) {
            return null;
        }
        try {
            return \FFI::cdef('int getpeername(int fd, void *addr, unsigned int *len); int shutdown(int fd, int how);');
        } catch (\Throwable) {
            return null; // ffi.enable=preload (the default) refuses FFI::cdef outside the CLI
        }
    }

    /** The descriptor of the accepted socket whose peer port is the client's. */
    private static function clientSocket(\FFI $ffi, int $remotePort): ?int
    {
        foreach (scandir('/proc/self/fd') ?: [] as $entry) {
            if (!ctype_digit($entry) || !str_starts_with((string) @readlink("/proc/self/fd/$entry"), 'socket:')) {
                continue;
            }
            // Through the instance: calling FFI::new() statically is deprecated as of PHP 8.3.
            $address = $ffi->new('unsigned char[128]');
            $length = $ffi->new('unsigned int');
            $length->cdata = 128;
            if ($ffi->getpeername((int) $entry, \FFI::addr($address[0]), \FFI::addr($length)) !== 0) {
                continue; // the listening socket has no peer
            }
            // sockaddr_in and sockaddr_in6 both keep the port in bytes 2-3, network order.
            if ((($address[2] << 8) | $address[3]) === $remotePort) {
                return (int) $entry;
            }
        }
        return null;
    }
}
