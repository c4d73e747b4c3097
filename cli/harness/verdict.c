/* verdict_decide() and the small facts it rests on. */
#include "verdict.h"

#include <stdio.h>
#include <string.h>

#include "run.h"

static const char *const names[V_COUNT] = {
    [V_PASS] = "PASS",       [V_FAIL] = "FAIL",   [V_DIVG] = "DIVG",
    [V_TIMEOUT] = "TIMEOUT", [V_CRASH] = "CRASH", [V_XFAIL] = "XFAIL",
    [V_XPASS] = "XPASS",     [V_LINUX_FAIL] = "LINUX_FAIL",
};

const char *verdict_name(verdict v) {
  return v < V_COUNT ? names[v] : "?";
}

verdict verdict_parse(const char *s) {
  for (int v = 0; v < V_COUNT; v++)
    if (!strcmp(s, names[v]))
      return (verdict)v;
  return V_COUNT;
}

int verdict_ok(verdict v) {
  return v == V_PASS || v == V_XFAIL;
}

int has_marker_line(const char *buf, size_t len, const char *prefix) {
  size_t pl = strlen(prefix);
  for (size_t i = 0; i < len;) {
    if (len - i >= pl && !memcmp(buf + i, prefix, pl))
      return 1;
    const char *nl = memchr(buf + i, '\n', len - i);
    if (!nl)
      break;
    i = (size_t)(nl - buf) + 1;
  }
  return 0;
}

/* 1 if the last line (ignoring one trailing newline) starts with prefix. */
static int last_line_has(const char *buf, size_t len, const char *prefix) {
  if (len > 0 && buf[len - 1] == '\n')
    len--;
  size_t start = len;
  while (start > 0 && buf[start - 1] != '\n')
    start--;
  size_t pl = strlen(prefix);
  return len - start >= pl && !memcmp(buf + start, prefix, pl);
}

const char *exit_status_describe(const exit_status *s, char *buf, size_t len) {
  if (s->kind == ST_EXIT)
    snprintf(buf, len, "exit %d", s->code);
  else if (s->kind == ST_SIGNAL)
    snprintf(buf, len, "killed by %s", s->sig);
  else
    snprintf(buf, len, "none");
  return buf;
}

int exit_status_equal(const exit_status *a, const exit_status *b) {
  if (a->kind == ST_NONE || a->kind != b->kind)
    return 0;
  return a->kind == ST_EXIT ? a->code == b->code : !strcmp(a->sig, b->sig);
}

static verdict_result unlisted(const verdict_input *in) {
  const char *lo = in->linux_out;
  size_t ll = in->linux_out_len;
  if (!in->linux_ok)
    return (verdict_result){V_LINUX_FAIL, V_LINUX_FAIL, "the Linux run did not complete"};
  if (has_marker_line(lo, ll, "CONTRACT_FAIL"))
    return (verdict_result){V_LINUX_FAIL, V_LINUX_FAIL, "Linux printed CONTRACT_FAIL"};
  if (has_marker_line(lo, ll, "CONTRACT_PASS")) {
    if (!last_line_has(lo, ll, "CONTRACT_PASS"))
      return (verdict_result){V_LINUX_FAIL, V_LINUX_FAIL,
                              "CONTRACT_PASS is not the last line on Linux"};
    /* A test may pass and then end by a signal's default action on
     * purpose (CONTRACTS.md); what it may not do is exit non-zero. */
    if (in->linux_status.kind == ST_EXIT && in->linux_status.code != 0)
      return (verdict_result){V_LINUX_FAIL, V_LINUX_FAIL,
                              "Linux printed CONTRACT_PASS but did not exit 0"};
  }
  if (in->guest_panicked)
    return (verdict_result){V_CRASH, V_CRASH, "the kernel panicked"};
  if (in->guest_timed_out)
    return (verdict_result){V_TIMEOUT, V_TIMEOUT, "no exit within the time limit"};
  if (in->guest_status.kind == ST_NONE)
    return (verdict_result){V_CRASH, V_CRASH, "QEMU ended without an exit record"};
  if (has_marker_line(in->guest_out, in->guest_out_len, "CONTRACT_FAIL"))
    return (verdict_result){V_FAIL, V_FAIL, "the library OS printed CONTRACT_FAIL"};
  int same_out = in->guest_out_len == ll && !memcmp(in->guest_out, lo, ll);
  int same_status = exit_status_equal(&in->linux_status, &in->guest_status);
  if (same_out && same_status)
    return (verdict_result){V_PASS, V_PASS, "same output and exit status"};
  if (!same_out && !same_status)
    return (verdict_result){V_DIVG, V_DIVG, "output and exit status differ"};
  return (verdict_result){V_DIVG, V_DIVG,
                          same_out ? "exit status differs" : "output differs"};
}

/* The run shows what the listing expects. */
static int as_expected(const verdict_input *in) {
  const known_expect *x = &in->expect;
  if (!x->status && !x->out)
    return 0;
  char st[64];
  if (x->status && strcmp(exit_status_describe(&in->guest_status, st, sizeof st), x->status))
    return 0;
  return !x->out ||
         (in->guest_out_len == x->out_len && !memcmp(in->guest_out, x->out, x->out_len));
}

verdict_result verdict_decide(const verdict_input *in) {
  verdict_result r = unlisted(in);
  if (!in->known || r.v == V_LINUX_FAIL)
    return r;
  if (r.v == V_PASS) {
    r.v = V_XPASS;
    r.why = "listed as a known divergence but passes: remove the listing";
  } else if ((r.v == V_FAIL || r.v == V_DIVG) && as_expected(in)) {
    r.v = V_XFAIL;
  } else {
    r.why = r.v == V_CRASH     ? "listed as a known divergence, but the kernel crashed"
            : r.v == V_TIMEOUT ? "listed as a known divergence, but the run timed out"
                               : "listed as a known divergence, but not with this outcome";
  }
  return r;
}

exit_status exit_status_of_run(const run_result *r) {
  exit_status s = {0};
  if (r->end == RUN_EXITED) {
    s.kind = ST_EXIT;
    s.code = r->code;
  } else if (r->end == RUN_SIGNALED) {
    s.kind = ST_SIGNAL;
    snprintf(s.sig, sizeof s.sig, "%s", run_signal_name(r->code));
  }
  return s;
}
