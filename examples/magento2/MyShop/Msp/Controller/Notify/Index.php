<?php
/*
 * EXAMPLE (see registration.php): the notification_url, https://shop.example/msp/notify/index.
 *
 * MultiSafepay signs the raw body with the website's API key. The raw body and the Auth header come
 * from Magento's request object (getContent(), getHeader('Auth')); verifyNotification() checks the
 * signature and the time window before any of the JSON is read. A request that does not verify is
 * answered 403 and changes nothing. The answer to MultiSafepay is the plain text OK.
 */
declare(strict_types=1);

namespace MyShop\Msp\Controller\Notify;

use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\CsrfAwareActionInterface;
use Magento\Framework\App\Request\Http as HttpRequest;
use Magento\Framework\App\Request\InvalidRequestException;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\Controller\Result\Raw;
use Magento\Framework\Controller\Result\RawFactory;
use Magento\Sales\Model\ResourceModel\Order\Payment\CollectionFactory as PaymentCollectionFactory;
use MyShop\Msp\Model\ClientFactory;
use MyShop\Msp\Model\OrderSync;
use Psr\Log\LoggerInterface;

class Index implements HttpPostActionInterface, CsrfAwareActionInterface
{
    public function __construct(
        private HttpRequest $request,
        private RawFactory $rawFactory,
        private ClientFactory $clients,
        private OrderSync $sync,
        private PaymentCollectionFactory $payments,
        private LoggerInterface $logger,
    ) {
    }

    public function execute(): Raw
    {
        $result = $this->rawFactory->create()->setHeader('Content-Type', 'text/plain', true);
        $client = $this->clients->create();
        try {
            // getContent(): the body exactly as received; never decode and re-encode it first.
            $notification = $client->verifyNotification($this->request->getContent(), (string) $this->request->getHeader('Auth'));
        } catch (\Msp\SignatureException | \Msp\InvalidArgumentException $e) {
            // Forged, tampered, too old, or no notification: nothing changes.
            $this->logger->warning('msp notification refused: ' . $e->getMessage());
            return $result->setHttpResponseCode(403)->setContents('forbidden');
        }
        $order = $notification->fetchOrder($client); // POST: the verified order, no second request
        $orderId = $this->orderIdOf($order->orderId);
        if ($orderId !== null) {
            // An exception here (the database is down) ends in a 500: MultiSafepay sends it again.
            $this->sync->apply($orderId, $order, $notification->eventId());
        }
        // Orders that are not ours are acknowledged too, or they are resent for days.
        return $result->setHttpResponseCode(200)->setContents('OK');
    }

    /** The Magento order whose payment carries this MultiSafepay order id (SaleCommand stored it). */
    private function orderIdOf(string $mspOrderId): ?int
    {
        foreach ($this->payments->create() as $payment) { // a real module filters in SQL (an indexed column)
            if ($payment->getAdditionalInformation('msp_order_id') === $mspOrderId) {
                return (int) $payment->getParentId();
            }
        }
        return null;
    }

    // MultiSafepay posts without Magento's form key: the signature takes the place of the CSRF check.
    public function createCsrfValidationException(RequestInterface $request): ?InvalidRequestException
    {
        return null;
    }

    public function validateForCsrf(RequestInterface $request): ?bool
    {
        return true;
    }
}
