/* Msp\OrderRequest and Msp\Order, shared with the client and notification bindings. */
#ifndef MSP_PHP_ORDER_H
#define MSP_PHP_ORDER_H

#include "php.h"
#include "order.h" /* src/core */
#include "response.h"

extern zend_class_entry *msp_ce_OrderRequest;
extern zend_class_entry *msp_ce_Order;
extern zend_class_entry *msp_ce_Verification;
extern zend_class_entry *msp_ce_Refund;
extern zend_class_entry *msp_ce_OrderStatus;
extern zend_class_entry *msp_ce_TransactionStatus;

/* The core request behind an OrderRequest object (NULL when never constructed). */
const msp_order_request *msp_php_order_request(zend_object *obj);

/* Creates an Msp\Order in *zv from a core order, taking ownership of it. */
void msp_php_order_wrap(zval *zv, msp_order *order);

/* The core order behind an Order object. */
const msp_order *msp_php_order(zend_object *obj);

/* What refund.h needs to know about an order. */
#include "refund.h"
void msp_php_order_ledger(const msp_order *order, msp_refund_ledger *ledger);

/* A JSON value as a PHP value, as json_decode($json, true) gives it (objects become arrays). */
void msp_php_json_to_zval(const msp_json *value, zval *out);

void msp_register_order(void);

#endif
