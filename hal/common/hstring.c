/* See hal/hstring.h. Byte loops through volatile pointers: the compiler
 * must not recognise them and emit calls to libos's memset/memcpy. */
#include <hal/hstring.h>

void *hal_memset(void *d, int c, size_t n) {
  volatile unsigned char *p = d;
  while (n--)
    *p++ = (unsigned char)c;
  return d;
}

void *hal_memcpy(void *d, const void *s, size_t n) {
  volatile unsigned char *p = d;
  const unsigned char *q = s;
  while (n--)
    *p++ = *q++;
  return d;
}

size_t hal_strlen(const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

int hal_strcmp(const char *a, const char *b) {
  while (*a && *a == *b)
    a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

size_t hal_strappend(char *buf, size_t size, const char *s) {
  size_t n = hal_strlen(buf);
  volatile char *p = buf;
  while (*s && n + 1 < size)
    p[n++] = *s++;
  p[n] = '\0';
  return n;
}

size_t hal_hex(char *out, uint64_t v) {
  char tmp[16];
  int n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  out[0] = '0';
  out[1] = 'x';
  size_t at = 2;
  while (n > 0)
    out[at++] = tmp[--n];
  out[at] = '\0';
  return at;
}
