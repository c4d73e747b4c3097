/* Test helper: builds a Linux strace text and a libos JSONL text from a
 * compact spec, one event a line, then reads, normalises and aligns them:
 *   "brk 0 = 0x5000"        a call with numeric arguments and its result
 *   "open 0 0 = -1 ENOENT"  a failing call (errno name)
 *   "SIG SIGSEGV SEGV_MAPERR", "EXIT 3", "KILL SIGSEGV", "PANIC text"
 * The strace side starts with an execve marker and uses pid 4242; the libos
 * side has a boot record and pid 1. */
#ifndef KDIFF_TEST_PAIR_H
#define KDIFF_TEST_PAIR_H

#include <stdbool.h>

#include "align.h"
#include "normalise.h"

struct pair {
  struct trace L, R;
  struct alignment a;
};

/* Writes the strace text for spec into out (size n). */
void spec_to_strace(const char *spec, char *out, size_t n);

/* Writes the JSONL text for spec into out (size n). */
void spec_to_jsonl(const char *spec, char *out, size_t n);

/* Loads, normalises (filter: comma list or NULL) and aligns. Returns 0 or
 * -1 (a reader failed: the message is printed). */
int pair_run(struct pair *p, const char *linux_spec, const char *libos_spec, const char *filter);

void pair_free(struct pair *p);

/* The first divergence's kind name, "none" when the runs agree. */
const char *pair_kind(const struct pair *p);

/* The first divergence's Linux index (-1 when none). */
long pair_index(const struct pair *p);

#endif
