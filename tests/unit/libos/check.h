/* A tiny assertion kit for the libos unit tests: every failed check is
 * printed with its line, and the test exits non-zero if any failed. */
#ifndef LIBOS_TEST_CHECK_H
#define LIBOS_TEST_CHECK_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

extern int check_failures;
extern long check_count;

#define CHECK(cond)                                                         \
  do {                                                                      \
    check_count++;                                                          \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,     \
              #cond);                                                       \
      check_failures++;                                                     \
    }                                                                       \
  } while (0)

#define CHECK_MSG(cond, ...)                                                \
  do {                                                                      \
    check_count++;                                                          \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__,     \
              #cond);                                                       \
      fprintf(stderr, __VA_ARGS__);                                         \
      fputc('\n', stderr);                                                  \
      check_failures++;                                                     \
    }                                                                       \
  } while (0)

/* Print the summary; the exit status for main(). */
int check_done(const char *name);

/* kpanic() in host tests: with panic_trap armed it longjmps there (so a
 * test can assert that misuse panics), otherwise it aborts. */
extern jmp_buf *panic_trap;
extern char panic_msg[256];

/* Evaluates to 1 when `stmt` called kpanic(), 0 when it returned. */
#define PANICS(stmt)                                                        \
  ({                                                                        \
    jmp_buf jb_;                                                            \
    int hit_ = 0;                                                           \
    panic_trap = &jb_;                                                      \
    if (setjmp(jb_) == 0) {                                                 \
      stmt;                                                                 \
    } else {                                                                \
      hit_ = 1;                                                             \
    }                                                                       \
    panic_trap = NULL;                                                      \
    hit_;                                                                   \
  })

#endif
