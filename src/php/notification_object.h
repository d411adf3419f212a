/* Msp\Notification, for the client binding. */
#ifndef MSP_PHP_NOTIFICATION_OBJECT_H
#define MSP_PHP_NOTIFICATION_OBJECT_H

#include "php.h"
#include "secmem.h"

extern zend_class_entry *msp_ce_Notification;

/* Verifies a POST notification with the key and puts the Msp\Notification in return_value, or
 * throws SignatureException (the JSON is parsed only after the signature holds). */
void msp_php_notification_verify(const msp_secbuf *key, const char *body, size_t body_len, const char *auth,
    size_t auth_len, zend_long tolerance, int64_t now, zval *return_value);

/* The current request as a notification (NULL for pre-transaction ones). */
void msp_php_notification_from_request(const msp_secbuf *key, zend_long tolerance, zval *return_value);

void msp_register_notification(void);

#endif
