/* ksnprintf against the host's snprintf, for every supported conversion,
 * flag and modifier, and at every truncation size. */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "check.h"
#include "libos/fmt.h"

/* Format with both, at full size and at every smaller buffer size. */
#define SAME(...)                                                           \
  do {                                                                      \
    char want[512], got[512];                                               \
    int wn = snprintf(want, sizeof want, __VA_ARGS__);                      \
    int gn = ksnprintf(got, sizeof got, __VA_ARGS__);                       \
    CHECK_MSG(wn == gn && strcmp(want, got) == 0,                           \
              "%s: want [%s] (%d) got [%s] (%d)", #__VA_ARGS__, want, wn,   \
              got, gn);                                                     \
    for (size_t sz = 0; sz <= (size_t)wn + 1 && sz < sizeof got; sz++) {    \
      memset(got, 'Z', sizeof got);                                         \
      memset(want, 'Z', sizeof want);                                       \
      snprintf(want, sz, __VA_ARGS__);                                      \
      int tn = ksnprintf(got, sz, __VA_ARGS__);                             \
      CHECK_MSG(tn == wn && memcmp(want, got, sizeof got) == 0,             \
                "%s at size %zu", #__VA_ARGS__, sz);                        \
    }                                                                       \
  } while (0)

static void test_ints(void) {
  const int iv[] = {0, 1, -1, 7, -42, 1000000, INT_MAX, INT_MIN};
  for (size_t i = 0; i < sizeof iv / sizeof iv[0]; i++) {
    int v = iv[i];
    SAME("%d", v);
    SAME("%i|%5d|%-5d|%05d|%012d", v, v, v, v, v);
    SAME("%u %x %X %o", (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v);
    SAME("[%8x][%-8x][%08X][%3o]", (unsigned)v, (unsigned)v, (unsigned)v,
         (unsigned)v);
    SAME("%.3d|%.0d|%8.3d|%-8.3d", v, v, v, v);
    SAME("%*d|%-*d|%*d", 6, v, 6, v, -6, v);
  }
  const long long lv[] = {0, 1, -1, LLONG_MAX, LLONG_MIN, 0x123456789abLL};
  for (size_t i = 0; i < sizeof lv / sizeof lv[0]; i++) {
    long long v = lv[i];
    SAME("%lld %llu %llx %llX %llo", v, (unsigned long long)v,
         (unsigned long long)v, (unsigned long long)v, (unsigned long long)v);
    SAME("%ld %lu %lx %20ld %-20lx|", (long)v, (unsigned long)v,
         (unsigned long)v, (long)v, (unsigned long)v);
    SAME("%zu %zx %zd %016zx", (size_t)v, (size_t)v, (ssize_t)v, (size_t)v);
  }
  SAME("%llu %llx", ULLONG_MAX, ULLONG_MAX);
  SAME("%lu", ULONG_MAX);
}

static void test_strings_chars(void) {
  const char *sv[] = {"", "a", "hello", "a longer string with spaces"};
  for (size_t i = 0; i < sizeof sv / sizeof sv[0]; i++) {
    const char *s = sv[i];
    SAME("%s|", s);
    SAME("[%10s][%-10s][%.3s][%10.2s][%-10.0s]", s, s, s, s, s);
    SAME("%.*s|%*s|%-*s|%.*s", 4, s, 7, s, 7, s, -1, s);
  }
  SAME("%.*s", 3, "ab\0cd"); /* precision stops at the NUL too */
  SAME("%c%c%c", 'a', 0x7f, '%');
  SAME("[%3c][%-3c]", 'x', 'y');
  SAME("100%% %s%%", "sure");
  SAME("no conversions at all");
  SAME("%s", "");
}

static void test_pointers(void) {
  int x;
  void *pv[] = {&x, (void *)0x1000, (void *)UINTPTR_MAX};
  for (size_t i = 0; i < sizeof pv / sizeof pv[0]; i++) {
    SAME("%p", pv[i]);
    SAME("[%20p][%-20p]", pv[i], pv[i]);
  }
  /* NULL differs from glibc's "(nil)" on purpose: always hex. */
  char b[32];
  CHECK(ksnprintf(b, sizeof b, "%p", (void *)0) == 3 && !strcmp(b, "0x0"));
}

/* These deliberately break printf rules that gcc checks. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
static void test_edges(void) {
  /* '0' is ignored with a precision or '-', as C says. */
  const int ev[] = {0, 5, -5, 123456};
  for (size_t i = 0; i < 4; i++)
    SAME("%08.3d|%-08d|%-08x|%08.0d", ev[i], ev[i], (unsigned)ev[i], ev[i]);
  char b[16];
  /* size 0: nothing written, length still returned. */
  memset(b, 'Q', sizeof b);
  CHECK(ksnprintf(b, 0, "%d", 12345) == 5 && b[0] == 'Q');
  CHECK(ksnprintf(NULL, 0, "%s-%d", "abc", 7) == 5);
  /* Unknown conversions come out verbatim rather than eating arguments. */
  CHECK(ksnprintf(b, sizeof b, "a%qb") == 4 && !strcmp(b, "a%qb"));
  CHECK(ksnprintf(b, sizeof b, "end%") == 4 && !strcmp(b, "end%"));
  /* A NULL %s does not crash. */
  CHECK(ksnprintf(b, sizeof b, "%s", (char *)NULL) == 6 &&
        !strcmp(b, "(null)"));
}

int main(void) {
  test_ints();
  test_strings_chars();
  test_pointers();
  test_edges();
  return check_done("test_fmt");
}
