/* g_autoptr() support for the library types that lack it.  Each block is
 * active only when that library's header was included before this one, so a
 * module pays only for the libraries it uses. */
#pragma once

#include <glib.h>

#if defined(SQLITE3_H) && !defined(XF_AUTOCLEANUP_SQLITE)
#define XF_AUTOCLEANUP_SQLITE
typedef sqlite3_stmt XfSqliteStmt;
static inline void xf_sqlite_finalize (XfSqliteStmt *stmt) { sqlite3_finalize (stmt); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfSqliteStmt, xf_sqlite_finalize)
#endif

#if defined(LEPTONICA_ALLHEADERS_H) && !defined(XF_AUTOCLEANUP_LEPT)
#define XF_AUTOCLEANUP_LEPT
static inline void xf_pix_destroy (PIX *pix) { pixDestroy (&pix); }
static inline void xf_pixa_destroy (PIXA *pixa) { pixaDestroy (&pixa); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PIX, xf_pix_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PIXA, xf_pixa_destroy)
#endif

#if defined(API_CAPI_H_) && !defined(XF_AUTOCLEANUP_TESS)
#define XF_AUTOCLEANUP_TESS
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessBaseAPI, TessBaseAPIDelete)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessResultIterator, TessResultIteratorDelete)
#endif

#if defined(CURLINC_CURL_H) && !defined(XF_AUTOCLEANUP_CURL)
#define XF_AUTOCLEANUP_CURL
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)
#endif

#if defined(__GMIME_H__) && !defined(XF_AUTOCLEANUP_GMIME)
#define XF_AUTOCLEANUP_GMIME
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParserOptions, g_mime_parser_options_free)
#endif
