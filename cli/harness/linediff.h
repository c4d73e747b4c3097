/* A unified diff of two short texts (program outputs), for people to read. */
#ifndef KDIFF_HARNESS_LINEDIFF_H
#define KDIFF_HARNESS_LINEDIFF_H

#include <stddef.h>
#include <stdio.h>

/* Write to f a unified diff of a (old, labelled a_label) against b (new),
 * as one hunk with every line shown (outputs are short, and the equal lines
 * are the context that explains a divergence). Lines compare byte for byte,
 * newline included; a last line without one is marked "\ No newline at end
 * of file". Bytes that would garble a terminal are shown as \xNN. At most
 * max_lines lines of the hunk are written, then a count of the rest.
 * Uses a longest-common-subsequence alignment, so an inserted line shows as
 * one '+', not as every later line changed. Returns the number of lines
 * that differ (0: identical). */
size_t linediff_print(FILE *f, const char *a_label, const char *a, size_t alen,
                      const char *b_label, const char *b, size_t blen,
                      size_t max_lines);

/* Write text to f with each line prefixed by indent, escaped as above, and
 * at most max_lines lines. Empty text prints "<indent>(empty)". */
void linediff_print_block(FILE *f, const char *indent, const char *text,
                          size_t len, size_t max_lines);

#endif
