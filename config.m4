dnl msp: MultiSafepay direct card payments for PHP.

dnl How to get a libcurl with headers, for the configure errors below.
m4_define([MSP_CURL_HOWTO], [[Debian/Ubuntu: apt-get install libcurl4-openssl-dev (Debian 11+, Ubuntu 20.04+); RHEL family: dnf install libcurl-devel (RHEL/Alma/Rocky 9+; RHEL 8 ships 7.61, too old). Elsewhere, install libcurl 7.68 or newer into a prefix and put its lib/pkgconfig first in PKG_CONFIG_PATH]])

dnl MSP_CURL_NEED(symbol, libcurl version that added it)
dnl A libcurl feature msp cannot do without: configure stops, naming it, when libcurl lacks it.
AC_DEFUN([MSP_CURL_NEED], [
  AC_MSG_CHECKING([whether libcurl has $1 (libcurl $2)])
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <curl/curl.h>]], [[(void)$1;]])],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no])
     AC_MSG_ERROR([msp needs libcurl 7.68.0 or newer: the libcurl found by pkg-config ($msp_curl_version) has no $1, which libcurl $2 added. MSP_CURL_HOWTO.])])
])

dnl MSP_CURL_WANT(symbol, libcurl version that added it, the same as a hex number, what msp does without it)
dnl A libcurl feature newer than 7.68 that msp uses when it is there: defines HAVE_<symbol> to 1 or 0
dnl (http.c in src/core has the fallback). CFLAGS=-DMSP_CURL_COMPAT=0x074400 makes every feature libcurl
dnl added after 7.68.0 count as missing, so that the fallbacks can be built and tested with a current
dnl libcurl (scripts/test.sh does).
AC_DEFUN([MSP_CURL_WANT], [
  AC_MSG_CHECKING([whether libcurl has $1 (libcurl $2)])
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <curl/curl.h>
#if defined(MSP_CURL_COMPAT) && MSP_CURL_COMPAT < $3
#error hidden by MSP_CURL_COMPAT
#endif]], [[(void)$1;]])],
    [AC_MSG_RESULT([yes])
     AC_DEFINE([HAVE_$1], [1], [Define to 1 if libcurl has $1, else 0])],
    [AC_MSG_RESULT([no, $4])
     AC_DEFINE([HAVE_$1], [0], [Define to 1 if libcurl has $1, else 0])])
])

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
    AC_MSG_ERROR([msp needs pkg-config to find libcurl, OpenSSL and json-c (Debian/Ubuntu: apt-get install pkg-config; RHEL family: dnf install pkgconf-pkg-config)])
  fi

  dnl Each library is looked up on its own so the message names exactly what is missing.
  dnl libcurl is judged by what it has, not by its version number (distributions backport): first
  dnl any libcurl with headers, then, once the flags are in place below, each feature msp uses.
  PKG_CHECK_MODULES([MSP_CURL], [libcurl], [],
    [AC_MSG_ERROR([msp needs libcurl 7.68.0 or newer with its headers, and pkg-config found none. MSP_CURL_HOWTO.])])
  msp_curl_version=`$PKG_CONFIG --modversion libcurl 2>/dev/null`
  PKG_CHECK_MODULES([MSP_OPENSSL], [openssl >= 1.1.1], [],
    [AC_MSG_ERROR([msp needs OpenSSL >= 1.1.1 with its headers (Debian/Ubuntu: apt-get install libssl-dev; RHEL family: dnf install openssl-devel)])])
  dnl json-c reads every JSON answer and notification (0.13 keeps a double's text as written and
  dnl 0.14 brought UTF-8 validation and json_tokener_get_parse_end).
  PKG_CHECK_MODULES([MSP_JSONC], [json-c >= 0.14], [],
    [AC_MSG_ERROR([msp needs json-c >= 0.14 with its headers (Debian/Ubuntu: apt-get install libjson-c-dev; RHEL family: dnf install json-c-devel)])])

  PHP_EVAL_INCLINE([$MSP_CURL_CFLAGS $MSP_OPENSSL_CFLAGS $MSP_JSONC_CFLAGS])

  dnl What msp needs beyond libcurl 7.50 (each older feature it uses came before that).
  msp_saved_CPPFLAGS=$CPPFLAGS
  CPPFLAGS="$CPPFLAGS $MSP_CURL_CFLAGS"
  MSP_CURL_NEED([CURLINFO_CONTENT_LENGTH_DOWNLOAD_T], [7.55.0])
  MSP_CURL_NEED([CURL_LOCK_DATA_CONNECT], [7.57.0])
  MSP_CURL_NEED([CURLINFO_APPCONNECT_TIME_T], [7.61.0])
  MSP_CURL_NEED([CURLOPT_UPLOAD_BUFFERSIZE], [7.62.0])
  MSP_CURL_NEED([CURLOPT_MAXAGE_CONN], [7.65.0])
  MSP_CURL_NEED([curl_multi_poll], [7.66.0])
  dnl Newer features, used when present.
  MSP_CURL_WANT([CURLOPT_PREREQFUNCTION], [7.80.0], [0x075000],
    [POST and PATCH each open a connection of their own, so that libcurl never re-sends them])
  MSP_CURL_WANT([CURLOPT_MAXLIFETIME_CONN], [7.80.0], [0x075000],
    [busy connections are not renewed every 5 minutes])
  MSP_CURL_WANT([CURLINFO_CAINFO], [7.84.0], [0x075400], [the CA directory stays beside the bundle])
  MSP_CURL_WANT([CURLOPT_PROTOCOLS_STR], [7.85.0], [0x075500], [CURLOPT_PROTOCOLS is used])
  MSP_CURL_WANT([CURLOPT_CA_CACHE_TIMEOUT], [7.87.0], [0x075700],
    [the CA bundle is parsed for every new TLS connection])
  CPPFLAGS=$msp_saved_CPPFLAGS
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
