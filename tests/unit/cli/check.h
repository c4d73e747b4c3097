/* Minimal assertions for kdiff's unit tests: a failed check prints
 * file:line and the expression, and the test exits 1 at the end. */
#ifndef KDIFF_TEST_CHECK_H
#define KDIFF_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

extern int check_failures;

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (!(cond)) {                                                              \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      check_failures++;                                                         \
    }                                                                           \
  } while (0)

#define CHECK_STR(a, b)                                                                    \
  do {                                                                                     \
    const char *a_ = (a), *b_ = (b);                                                       \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                               \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s = \"%s\", want \"%s\"\n", __FILE__,     \
              __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                       \
      check_failures++;                                                                    \
    }                                                                                      \
  } while (0)

#define CHECK_INT(a, b)                                                                       \
  do {                                                                                        \
    long long a_ = (long long)(a), b_ = (long long)(b);                                       \
    if (a_ != b_) {                                                                           \
      fprintf(stderr, "%s:%d: CHECK_INT failed: %s = %lld, want %lld\n", __FILE__, __LINE__, \
              #a, a_, b_);                                                                    \
      check_failures++;                                                                       \
    }                                                                                         \
  } while (0)

/* Returns the exit status for main. */
int check_done(const char *name);

/* The fixture directory (tests/cli), from the KDIFF_FIXTURES definition. */
const char *fixture(const char *name);

#endif
