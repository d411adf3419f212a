/* Msp\OrderState and friends, for the notification binding. */
#ifndef MSP_PHP_STATUS_OBJECT_H
#define MSP_PHP_STATUS_OBJECT_H

#include "php.h"
#include "response.h"
#include "status.h"

extern zend_class_entry *msp_ce_ShopAction;
extern zend_class_entry *msp_ce_FlowStage;
extern zend_class_entry *msp_ce_OrderState;
extern zend_class_entry *msp_ce_Transition;
extern zend_class_entry *msp_ce_StatusFlow;

/* The state an order reports: refunds counted from related transactions too (status.h). */
void msp_php_state_of_order(const msp_order *order, msp_status_state *out);

void msp_register_status(void);

#endif
