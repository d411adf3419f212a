<?php
/*
 * EXAMPLE (see registration.php): the payment gateway command that takes the card payment (the
 * "sale" command of the module's CommandPool).
 *
 * The card: msp reads it with \Msp\Card::fromRequest() from the form post of the request that
 * places the order, and wipes the number and CVC in $_POST, $_REQUEST and php://input. So the
 * checkout must post the card fields as a form (application/x-www-form-urlencoded) to a controller
 * that places the order, with the names below: Magento's REST checkout sends JSON, which PHP does not
 * put in $_POST and which the framework decodes into copies of its own before any module runs, and
 * card data must never go through the payment's additional_information (it is stored).
 */
declare(strict_types=1);

namespace MyShop\Msp\Gateway\Command;

use Magento\Framework\UrlInterface;
use Magento\Payment\Gateway\Command\CommandException;
use Magento\Payment\Gateway\CommandInterface;
use Magento\Payment\Gateway\Helper\SubjectReader;
use Magento\Sales\Model\Order\Payment;
use MyShop\Msp\Model\ClientFactory;
use MyShop\Msp\Model\OrderSync;

class SaleCommand implements CommandInterface
{
    /** Attempts of createOrder() after a failure that is not definite (the retry rule). */
    private const ATTEMPTS = 3;

    public function __construct(
        private ClientFactory $clients,
        private OrderSync $sync,
        private UrlInterface $urls,
    ) {
    }

    public function execute(array $commandSubject)
    {
        $paymentDO = SubjectReader::readPayment($commandSubject);
        /** @var Payment $payment */
        $payment = $paymentDO->getPayment();
        $order = $paymentDO->getOrder();

        try {
            // First thing, before anything copies or trims the fields.
            $card = \Msp\Card::fromRequest('payment[cc_number]', 'payment[cc_exp_month]', 'payment[cc_exp_year]', 'payment[cc_cid]');
        } catch (\Msp\CardException $e) {
            throw new CommandException(__($e->getMessage())); // never contains the number or CVC
        }

        // MultiSafepay's order id: the increment id, plus the number of earlier definite refusals, so
        // that a customer who tries again after a decline gets a new one and a retry never does.
        $attempt = (int) $payment->getAdditionalInformation('msp_attempt');
        $mspOrderId = $order->getOrderIncrementId() . ($attempt > 0 ? '-' . $attempt : '');
        $currency = $order->getCurrencyCode();
        $amount = \Msp\Money::toMinorUnits((string) SubjectReader::readAmount($commandSubject), $currency);
        $billing = $order->getBillingAddress();
        $request = (new \Msp\OrderRequest($mspOrderId, $amount, $currency, 'Order ' . $order->getOrderIncrementId(), $card))
            ->customer(['ip_address' => $order->getRemoteIp(), 'country' => $billing?->getCountryId(),
                'email' => $billing?->getEmail(), 'first_name' => $billing?->getFirstname(), 'last_name' => $billing?->getLastname()])
            ->notificationUrl($this->urls->getUrl('msp/notify/index'), 'POST')
            ->redirectUrl($this->urls->getUrl('checkout/onepage/success'))
            ->cancelUrl($this->urls->getUrl('checkout/cart'))
            ->plugin('Magento', '2', '0.1.0');

        $client = $this->clients->create((int) $order->getStoreId());
        // The retry rule (README): after any failure that is not definite, the same request again,
        // with the same order id: msp makes MultiSafepay's duplicate refusal return the first order,
        // so the customer is never charged twice.
        $result = null;
        for ($try = 1; $result === null; $try++) {
            try {
                $result = $client->createOrder($request);
            } catch (\Msp\NetworkException $e) {
                if ($try < self::ATTEMPTS) {
                    usleep(500000 * $try);
                    continue;
                }
                // Still unknown: leave the order pending; the notification tells what happened.
                // Never tell the customer it failed.
                $payment->setIsTransactionPending(true);
                $payment->setAdditionalInformation('msp_order_id', $mspOrderId);
                return null;
            } catch (\Msp\ApiException $e) {
                // Definite: a new attempt needs a new order id.
                $payment->setAdditionalInformation('msp_attempt', $attempt + 1);
                throw new CommandException(__('The payment could not be processed. Please try again.'));
            }
        }

        $payment->setAdditionalInformation('msp_order_id', $mspOrderId);
        if ($result->requiresVerification()) {
            // 3-D Secure: the frontend sends the customer here after placing the order.
            $payment->setAdditionalInformation('msp_redirect_url', $result->verification->url);
            $payment->setIsTransactionPending(true);
            return null;
        }
        if ($result->status === \Msp\OrderStatus::Declined) {
            $payment->setAdditionalInformation('msp_attempt', $attempt + 1);
            throw new CommandException(__('Your card was declined. Please try another card.'));
        }
        // Paid or held for review. The order is saved after this command: its first state is
        // stored here; OrderSync applies every later one under the order's lock.
        $payment->setTransactionId((string) $result->transactionId);
        $payment->setIsTransactionPending(!$result->isPaid());
        $payment->setAdditionalInformation('msp_state', \Msp\OrderState::fromOrder($result)->toArray());
        if ($result->isPaid()) {
            $payment->setAdditionalInformation('msp_paid_order_id', $mspOrderId);
        }
        return null;
    }
}
