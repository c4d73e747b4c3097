/* kdiff's equivalence rules: every way the comparison drops, softens, folds
 * or reclassifies an event, declared in ONE table (rules.c) so that a clean
 * result can say what it rests on.
 *
 * A rule has a name (as the report prints it), what it matches, the stage
 * that applies it, and why it is sound: why two kernels that differ only in
 * what the rule matches are equally correct. The code that applies a rule
 * MUST ask rule_on() first and MUST count every event (or row) it changes
 * with rule_fire(); nothing else in kdiff may drop, soften, fold or
 * reclassify an event.
 *
 * A rule is softening when, turned off, the two traces still carry what is
 * needed to compare the matched events (only the verdict would change).
 * `--strict` turns every softening rule off. The others are not choices:
 * without them the two traces do not describe the same thing (the
 * launcher's calls before the test starts, a per-arch renaming, data one
 * side never records), or the user asked for them (--filter).
 *
 * Counts are per trace (struct trace.fired, written by the thread that
 * normalises that side) and per alignment (struct alignment.fired); the
 * report prints their sum, rules with no hits left out. */
#ifndef KDIFF_RULES_H
#define KDIFF_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rule_id {
  RULE_NONE, /* no rule: 0 in event.rule */
  RULE_EXECVE_PREFIX,
  RULE_FILTER,
  RULE_ARCH_RENAME,
  RULE_ARCH_ONLY,
  RULE_WILDCARD_ARG,
  RULE_THREAD_END,
  RULE_CRASH_CONSEQUENCE,
  RULE_RESTART_FOLD,
  RULE_EINTR_FOLD,
  RULE_CUT_SHORT,
  RULE_IGNORED_SIGNAL,
  RULE_SIGNALS_UNTRACED,
  RULE_SIGKILL_RECORD,
  RULE_DERIVED_EXIT,
  RULE_CLOCK_RESULT,
  RULE_TIMING_YIELD,
  RULE_TIMING_FUTEX,
  RULE_TIMING_WNOHANG,
  RULE_TIMING_SIGRETURN,
  RULE_TIMING_SLEEP_FOLD,
  RULE_TIMING_SLEEP_EINTR,
  RULE_TIMING_READ_FOLD,
  RULE_KILLED_TIMING,
  RULE_SIGNAL_PAIR,
  RULE_POLL_LOOP,
  RULE_STR_PREFIX,
  RULE_PROC_READ_COUNT,
  RULE_COUNT
};

enum rule_stage {
  STAGE_READ,      /* the trace readers (strace_parse.c, jsonl_read.c) */
  STAGE_NORMALISE, /* normalise.c's passes, one trace at a time */
  STAGE_TASKS,     /* per-task ends (tasks.c, sigdisp.c) */
  STAGE_TIMING,    /* multi-task traces only (timing.c) */
  STAGE_ALIGN,     /* row classification after alignment (align.c) */
};

struct rule {
  const char *name; /* "restart-fold": the report's spelling */
  enum rule_stage stage;
  bool softens;        /* --strict turns it off */
  const char *matches; /* what it applies to, one sentence */
  const char *sound;   /* why it hides no kernel bug, one sentence */
};

/* The table, indexed by enum rule_id (rules[RULE_NONE] is a placeholder). */
extern const struct rule rules[RULE_COUNT];

/* Set once, before any trace is normalised: --strict. */
extern bool rules_strict;

struct rule_counts {
  uint32_t n[RULE_COUNT];
};

/* True when rule r applies in this run (not turned off by --strict). */
static inline bool rule_on(enum rule_id r) {
  return !(rules_strict && rules[r].softens);
}

/* Counts one application of r in c. */
static inline void rule_fire(struct rule_counts *c, enum rule_id r) {
  c->n[r]++;
}

/* The rule called `name`, or RULE_NONE. */
enum rule_id rule_by_name(const char *name);

/* The stage's name as docs/kdiff.md spells it ("normalise", ...). */
const char *rule_stage_name(enum rule_stage s);

/* Writes "restart-fold 3, ignored-signal 1" (the rules that fired in
 * a + b + c, in table order; any may be NULL) into buf; "none" when nothing
 * fired. Returns buf. */
const char *rules_fired_str(const struct rule_counts *a,
                            const struct rule_counts *b,
                            const struct rule_counts *c, char *buf, size_t n);

#endif
