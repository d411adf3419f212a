<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Emulator time: the real clock plus an offset kept in SQLite, so every worker and server agrees and
 * advancing it survives a restart. Time keeps flowing between calls, so notification timestamps stay
 * close to real time until a test moves the clock.
 *
 * While a scheduled event is processed the clock is pinned to the event's due time: advancing by a
 * day then runs "uncleared resolved at +10 min, retry at +25 min, ..." with the times they were due.
 */
final class Clock
{
    private ?int $pinned = null;

    public function __construct(private readonly Db $db)
    {
    }

    public function now(): int
    {
        return $this->pinned ?? time() + $this->offset();
    }

    /**
     * now() in milliseconds, for what needs finer steps than a second (late commits). A pinned clock
     * gives the start of its second.
     */
    public function nowMs(): int
    {
        return $this->pinned !== null ? $this->pinned * 1000 : (int) floor(microtime(true) * 1000) + $this->offset() * 1000;
    }

    public function offset(): int
    {
        return (int) $this->db->meta('clock_offset', '0');
    }

    public function advance(int $seconds): void
    {
        if ($seconds < 0) {
            throw new \InvalidArgumentException('advance must be >= 0 seconds (use "set" to go back)');
        }
        $this->db->transaction(fn () => $this->db->setMeta('clock_offset', (string) ($this->offset() + $seconds)));
    }

    public function set(int $unix): void
    {
        $this->db->transaction(fn () => $this->db->setMeta('clock_offset', (string) ($unix - time())));
    }

    /** Runs $work with now() frozen at $at. */
    public function at(int $at, callable $work): mixed
    {
        $previous = $this->pinned;
        $this->pinned = $at;
        try {
            return $work();
        } finally {
            $this->pinned = $previous;
        }
    }

    /** The API's timestamp format: YYYY-MM-DDTHH:MM:SS, no zone (the emulator uses UTC). */
    public static function iso(int $unix): string
    {
        return gmdate('Y-m-d\TH:i:s', $unix);
    }

    /** The next midnight (UTC) strictly after $unix. */
    public static function nextMidnight(int $unix): int
    {
        return intdiv($unix, 86400) * 86400 + 86400;
    }
}
