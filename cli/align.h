/* Aligns two normalised traces and finds the first divergence.
 *
 * Method: an LCS (Myers O(ND), myers.h) over the events that must match
 * exactly (norm_equal: name, errno, result, known arguments) anchors the
 * agreeing stretches; each gap between anchors is then aligned again on
 * names alone (kind + name), so a call present on both sides with another
 * result pairs up as a value/errno divergence and the rest are missing
 * (Linux only) or extra (libos only). No lookahead window: in a run of
 * repeated calls the pairing is the optimal one.
 *
 * Tasks: events are split per task (ev->pid: the identity tasks.h gives
 * them) and each task's sequence is aligned with the same task's on the
 * other side; rows come task by task in task_cmp order. The first
 * divergence is the divergent row that comes earliest in the Linux file
 * (a row without a Linux event counts at the next Linux row of its task;
 * ties by task order, then row), so a child's wrong result is named before
 * the parent's wait that sees it. */
#ifndef KDIFF_ALIGN_H
#define KDIFF_ALIGN_H

#include <stddef.h>

#include "trace.h"

enum row_status {
  ROW_EQUAL,
  ROW_ERRNO,   /* same call, different errno (or error vs success) */
  ROW_VALUE,   /* same call, different result or argument */
  ROW_MISSING, /* a Linux call the libos did not make */
  ROW_EXTRA,   /* a libos call Linux did not make */
  ROW_SIGNAL,  /* a signal differs, is missing or is extra */
  ROW_EXIT,    /* the final exit status differs */
  ROW_CRASH,   /* the libos panicked or its trace stopped early */
  ROW_TIMING,  /* not a divergence: what only the interleaving of tasks
                * decided (the timing rules of rules.h: killed-timing,
                * signal-pair, poll-loop, timing-futex) */
};

/* The --json spelling of a status: "equal", "errno", ... */
const char *row_status_name(enum row_status s);

struct row {
  int32_t l, r; /* event indices in the Linux / libos trace, -1: absent
                 * (32 bits: a row per event, a million events per side) */
  enum row_status st;
  uint32_t linux_index; /* Linux syscall index at this row (see --json) */
  uint32_t task;        /* interned task identity ("1", "1.2") */
  uint8_t rule;         /* ROW_TIMING: the rule that made it timing (rules.h) */
};

struct alignment {
  struct row *rows;
  size_t n;
  size_t first; /* index of the first divergent row, or (size_t)-1 */
  enum row_status first_kind; /* kind of the first divergence */
  size_t pairs, equal, divergent, missing, extra;
  size_t timing; /* ROW_TIMING rows */
  size_t linux_events, libos_events;
  size_t tasks;             /* tasks on either side */
  struct rule_counts fired; /* align-stage rules applied (rules.h) */
};

/* Aligns the live events of L (Linux) and R (libos), both normalised.
 * Returns 0, or -1 if out of memory. */
int align_traces(const struct trace *L, const struct trace *R,
                 struct alignment *a);

/* Frees the rows. */
void alignment_free(struct alignment *a);

#endif
