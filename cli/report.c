/* Text report. Cells are cut to a fixed width so rows line up. */
#include "report.h"

#include <string.h>

#include "normalise.h"
#include "syscall_names.h"

#define CELL 58

/* An ERESTART*-folded call: "[restarted]" when it ran again and its final
 * result is shown, "[interrupted]" when the program saw rt_sigreturn's
 * EINTR (the call never ran again). */
static const char *restart_mark(const struct event *e) {
  if (!(e->flags & EVF_RESTARTED))
    return "";
  return (e->flags & EVF_ERR) && e->err && !strcmp(intern_str(e->err), "EINTR")
             ? " [interrupted]"
             : " [restarted]";
}

const char *report_result(const struct trace *t, const struct event *e, char *buf, size_t n) {
  char v[64];
  switch (e->kind) {
  case EV_SIGNAL:
    snprintf(buf, n, "%s %s", intern_str(e->name), e->code ? intern_str(e->code) : "");
    break;
  case EV_EXIT:
    if (e->code)
      snprintf(buf, n, "killed by %s", intern_str(e->code));
    else
      snprintf(buf, n, "exited with %lld", (long long)e->ret);
    break;
  case EV_CRASH:
    snprintf(buf, n, "%s%.*s", t->panic_msg && e->text == t->panic_msg ? "panic: " : "",
             e->text ? (int)e->textlen : 5, e->text ? e->text : "crash");
    break;
  default:
    if (e->flags & EVF_ERR) {
      snprintf(buf, n, "-1 %s", intern_str(e->err));
      break;
    }
    norm_value_str(&e->nret, v, sizeof v);
    const char *note = "";
    if (e->nret.cls == VAL_BRK && e->nargs && e->arg[0].cls == VAL_BRK &&
        e->arg[0].v != e->nret.v) {
      /* A move was asked for: say so when the break stayed where it was. */
      for (const struct event *p = e; p-- > t->ev;)
        if (p->kind == EV_SYSCALL && p->name == e->name && !(p->flags & EVF_DROP)) {
          if (p->nret.cls == VAL_BRK && p->nret.v == e->nret.v)
            note = " (unchanged)";
          break;
        }
    }
    snprintf(buf, n, "%s%s", v, note);
  }
  return buf;
}

const char *report_cell(const struct trace *t, const struct event *e, char *buf, size_t n) {
  char res[160];
  report_result(t, e, res, sizeof res);
  switch (e->kind) {
  case EV_SIGNAL:
    snprintf(buf, n, "--- %s ---", res);
    return buf;
  case EV_EXIT:
    snprintf(buf, n, "+++ %s +++", res);
    return buf;
  case EV_CRASH:
    snprintf(buf, n, "*** %s", res);
    return buf;
  default:
    break;
  }
  size_t k = (size_t)snprintf(buf, n, "%s(", intern_str(e->name));
  for (int i = 0; i < e->nargs && k < n; i++) {
    char v[256];
    const struct kval *a = &e->arg[i];
    const char *s = a->cls == VAL_UNKNOWN ? "_" : norm_value_str(a, v, sizeof v);
    if (a->cls == VAL_NUM && a->v == -100 && !(e->flags & EVF_MAPPED) &&
        sc_arg_kind(e->name, i) == AK_FD)
      s = "AT_FDCWD"; /* a dirfd: what strace prints */
    k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? ", " : "", s);
  }
  if (k < n)
    snprintf(buf + k, n - k, ") = %s%s", res, restart_mark(e));
  return buf;
}

void report_diverging_values(const struct trace *L, const struct event *le,
                             const struct trace *R, const struct event *re, char *lb,
                             char *rb, size_t n) {
  snprintf(lb, n, "(none)");
  snprintf(rb, n, "(none)");
  if (le)
    report_result(L, le, lb, n);
  if (re)
    report_result(R, re, rb, n);
  if (!le || !re || le->kind != EV_SYSCALL || strcmp(lb, rb) != 0)
    return;
  int na = le->nargs < re->nargs ? le->nargs : re->nargs;
  for (int i = 0; i < na; i++) {
    const struct kval *x = &le->arg[i], *y = &re->arg[i];
    if (x->cls == VAL_UNKNOWN || y->cls == VAL_UNKNOWN)
      continue;
    char xs[512], ys[512];
    norm_value_str(x, xs, sizeof xs);
    norm_value_str(y, ys, sizeof ys);
    if (!norm_val_equal(x, y)) {
      char res[128];
      snprintf(res, sizeof res, "%s", lb);
      snprintf(lb, n, "arg %d = %s (returned %s)", i, xs, res);
      snprintf(rb, n, "arg %d = %s (returned %s)", i, ys, res);
      return;
    }
  }
}

void report_window(const struct alignment *a, const struct report_opts *o, size_t *from,
                   size_t *to) {
  if (o->all || a->n == 0) {
    *from = 0;
    *to = a->n;
    return;
  }
  size_t at = a->first == (size_t)-1 ? a->n : a->first;
  *from = at > o->context ? at - o->context : 0;
  *to = at + o->context + 1 < a->n ? at + o->context + 1 : a->n;
  if (a->first == (size_t)-1)
    *from = a->n > o->context ? a->n - o->context : 0; /* the end of the runs */
}

