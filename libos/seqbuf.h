/* A bounded text buffer that generated files (procfs.h) print into.
 * Pure: formatting only (fmt.h), no allocation, so host tests use it as
 * it is. A buffer that runs out of room remembers it (`overflow`) instead
 * of printing part of a record; its owner retries with more room, as
 * Linux's seq_file does. */
#ifndef LIBOS_SEQBUF_H
#define LIBOS_SEQBUF_H

#include <stdbool.h>
#include <stddef.h>

struct seqbuf {
  char *buf; /* cap + 1 bytes: room for kvsnprintf's NUL */
  size_t len, cap;
  bool overflow; /* something did not fit: nothing more is appended */
};

/* Append formatted text (fmt.h's conversions); all of it or nothing. */
void seq_printf(struct seqbuf *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append n bytes; all of them or nothing. */
void seq_write(struct seqbuf *s, const void *p, size_t n);
/* Append spaces until the text is `width` bytes long (Linux's seq_pad
 * with seq_setwidth's mark at 0: a caller adds its line's start). */
void seq_pad_to(struct seqbuf *s, size_t width);

#endif
