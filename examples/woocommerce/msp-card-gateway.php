<?php
/**
 * Plugin Name: MyShop card payments with msp (example)
 * Description: An EXAMPLE for plugin developers of a WooCommerce card gateway on the msp extension. Not a packaged plugin: copy from it.
 * Requires PHP: 8.2
 * Requires Plugins: woocommerce
 *
 * The parts:
 *   class-wc-gateway-msp.php   the gateway: card form, process_payment() with the retry rule, process_refund()
 *   class-msp-order-sync.php   one function for what MultiSafepay says about an order, under a lock:
 *                              used by the notification route below and by the thank-you page
 *   this file                  wires them into WordPress: the gateway, the REST notification route,
 *                              the thank-you page
 *
 * msp itself is a PHP extension: the host installs it (README "Install"); this plugin refuses to
 * load without it rather than fail at the first payment.
 */

defined('ABSPATH') || exit;

if (!extension_loaded('msp')) {
    add_action('admin_notices', function () {
        echo '<div class="notice notice-error"><p>MyShop card payments need the msp PHP extension (php --ri msp).</p></div>';
    });
    return;
}

add_action('plugins_loaded', function () {
    if (!class_exists('WC_Payment_Gateway')) {
        return; // WooCommerce is not active
    }
    require_once __DIR__ . '/class-msp-order-sync.php';
    require_once __DIR__ . '/class-wc-gateway-msp.php';
    add_filter('woocommerce_payment_gateways', function (array $gateways): array {
        $gateways[] = WC_Gateway_Msp::class;
        return $gateways;
    });
});

/*
 * The notification_url: POST /wp-json/myshop-msp/v1/notify. MultiSafepay signs the raw body with the
 * website's API key; verifyNotification() checks that before anything is read, so the route needs no
 * WordPress authentication, and a request that does not verify changes nothing (403).
 */
add_action('rest_api_init', function () {
    register_rest_route('myshop-msp/v1', '/notify', [
        'methods' => 'POST',
        'permission_callback' => '__return_true', // the signature is the authentication
        'callback' => 'myshop_msp_notification',
    ]);
});

function myshop_msp_notification(WP_REST_Request $request)
{
    $gateway = WC_Gateway_Msp::instance();
    try {
        // get_body(): the body exactly as received (the signature is over these bytes; never
        // json_decode() and re-encode it). get_header('auth'): the Auth header, any case.
        $notification = $gateway->client()->verifyNotification($request->get_body(), (string) $request->get_header('auth'));
    } catch (Msp\SignatureException | Msp\InvalidArgumentException $e) {
        // Forged, tampered, too old, or no notification at all: nothing is changed.
        wc_get_logger()->warning('msp notification refused: ' . $e->getMessage(), ['source' => 'msp']);
        return new WP_REST_Response(['error' => 'not verified'], 403);
    }
    $order = $notification->fetchOrder($gateway->client()); // POST: the verified order, no second request
    $wc_order = wc_get_order(WC_Gateway_Msp::wc_order_id($order->orderId));
    if (!$wc_order) {
        // Not one of ours (another shop on the same website key?): acknowledge, or it is resent for days.
        Msp\Notification::respondOk();
        exit;
    }
    // An exception here (the database is down) ends the request with a 500: MultiSafepay resends it.
    Msp_Order_Sync::apply($wc_order, $order, $notification->eventId());
    Msp\Notification::respondOk(); // HTTP 200 with the plain body "OK" (a WP_REST_Response would send "\"OK\"")
    exit;
}

/*
 * The redirect_url is WooCommerce's thank-you page: the customer may be back before the notification,
 * or after it. Both go through Msp_Order_Sync::apply(), which locks the order, so the payment is
 * booked once whichever comes first.
 */
add_action('woocommerce_thankyou_msp_card', function ($order_id) {
    $wc_order = wc_get_order($order_id);
    if (!$wc_order || $wc_order->is_paid()) {
        return;
    }
    try {
        $order = WC_Gateway_Msp::instance()->client()->getOrder(WC_Gateway_Msp::msp_order_id($wc_order));
        Msp_Order_Sync::apply($wc_order, $order);
    } catch (Msp\Exception $e) {
        // The notification will tell; the page shows the order as pending meanwhile.
        wc_get_logger()->info('msp: status on the thank-you page: ' . $e->getMessage(), ['source' => 'msp']);
    }
});
