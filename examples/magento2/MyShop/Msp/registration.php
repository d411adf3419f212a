<?php
/*
 * EXAMPLE for plugin developers: a Magento 2 card payment module on the msp extension. Not a packaged
 * module: copy from it into app/code/MyShop/Msp/. The parts:
 *   Gateway/Command/SaleCommand.php    the payment gateway command: the card, the order, the retry rule
 *   Controller/Notify/Index.php        the notification_url (route msp/notify/index): verify, then apply
 *   Model/OrderSync.php                what MultiSafepay says about an order, applied once under a row lock
 *   Model/ClientFactory.php            one Msp\Client from the module's configuration
 * The gateway's virtual types (payment/msp_card in config.xml, the CommandPool with "sale" =>
 * SaleCommand, the value handlers) are Magento's usual payment gateway wiring and not repeated here.
 */
\Magento\Framework\Component\ComponentRegistrar::register(
    \Magento\Framework\Component\ComponentRegistrar::MODULE,
    'MyShop_Msp',
    __DIR__
);
