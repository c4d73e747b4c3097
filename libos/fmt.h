/* Minimal formatted output into a buffer, for the kernel log. */
#ifndef LIBOS_FMT_H
#define LIBOS_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * snprintf subset: %d %i %u %x %X %o %c %s %p %% with the l, ll, z length
 * modifiers, a field width ('*' too), '0' and '-' flags and a precision for
 * %s and the integers (%.*s too), all as C specifies. Differences: %p is
 * always "0x<hex>" (NULL too), a NULL %s prints "(null)", an unknown
 * conversion is copied out verbatim. Always NUL-terminates when size > 0;
 * returns the length the full output would have had.
 */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
