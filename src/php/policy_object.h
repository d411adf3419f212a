/* Msp\ThreeDsPolicy and Msp\ThreeDsDecision, for the order binding. */
#ifndef MSP_PHP_POLICY_OBJECT_H
#define MSP_PHP_POLICY_OBJECT_H

#include "php.h"
#include "card.h"

extern zend_class_entry *msp_ce_ThreeDsReason;
extern zend_class_entry *msp_ce_ThreeDsPolicy;
extern zend_class_entry *msp_ce_ThreeDsDecision;

/* The payment a decision was made for, and whether it requires 3DS; false when not initialized. */
bool msp_php_decision_payment(
    zend_object *decision, msp_card_brand *brand, zend_long *amount, const char **currency, bool *required);

void msp_register_policy(void);

#endif
