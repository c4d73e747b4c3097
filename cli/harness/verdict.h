/* The verdict of one contract test on one architecture (CONTRACTS.md), as a
 * pure function of the two runs' facts, so it can be unit-tested alone. */
#ifndef KDIFF_HARNESS_VERDICT_H
#define KDIFF_HARNESS_VERDICT_H

#include <stddef.h>

typedef enum verdict {
  V_PASS,
  V_FAIL,
  V_DIVG,
  V_TIMEOUT,
  V_CRASH,
  V_XFAIL,
  V_XPASS,
  V_LINUX_FAIL,
  V_COUNT
} verdict;

/* How a side ended, compared by value: an exit code or a signal name. */
typedef enum status_kind { ST_NONE, ST_EXIT, ST_SIGNAL } status_kind;
typedef struct exit_status {
  status_kind kind; /* ST_NONE: no status known (no exit record, no run) */
  int code;         /* ST_EXIT: 0..255 */
  char sig[24];     /* ST_SIGNAL: "SIGSEGV" (strace's spelling) */
} exit_status;

struct run_result;
/* How a native run ended as an exit_status (ST_NONE: it did not end by
 * exit or signal: timed out, failed). */
exit_status exit_status_of_run(const struct run_result *r);

/* What a known divergence's run must show to be an XFAIL (known.h
 * "expect"): the library OS's status described as exit_status_describe()
 * does ("killed by SIGILL", "exit 3"), and/or its exact stdout. NULL: not
 * part of the expectation; both NULL: nothing is expected, so nothing is an
 * XFAIL. */
typedef struct known_expect {
  const char *status;
  const char *out;
  size_t out_len;
} known_expect;

/* The facts a verdict is decided from. Outputs are raw bytes. */
typedef struct verdict_input {
  int linux_ok;             /* 0: the reference could not run or timed out */
  exit_status linux_status; /* how the Linux run ended */
  const char *linux_out;    /* its stdout */
  size_t linux_out_len;
  int guest_timed_out;      /* QEMU passed its time limit and was killed */
  int guest_panicked;       /* the trace holds a panic record */
  exit_status guest_status; /* from the exit record; ST_NONE if none */
  const char *guest_out;    /* the console */
  size_t guest_out_len;
  int known;                /* listed in known-divergences.json for this arch */
  known_expect expect;      /* when known: the outcome the listing names */
} verdict_input;

typedef struct verdict_result {
  verdict v;          /* the verdict */
  verdict underlying; /* for XFAIL/XPASS: what it would be unlisted; else v */
  const char *why;    /* one short phrase: "exit status differs", ... */
} verdict_result;

/* Decide. The rules, in order:
 * 1. LINUX_FAIL if Linux could not run or timed out, printed a CONTRACT_FAIL
 *    line, or printed CONTRACT_PASS but not as its last line or did not exit
 *    0 afterwards. (A test with neither marker -- process.hello -- is a
 *    behaviour test: any Linux status is the reference.)
 * 2. CRASH on a panic record; TIMEOUT past the limit; CRASH with no exit
 *    record once QEMU is gone.
 * 3. FAIL if the guest printed a CONTRACT_FAIL line.
 * 4. PASS if stdout and status are identical, else DIVG.
 * 5. If listed as known: PASS becomes XPASS; a FAIL or DIVG whose run shows
 *    exactly the expected outcome (in->expect) becomes XFAIL; any other
 *    outcome (TIMEOUT, CRASH, another status or output) keeps its own
 *    verdict, its `why` saying it is not the listed one; LINUX_FAIL stays
 *    (the test is wrong whatever the kernel). */
verdict_result verdict_decide(const verdict_input *in);

/* "PASS", "XFAIL", ... */
const char *verdict_name(verdict v);

/* The verdict named by s, or V_COUNT if none. */
verdict verdict_parse(const char *s);

/* 1 if CTest should count this verdict as passing (PASS, XFAIL), else 0. */
int verdict_ok(verdict v);

/* 1 if the buffer has a line starting with prefix (e.g. "CONTRACT_PASS"). */
int has_marker_line(const char *buf, size_t len, const char *prefix);

/* Describe a status: "exit 3", "killed by SIGSEGV", "none". Returns buf. */
const char *exit_status_describe(const exit_status *s, char *buf, size_t len);

/* 1 if two statuses are the same (kind and value); ST_NONE equals nothing. */
int exit_status_equal(const exit_status *a, const exit_status *b);

#endif
