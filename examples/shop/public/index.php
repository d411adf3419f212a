<?php

declare(strict_types=1);

/* The product page: what the shop sells, each with a button to its checkout. */

require __DIR__ . '/../src/shop.php';

$cards = '';
foreach (SHOP_PRODUCTS as $id => $product) {
    $cards .= '<article class="product"><h2>' . h($product['name']) . '</h2><p>' . h($product['text']) . '</p>'
        . '<p class="price">' . h(shop_money(shop_price($id))) . '</p>'
        . '<a class="button" id="buy-' . h($id) . '" href="/checkout.php?product=' . h(rawurlencode($id)) . '">Buy</a></article>';
}
shop_page('Products', '<div class="products">' . $cards . '</div>');
