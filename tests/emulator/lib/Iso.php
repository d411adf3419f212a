<?php

declare(strict_types=1);

namespace MspEmulator;

/**
 * Reference data the API validates against: ISO 4217 currencies with their minor units (List One as
 * in force in 2026, funds with minor units included, historic codes left out) and ISO 3166-1 alpha-2
 * country codes. Plus the fixed exchange rates the emulator uses to apply EUR limits to other
 * currencies (documented in README: the real API uses daily rates).
 */
final class Iso
{
    private const CURRENCIES = <<<'TXT'
AED:2 AFN:2 ALL:2 AMD:2 AOA:2 ARS:2 AUD:2 AWG:2 AZN:2 BAM:2 BBD:2 BDT:2 BHD:3 BIF:0 BMD:2 BND:2
BOB:2 BOV:2 BRL:2 BSD:2 BTN:2 BWP:2 BYN:2 BZD:2 CAD:2 CDF:2 CHE:2 CHF:2 CHW:2 CLF:4 CLP:0 CNY:2
COP:2 COU:2 CRC:2 CUP:2 CVE:2 CZK:2 DJF:0 DKK:2 DOP:2 DZD:2 EGP:2 ERN:2 ETB:2 EUR:2 FJD:2 FKP:2
GBP:2 GEL:2 GHS:2 GIP:2 GMD:2 GNF:0 GTQ:2 GYD:2 HKD:2 HNL:2 HTG:2 HUF:2 IDR:2 ILS:2 INR:2 IQD:3
IRR:2 ISK:0 JMD:2 JOD:3 JPY:0 KES:2 KGS:2 KHR:2 KMF:0 KPW:2 KRW:0 KWD:3 KYD:2 KZT:2 LAK:2 LBP:2
LKR:2 LRD:2 LSL:2 LYD:3 MAD:2 MDL:2 MGA:2 MKD:2 MMK:2 MNT:2 MOP:2 MRU:2 MUR:2 MVR:2 MWK:2 MXN:2
MXV:2 MYR:2 MZN:2 NAD:2 NGN:2 NIO:2 NOK:2 NPR:2 NZD:2 OMR:3 PAB:2 PEN:2 PGK:2 PHP:2 PKR:2 PLN:2
PYG:0 QAR:2 RON:2 RSD:2 RUB:2 RWF:0 SAR:2 SBD:2 SCR:2 SDG:2 SEK:2 SGD:2 SHP:2 SLE:2 SOS:2 SRD:2
SSP:2 STN:2 SVC:2 SYP:2 SZL:2 THB:2 TJS:2 TMT:2 TND:3 TOP:2 TRY:2 TTD:2 TWD:2 TZS:2 UAH:2 UGX:0
USD:2 USN:2 UYI:0 UYU:2 UYW:4 UZS:2 VED:2 VES:2 VND:0 VUV:0 WST:2 XAD:2 XAF:0 XCD:2 XCG:2 XOF:0
XPF:0 YER:2 ZAR:2 ZMW:2 ZWG:2
TXT;

    private const COUNTRIES = <<<'TXT'
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT
HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI
NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG
SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
TXT;

    /** Units of the currency per 1 EUR. Anything not listed counts 1 major unit as 1 EUR. */
    private const EUR_RATES = [
        'EUR' => 1.0, 'USD' => 1.08, 'GBP' => 0.85, 'CHF' => 0.95, 'SEK' => 11.5, 'NOK' => 11.7,
        'DKK' => 7.46, 'PLN' => 4.3, 'CZK' => 25.0, 'HUF' => 390.0, 'JPY' => 160.0, 'AUD' => 1.65,
        'CAD' => 1.47,
    ];

    private const COUNTRY_NAMES = [
        'NL' => 'The Netherlands', 'BE' => 'Belgium', 'DE' => 'Germany', 'FR' => 'France',
        'GB' => 'United Kingdom', 'US' => 'United States', 'ES' => 'Spain', 'IT' => 'Italy',
    ];

    /** @var array<string, int>|null */
    private static ?array $currencies = null;
    /** @var array<string, true>|null */
    private static ?array $countries = null;

    /** Minor units of an ISO 4217 code (upper case), or null when it is not one. */
    public static function minorUnits(string $currency): ?int
    {
        if (self::$currencies === null) {
            self::$currencies = [];
            foreach (preg_split('/\s+/', trim(self::CURRENCIES)) as $entry) {
                [$code, $units] = explode(':', $entry);
                self::$currencies[$code] = (int) $units;
            }
        }
        return self::$currencies[$currency] ?? null;
    }

    public static function isCountry(string $code): bool
    {
        if (self::$countries === null) {
            self::$countries = array_fill_keys(preg_split('/\s+/', trim(self::COUNTRIES)), true);
        }
        return isset(self::$countries[$code]);
    }

    public static function countryName(string $code): ?string
    {
        return self::COUNTRY_NAMES[$code] ?? null;
    }

    /** An amount in minor units of $currency, expressed in euro cents (rounded up, so limits err on refusing). */
    public static function toEuroCents(int $amount, string $currency): int
    {
        $minor = self::minorUnits($currency) ?? 2;
        $rate = self::EUR_RATES[$currency] ?? 1.0;
        return (int) ceil($amount / (10 ** $minor) / $rate * 100);
    }

    /** "12.50" for 1250 EUR, "1250" for 1250 JPY. */
    public static function formatAmount(int $amount, string $currency): string
    {
        $minor = self::minorUnits($currency) ?? 2;
        return number_format($amount / (10 ** $minor), $minor, '.', '');
    }
}
