<?php

declare(strict_types=1);

namespace MspEmulator;

/** Websites and their settings (README "Sites"). */
final class Sites
{
    public const DEFAULT_SITE = 'default';

    public const DEFAULTS = [
        'direct_enabled' => true,
        'dynamic_3d_rules' => [],
        'flexible_3d' => false,
        // The BINs of the test cards are Dutch; other cards have no known country.
        'bin_countries' => [
            '411111' => 'NL', '401200' => 'NL', '491730' => 'NL', '446200' => 'NL', '550000' => 'NL',
            '679999' => 'NL', '374500' => 'NL', '378282' => 'NL', '378734' => 'NL', '374200' => 'NL',
            '670345' => 'NL',
        ],
        'ip_countries' => ['' => 'NL'],
        'amex_own_mid' => false,
        'mixed_types' => false,
        'notification_retry_seconds' => 900,
        'notification_retries' => 3,
        'notification_timeout_ms' => 2000,
        'notifications_hold' => false,
        'uncleared_auto_resolve' => true,
        'uncleared_resolve_seconds' => 600,
        'refund_id_in_answer' => true,
    ];

    public function __construct(private readonly Db $db)
    {
    }

    /** Creates the default site when the database has no site at all. */
    public function ensureDefault(): void
    {
        if ((int) $this->db->value('SELECT COUNT(*) FROM sites') > 0) {
            return;
        }
        $this->db->transaction(function (): void {
            $this->db->run(
                'INSERT OR IGNORE INTO sites(name, api_key, settings) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sites)',
                [self::DEFAULT_SITE, Config::defaultApiKey(), Json::encode(self::DEFAULTS)]
            );
        });
    }

    /** The site of a (trimmed) API key, or null. */
    public function byApiKey(string $apiKey): ?Site
    {
        $row = $this->db->one('SELECT * FROM sites WHERE api_key = ?', [trim($apiKey)]);
        return $row === null ? null : self::fromRow($row);
    }

    public function byName(string $name): ?Site
    {
        $row = $this->db->one('SELECT * FROM sites WHERE name = ?', [$name]);
        return $row === null ? null : self::fromRow($row);
    }

    /** @return list<Site> */
    public function all(): array
    {
        return array_map(self::fromRow(...), $this->db->all('SELECT * FROM sites ORDER BY name'));
    }

    /**
     * Creates the site or changes the given settings of an existing one.
     * @throws \InvalidArgumentException with a message that names the bad setting
     */
    public function upsert(string $name, array $changes): Site
    {
        if ($name === '' || Text::length($name) > 100) {
            throw new \InvalidArgumentException('site must be a non-empty name of at most 100 characters');
        }
        return $this->db->transaction(function () use ($name, $changes): Site {
            $existing = $this->byName($name);
            $apiKey = array_key_exists('api_key', $changes) ? $this->validApiKey($changes['api_key']) : $existing?->apiKey;
            unset($changes['api_key']);
            if ($apiKey === null) {
                throw new \InvalidArgumentException('api_key is required for a new site');
            }
            $other = $this->db->value('SELECT name FROM sites WHERE api_key = ? AND name <> ?', [$apiKey, $name]);
            if ($other !== null) {
                throw new \InvalidArgumentException("api_key is already used by site \"$other\"");
            }
            $settings = ($existing?->settings ?? self::DEFAULTS);
            foreach ($changes as $key => $value) {
                $settings[$key] = self::validSetting((string) $key, $value);
            }
            $this->db->run(
                'INSERT INTO sites(name, api_key, settings) VALUES(?, ?, ?)
                 ON CONFLICT(name) DO UPDATE SET api_key = excluded.api_key, settings = excluded.settings',
                [$name, $apiKey, Json::encode($settings)]
            );
            return new Site($name, $apiKey, $settings);
        });
    }

    private static function fromRow(array $row): Site
    {
        return new Site((string) $row['name'], (string) $row['api_key'], Json::decodeObject((string) $row['settings']) + self::DEFAULTS);
    }

    private function validApiKey(mixed $key): string
    {
        if (!is_string($key) || trim($key) === '') {
            throw new \InvalidArgumentException('api_key must be a non-empty string');
        }
        return trim($key);
    }

    private static function validSetting(string $key, mixed $value): mixed
    {
        if (!array_key_exists($key, self::DEFAULTS)) {
            throw new \InvalidArgumentException("unknown site setting \"$key\" (known: api_key, " . implode(', ', array_keys(self::DEFAULTS)) . ')');
        }
        return match ($key) {
            'dynamic_3d_rules' => ThreeDs::validateRules($value),
            'bin_countries' => self::countryTable($key, $value, '/^[1-9][0-9]{0,5}$/', '1 to 6 digits of a BIN (not starting with 0)'),
            'ip_countries' => self::countryTable($key, $value, '/^(?!0)[0-9a-fA-F.:]*$/', 'an IP address prefix (not starting with 0)'),
            'notification_retry_seconds', 'uncleared_resolve_seconds' => self::intIn($key, $value, 1, 86400 * 30),
            'notification_retries' => self::intIn($key, $value, 0, 10),
            'notification_timeout_ms' => self::intIn($key, $value, 100, 30000),
            default => is_bool($value) ? $value : throw new \InvalidArgumentException("$key must be true or false"),
        };
    }

    /** A prefix -> country table; an empty JSON array counts as an empty table. */
    private static function countryTable(string $key, mixed $value, string $prefixPattern, string $what): array
    {
        if (!is_array($value) || (array_is_list($value) && $value !== [])) {
            throw new \InvalidArgumentException("$key must be an object of prefix: country");
        }
        $table = [];
        foreach ($value as $prefix => $country) {
            $prefix = (string) $prefix;
            if (!preg_match($prefixPattern, $prefix)) {
                throw new \InvalidArgumentException("$key: \"$prefix\" is not $what");
            }
            if (!is_string($country) || !Iso::isCountry($country)) {
                throw new \InvalidArgumentException("$key: " . Json::encode($country) . ' is not an ISO 3166-1 alpha-2 code');
            }
            $table[$prefix] = $country;
        }
        return $table;
    }

    private static function intIn(string $key, mixed $value, int $min, int $max): int
    {
        if (!is_int($value) || $value < $min || $value > $max) {
            throw new \InvalidArgumentException("$key must be an integer from $min to $max");
        }
        return $value;
    }
}
