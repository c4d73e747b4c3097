/*
 * String and memory helpers for HAL code, which has no libc and MUST NOT
 * call libos's (hal.h). Shared: implemented once in hal/common/hstring.c,
 * so a port uses them and does not implement them. libos has its own
 * (libos/kstring.h) and does not use these.
 *
 * The helpers never turn into calls to memset/memcpy (the compiler may
 * emit those for plain loops; here they would reach into libos).
 */
#ifndef HAL_HSTRING_H
#define HAL_HSTRING_H

#include <stddef.h>
#include <stdint.h>

/* Set `n` bytes at `d` to `c`; returns `d`. */
void *hal_memset(void *d, int c, size_t n);

/* Copy `n` bytes from `s` to `d` (MUST NOT overlap); returns `d`. */
void *hal_memcpy(void *d, const void *s, size_t n);

/* Length of the NUL-terminated string `s`. */
size_t hal_strlen(const char *s);

/* <0, 0 or >0 as `a` sorts before, equal to or after `b` (bytes unsigned). */
int hal_strcmp(const char *a, const char *b);

/* Append `s` to the NUL-terminated string in `buf` (`size` bytes, > 0),
 * cutting it to fit; `buf` stays NUL-terminated. Returns the new length. */
size_t hal_strappend(char *buf, size_t size, const char *s);

/* "0x" and the lowercase hex digits of `v` without leading zeros,
 * NUL-terminated (`out` MUST hold HAL_HEX_MAX bytes). Returns the length
 * without the NUL. */
#define HAL_HEX_MAX 19
size_t hal_hex(char *out, uint64_t v);

#endif
