dnl msp: MultiSafepay direct card payments for PHP.
PHP_ARG_ENABLE([msp],
  [whether to enable msp support],
  [AS_HELP_STRING([--enable-msp], [Enable msp (MultiSafepay direct card payments)])],
  [no])

if test "$PHP_MSP" != "no"; then
  dnl PHP 8.1 and older have no #[\SensitiveParameter], so exception traces would show card numbers,
  dnl CVCs and the API key, and they get no security fixes any more (8.1's ended 2025-12-31).
  dnl Refuse them here with the reason rather than fail later in the compiler.
  AC_MSG_CHECKING([for PHP 8.2 or newer])
  dnl A phpize build asks php-config (phpize sets PHP_CONFIG); php-src's own configure sets
  dnl PHP_VERSION_ID and PHP_VERSION.
  if test -n "$PHP_CONFIG"; then
    msp_php_version_id=`$PHP_CONFIG --vernum 2>/dev/null`
    msp_php_version=`$PHP_CONFIG --version 2>/dev/null`
  else
    msp_php_version_id=$PHP_VERSION_ID
    msp_php_version=$PHP_VERSION
  fi
  case "$msp_php_version_id" in
    ""|*[[!0-9]]*)
      AC_MSG_RESULT([unknown])
      AC_MSG_ERROR([msp could not tell the PHP version (php-config --vernum said "$msp_php_version_id")]) ;;
  esac
  if test "$msp_php_version_id" -lt 80200; then
    AC_MSG_RESULT([no, $msp_php_version])
    AC_MSG_ERROR([msp needs PHP 8.2 or newer (8.2 to 8.5 are supported), this is PHP $msp_php_version. PHP 8.1 and older have no @%:@@<:@\SensitiveParameter@:>@, so exception traces would show card numbers, CVCs and the API key, and they are past their end of life (no security fixes).])
  fi
  AC_MSG_RESULT([yes, $msp_php_version])

  PKG_PROG_PKG_CONFIG
  if test -z "$PKG_CONFIG"; then
    AC_MSG_ERROR([msp needs pkg-config to find libcurl, OpenSSL and json-c (Debian: apt-get install pkg-config)])
  fi

  dnl Each library is looked up on its own so the message names exactly what is missing.
  PKG_CHECK_MODULES([MSP_CURL], [libcurl >= 7.87.0], [],
    [AC_MSG_ERROR([msp needs libcurl >= 7.87.0 with its headers (Debian: apt-get install libcurl4-openssl-dev)])])
  PKG_CHECK_MODULES([MSP_OPENSSL], [openssl >= 1.1.1], [],
    [AC_MSG_ERROR([msp needs OpenSSL >= 1.1.1 with its headers (Debian: apt-get install libssl-dev)])])
  dnl json-c reads every JSON answer and notification (0.13 keeps a double's text as written and
  dnl 0.14 brought UTF-8 validation and json_tokener_get_parse_end).
  PKG_CHECK_MODULES([MSP_JSONC], [json-c >= 0.14], [],
    [AC_MSG_ERROR([msp needs json-c >= 0.14 with its headers (Debian/Ubuntu: apt-get install libjson-c-dev; RHEL family: dnf install json-c-devel)])])

  PHP_EVAL_INCLINE([$MSP_CURL_CFLAGS $MSP_OPENSSL_CFLAGS $MSP_JSONC_CFLAGS])
  PHP_EVAL_LIBLINE([$MSP_CURL_LIBS $MSP_OPENSSL_LIBS $MSP_JSONC_LIBS], [MSP_SHARED_LIBADD])

  dnl Bind every symbol when msp.so is loaded (-z now). With lazy binding, the first call of each
  dnl imported function runs the dynamic linker's resolver, which saves the vector registers on the
  dnl stack: a card number copied a moment before stayed there. (config.w32: Windows binds imports at
  dnl load time; there is nothing to ask for.)
  AC_MSG_CHECKING([whether the linker accepts -Wl,-z,now])
  msp_saved_LDFLAGS=$LDFLAGS
  LDFLAGS="$LDFLAGS -Wl,-z,now"
  AC_LINK_IFELSE([AC_LANG_PROGRAM([], [])], [msp_z_now=yes], [msp_z_now=no])
  LDFLAGS=$msp_saved_LDFLAGS
  AC_MSG_RESULT([$msp_z_now])
  if test "$msp_z_now" = "yes"; then
    MSP_SHARED_LIBADD="$MSP_SHARED_LIBADD -Wl,-z,now"
  fi
  PHP_SUBST([MSP_SHARED_LIBADD])

  MSP_CORE_SOURCES="src/core/error.c src/core/secmem.c src/core/card.c src/core/money.c src/core/status.c src/core/refund.c \
    src/core/threeds.c src/core/notify.c src/core/http.c src/core/tls.c src/core/json.c src/core/jsonw.c src/core/order.c \
    src/core/response.c src/core/redact.c src/core/api.c"
  MSP_PHP_SOURCES="src/php/exceptions.c src/php/card.c src/php/order.c src/php/client.c \
    src/php/status.c src/php/notification.c src/php/policy.c src/php/money.c"

  PHP_NEW_EXTENSION([msp], [msp.c $MSP_CORE_SOURCES $MSP_PHP_SOURCES], [$ext_shared],, [-DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -std=gnu11])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/core])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/php])
  PHP_ADD_INCLUDE([$ext_srcdir/src/core])
  PHP_ADD_INCLUDE([$ext_srcdir])
fi
