/* HTML escaping of untrusted bytes: trace lines, program output, file names.
 *
 * Every string that comes from a trace or a run goes through one of these
 * two functions and nothing else, so a hostile trace cannot end an element,
 * an attribute or a script: `&` `<` `>` `"` `'` become character references.
 * Bytes that are not printable text are shown, never passed through: each
 * byte of an invalid UTF-8 sequence (stray continuation bytes, overlong
 * forms, surrogates, code points above U+10FFFF, truncated sequences) and
 * each C0 control byte other than tab and newline becomes the four
 * characters `\xNN`; C1 controls (U+0080..U+009F, valid UTF-8 but invisible)
 * become `\u00NN`. Valid UTF-8 text passes unchanged.
 *
 * Output errors are the stream's (ferror); these functions do not report. */
#ifndef KDIFF_HTML_ESCAPE_H
#define KDIFF_HTML_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..n) to f as element content; `\xNN` stand-ins are wrapped in
 * <span class="x"> so a page can style them apart from literal text. */
void html_text(FILE *f, const char *s, size_t n);

/* Writes s[0..n) to f for a quoted attribute value (either quote): the same
 * escaping as html_text, with the stand-ins as plain text (no markup). */
void html_attr(FILE *f, const char *s, size_t n);

/* Length of the valid UTF-8 sequence at s[0..n) (1..4), or 0 when s[0]
 * does not start one. Exposed for tests. */
size_t html_utf8_len(const unsigned char *s, size_t n);

#endif