static void cut(char *s, size_t w) {
  if (strlen(s) > w) {
    s[w - 3] = '.';
    s[w - 2] = '.';
    s[w - 1] = '.';
    s[w] = 0;
  }
}

void report_text(FILE *f, const struct trace *L, const struct trace *R,
                 const struct alignment *a, const struct report_opts *o) {
  fprintf(f, "Aligned %zu syscall pairs. Divergences: %zu\n", a->pairs, a->divergent);
  fprintf(f, "  (Linux %zu events, libos %zu; %zu equal, %zu missing on libos, %zu extra on libos",
          a->linux_events, a->libos_events, a->equal, a->missing, a->extra);
  if (a->timing)
    fprintf(f, ", %zu timing", a->timing);
  if (a->tasks > 1)
    fprintf(f, "; %zu tasks", a->tasks);
  fputs(")\n", f);
  char fired[1024];
  fprintf(f, "  rules%s: %s\n", rules_strict ? " (--strict: softening rules off)" : "",
          rules_fired_str(&L->fired, &R->fired, &a->fired, fired, sizeof fired));
  size_t from, to;
  report_window(a, o, &from, &to);
  /* With several tasks each row says whose it is: "1.2:5" (task:index). */
  bool tasks = a->tasks > 1;
  if (to > from)
    fprintf(f, "  %*s  %-*s | %s\n", tasks ? 12 : 7, tasks ? "task:#linux" : "#linux", CELL,
            "Linux", "libos");
  if (from > 0)
    fprintf(f, "  %*s  ...\n", tasks ? 12 : 7, "");
  for (size_t k = from; k < to; k++) {
    const struct row *r = &a->rows[k];
    char lc[512] = "", rc[512] = "";
    if (r->l >= 0)
      report_cell(L, &L->ev[r->l], lc, sizeof lc);
    if (r->r >= 0)
      report_cell(R, &R->ev[r->r], rc, sizeof rc);
    cut(lc, CELL);
    cut(rc, 200);
    bool bad = r->st != ROW_EQUAL && r->st != ROW_TIMING;
    const char *on = bad && o->color ? "\033[31m" : "", *off = bad && o->color ? "\033[0m" : "";
    char idx[48] = "";
    bool has_idx = r->l >= 0 && L->ev[r->l].kind == EV_SYSCALL;
    if (tasks)
      snprintf(idx, sizeof idx, "%s:", intern_str(r->task));
    if (has_idx)
      snprintf(idx + strlen(idx), sizeof idx - strlen(idx), "%u", r->linux_index);
    char why[64] = "";
    if (r->st == ROW_TIMING && r->rule)
      snprintf(why, sizeof why, " (%s)", rules[r->rule].name);
    fprintf(f, "%s%c %*s  %-*s %c %s%s%s%s\n", on, k == a->first ? '>' : bad ? '!' : ' ',
            tasks ? 12 : 7, idx, CELL, lc, bad ? '|' : r->st == ROW_TIMING ? '~' : '=', rc,
            r->st != ROW_EQUAL ? "   <- " : "", r->st != ROW_EQUAL ? row_status_name(r->st) : "",
            why);
    if (*off)
      fputs(off, f);
  }
  if (to < a->n)
    fprintf(f, "  %*s  ...\n", tasks ? 12 : 7, "");
  if (a->first == (size_t)-1) {
    fprintf(f, o->runs && !(o->runs->same_output && o->runs->same_status)
                   ? "No divergence in the traces, but the runs differ "
                     "(below).\n"
                   : "No divergence: the runs agree.\n");
    return;
  }
  const struct row *r = &a->rows[a->first];
  const struct event *le = r->l >= 0 ? &L->ev[r->l] : NULL;
  const struct event *re = r->r >= 0 ? &R->ev[r->r] : NULL;
  const struct event *e = le ? le : re;
  char lv[1024], rv[1024];
  report_diverging_values(L, le, R, re, lv, rv, sizeof lv);
  char where[64] = "";
  if (le && le->line)
    snprintf(where, sizeof where, ", trace line %u", le->line);
  fprintf(f, "ROOT CAUSE CANDIDATE: %s%s (%s, task %s, Linux #%u%s)\n", intern_str(e->name),
          e->kind == EV_SYSCALL ? "()" : "", row_status_name(a->first_kind),
          intern_str(r->task), r->linux_index, where);
  if (!le)
    fprintf(f, "  Linux  -> (no such call)\n");
  else
    fprintf(f, "  Linux  -> %s\n", lv);
  if (!re)
    fprintf(f, "  libos  -> (no such call%s)\n", a->first_kind == ROW_CRASH ? ": the libos trace ends in a crash" : "");
  else
    fprintf(f, "  libos  -> %s\n", rv);
  if (R->unimplemented)
    fprintf(f, "  libos logged %zu unimplemented syscall(s), first: %s\n", R->unimplemented,
            R->first_unimpl ? intern_str(R->first_unimpl) : "(unnamed)");
  if (R->panic_msg)
    fprintf(f, "  libos panic: %s\n", R->panic_msg);
}
