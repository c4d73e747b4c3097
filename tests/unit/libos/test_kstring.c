/* libos/kstring.c against libc on every alignment, length and overlap that
 * matters (the word loops have head/body/tail paths). */
#include <stdint.h>
#include <string.h>

#include "check.h"

void *ks_memcpy(void *dst, const void *src, size_t n);
void *ks_memmove(void *dst, const void *src, size_t n);
void *ks_memset(void *dst, int c, size_t n);
int ks_memcmp(const void *a, const void *b, size_t n);
size_t ks_strlen(const char *s);
size_t ks_strnlen(const char *s, size_t max);
int ks_strcmp(const char *a, const char *b);
int ks_strncmp(const char *a, const char *b, size_t n);
char *ks_strchr(const char *s, int c);

static int sign(int v) { return (v > 0) - (v < 0); }

static void fill(unsigned char *p, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; i++)
    p[i] = (unsigned char)(seed * 31u + i * 7u + (i >> 3));
}

static void test_copy_set(void) {
  enum { N = 96 };
  unsigned char src[N + 16], a[N + 32], b[N + 32];
  for (size_t so = 0; so < 9; so++)
    for (size_t doff = 0; doff < 9; doff++)
      for (size_t n = 0; n <= 70; n++) {
        fill(src, sizeof src, (unsigned)(so + n));
        memset(a, 0x11, sizeof a);
        memset(b, 0x11, sizeof b);
        CHECK(ks_memcpy(a + doff, src + so, n) == a + doff);
        memcpy(b + doff, src + so, n);
        CHECK(memcmp(a, b, sizeof a) == 0);

        memset(a, 0x22, sizeof a);
        memset(b, 0x22, sizeof b);
        CHECK(ks_memset(a + doff, (int)(0x100 + n), n) == a + doff);
        memset(b + doff, (int)(0x100 + n), n); /* only the low byte counts */
        CHECK(memcmp(a, b, sizeof a) == 0);
      }
}

static void test_memmove(void) {
  enum { N = 80 };
  unsigned char a[N], b[N];
  for (size_t from = 0; from < 24; from++)
    for (size_t to = 0; to < 24; to++)
      for (size_t n = 0; n + (from > to ? from : to) <= N; n += 3) {
        fill(a, N, (unsigned)(from * 3 + to));
        memcpy(b, a, N);
        CHECK(ks_memmove(a + to, a + from, n) == a + to);
        memmove(b + to, b + from, n);
        CHECK_MSG(memcmp(a, b, N) == 0, "from %zu to %zu n %zu", from, to, n);
      }
}

static void test_compare(void) {
  unsigned char x[40], y[40];
  fill(x, sizeof x, 5);
  memcpy(y, x, sizeof y);
  CHECK(ks_memcmp(x, y, sizeof x) == 0);
  CHECK(ks_memcmp(x, y, 0) == 0);
  for (size_t i = 0; i < sizeof x; i++) {
    y[i] = (unsigned char)(x[i] + 1);
    CHECK(sign(ks_memcmp(x, y, sizeof x)) == sign(memcmp(x, y, sizeof x)));
    CHECK(sign(ks_memcmp(y, x, sizeof x)) == sign(memcmp(y, x, sizeof x)));
    CHECK(ks_memcmp(x, y, i) == 0);
    y[i] = x[i];
  }
  /* Bytes compare unsigned: 0x80 > 0x7f. */
  unsigned char hi = 0x80, lo = 0x7f;
  CHECK(ks_memcmp(&hi, &lo, 1) > 0);

  const char *strs[] = {"", "a", "ab", "abc", "abd", "b", "\x80", "\x7f",
                        "abcdefghijklmnop", "abcdefghijklmnoq"};
  size_t ns = sizeof strs / sizeof strs[0];
  for (size_t i = 0; i < ns; i++) {
    CHECK(ks_strlen(strs[i]) == strlen(strs[i]));
    for (size_t m = 0; m < 20; m++)
      CHECK(ks_strnlen(strs[i], m) == strnlen(strs[i], m));
    for (size_t j = 0; j < ns; j++) {
      CHECK_MSG(sign(ks_strcmp(strs[i], strs[j])) ==
                    sign(strcmp(strs[i], strs[j])),
                "'%s' vs '%s'", strs[i], strs[j]);
      for (size_t n = 0; n < 18; n++)
        CHECK(sign(ks_strncmp(strs[i], strs[j], n)) ==
              sign(strncmp(strs[i], strs[j], n)));
    }
  }
}

static void test_strchr(void) {
  const char *s = "hello, world";
  for (int c = 0; c < 256; c++)
    CHECK(ks_strchr(s, c) == strchr(s, c));
  CHECK(ks_strchr(s, 0) == s + strlen(s)); /* the terminator is found */
  CHECK(ks_strchr(s, 'o' + 256) == strchr(s, 'o')); /* c converts to char */
}

int main(void) {
  test_copy_set();
  test_memmove();
  test_compare();
  test_strchr();
  return check_done("test_kstring");
}
