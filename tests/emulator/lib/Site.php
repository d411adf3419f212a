<?php

declare(strict_types=1);

namespace MspEmulator;

/** A website: its API key and the settings that shape how the emulator treats its orders. */
final class Site
{
    /** @param array<string, mixed> $settings complete (defaults filled in) */
    public function __construct(
        public readonly string $name,
        public readonly string $apiKey,
        public readonly array $settings,
    ) {
    }

    public function setting(string $key): mixed
    {
        return $this->settings[$key] ?? Sites::DEFAULTS[$key];
    }

    public function bool(string $key): bool
    {
        return (bool) $this->setting($key);
    }

    public function int(string $key): int
    {
        return (int) $this->setting($key);
    }

    public function toArray(): array
    {
        return ['site' => $this->name, 'api_key' => $this->apiKey] + $this->settings;
    }
}
