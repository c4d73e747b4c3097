/* The C memory and string functions for the freestanding kernel. gcc may
 * emit calls to memcpy/memset/memmove/memcmp itself, so these must exist and
 * must not be compiled back into calls to themselves: the attribute stops
 * gcc's loop-to-libcall transformation inside this file. */
#include "libos/kstring.h"

#include <stdint.h>

#if defined(__clang__)
#define KSTRING_FN __attribute__((no_builtin))
#else
#define KSTRING_FN __attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif

/* Word access to memory of any type without breaking aliasing rules. */
typedef uint64_t __attribute__((may_alias)) kword;

KSTRING_FN void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  /* Word copies when both sides share alignment: the kernel copies pages. */
  if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
    while (n && ((uintptr_t)d & 7)) {
      *d++ = *s++;
      n--;
    }
    for (; n >= 8; n -= 8, d += 8, s += 8)
      *(kword *)(void *)d = *(const kword *)(const void *)s;
  }
  while (n--)
    *d++ = *s++;
  return dst;
}

KSTRING_FN void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d == s || n == 0)
    return dst;
  if ((uintptr_t)d < (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n)
    return memcpy(dst, src, n); /* forward copy cannot clobber unread bytes */
  while (n--)
    d[n] = s[n];
  return dst;
}

KSTRING_FN void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  unsigned char b = (unsigned char)c;
  while (n && ((uintptr_t)d & 7)) {
    *d++ = b;
    n--;
  }
  if (n >= 8) {
    uint64_t w = 0x0101010101010101ull * b;
    for (; n >= 8; n -= 8, d += 8)
      *(kword *)(void *)d = w;
  }
  while (n--)
    *d++ = b;
  return dst;
}

KSTRING_FN int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

KSTRING_FN size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

KSTRING_FN size_t strnlen(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n])
    n++;
  return n;
}

KSTRING_FN int strcmp(const char *a, const char *b) {
  const unsigned char *x = (const unsigned char *)a;
  const unsigned char *y = (const unsigned char *)b;
  while (*x && *x == *y) {
    x++;
    y++;
  }
  return *x < *y ? -1 : *x > *y;
}

KSTRING_FN int strncmp(const char *a, const char *b, size_t n) {
  const unsigned char *x = (const unsigned char *)a;
  const unsigned char *y = (const unsigned char *)b;
  for (; n; n--, x++, y++) {
    if (*x != *y)
      return *x < *y ? -1 : 1;
    if (!*x)
      return 0;
  }
  return 0;
}

KSTRING_FN char *strchr(const char *s, int c) {
  char ch = (char)c;
  for (;; s++) {
    if (*s == ch)
      return (char *)s;
    if (!*s)
      return NULL;
  }
}
