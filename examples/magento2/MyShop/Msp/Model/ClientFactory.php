<?php
/*
 * EXAMPLE (see registration.php): one Msp\Client from the module's configuration. The key is read
 * from Magento's encrypted config and handed to msp, which keeps it in wiped memory and never shows
 * it in dumps, traces or logged events. Connections are kept per php-fpm worker (msp.pool_size), so a
 * new Client per request costs no new TLS handshake.
 */
declare(strict_types=1);

namespace MyShop\Msp\Model;

use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\Encryption\EncryptorInterface;
use Magento\Store\Model\ScopeInterface;
use Psr\Log\LoggerInterface;

class ClientFactory
{
    public function __construct(
        private ScopeConfigInterface $config,
        private EncryptorInterface $encryptor,
        private LoggerInterface $logger,
    ) {
    }

    /** @throws \Msp\InvalidArgumentException when the configuration is not acceptable (an empty key, ...) */
    public function create(?int $storeId = null): \Msp\Client
    {
        $key = $this->encryptor->decrypt((string) $this->config->getValue('payment/msp_card/api_key', ScopeInterface::SCOPE_STORE, $storeId));
        return new \Msp\Client($key, [
            'environment' => $this->config->isSetFlag('payment/msp_card/live', ScopeInterface::SCOPE_STORE, $storeId) ? 'live' : 'test',
            'timeout' => 30, // the whole call: retries and look-ups included
            'user_agent' => 'MyShopMsp/0.1 (Magento 2)',
            // One redacted event per HTTP attempt: card numbers keep their last 4 digits, no CVC, no key.
            'logger' => fn (array $event) => $this->logger->debug('msp', $event),
        ]);
    }
}
