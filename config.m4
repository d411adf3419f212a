dnl msp: MultiSafepay direct card payments for PHP.
PHP_ARG_ENABLE([msp],
  [whether to enable msp support],
  [AS_HELP_STRING([--enable-msp], [Enable msp (MultiSafepay direct card payments)])],
  [no])

if test "$PHP_MSP" != "no"; then
  PKG_PROG_PKG_CONFIG
  if test -z "$PKG_CONFIG"; then
    AC_MSG_ERROR([msp needs pkg-config to find libcurl and OpenSSL (Debian: apt-get install pkg-config)])
  fi

  dnl Each library is looked up on its own so the message names exactly what is missing.
  PKG_CHECK_MODULES([MSP_CURL], [libcurl >= 7.87.0], [],
    [AC_MSG_ERROR([msp needs libcurl >= 7.87.0 with its headers (Debian: apt-get install libcurl4-openssl-dev)])])
  PKG_CHECK_MODULES([MSP_OPENSSL], [openssl >= 1.1.1], [],
    [AC_MSG_ERROR([msp needs OpenSSL >= 1.1.1 with its headers (Debian: apt-get install libssl-dev)])])

  PHP_EVAL_INCLINE([$MSP_CURL_CFLAGS $MSP_OPENSSL_CFLAGS])
  PHP_EVAL_LIBLINE([$MSP_CURL_LIBS $MSP_OPENSSL_LIBS], [MSP_SHARED_LIBADD])

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
    src/core/threeds.c src/core/notify.c src/core/http.c src/core/json.c src/core/jsonw.c src/core/order.c \
    src/core/response.c src/core/api.c"
  MSP_PHP_SOURCES="src/php/exceptions.c src/php/card.c src/php/order.c src/php/client.c \
    src/php/status.c src/php/notification.c src/php/policy.c"

  PHP_NEW_EXTENSION([msp], [msp.c $MSP_CORE_SOURCES $MSP_PHP_SOURCES], [$ext_shared],, [-DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -std=gnu11])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/core])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/php])
  PHP_ADD_INCLUDE([$ext_srcdir/src/core])
  PHP_ADD_INCLUDE([$ext_srcdir])
fi
