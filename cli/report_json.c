/* --json: the report's facts as one object (schema in docs/kdiff.md). */
#include <jansson.h>
#include <string.h>

#include "report.h"

static json_t *side(const struct trace *t, const struct event *e) {
  if (!e)
    return json_null();
  char res[256], cell[512];
  json_t *o = json_object();
  json_object_set_new(o, "value", json_string(report_result(t, e, res, sizeof res)));
  json_object_set_new(o, "event", json_string(report_cell(t, e, cell, sizeof cell)));
  if (e->kind == EV_SYSCALL && (e->flags & EVF_ERR))
    json_object_set_new(o, "errno", json_string(intern_str(e->err)));
  if (e->line)
    json_object_set_new(o, "line", json_integer(e->line));
  if (e->kind == EV_SYSCALL && e->text && e->text != t->panic_msg)
    json_object_set_new(o, "text", json_stringn(e->text, e->textlen));
  return o;
}

/* One side's interrupted calls folded (restart.h): how many, by outcome,
 * and by the spelling the trace used (only spellings seen). */
static json_t *restart_side(const struct trace *t) {
  const struct restart_stats *r = &t->restarts;
  json_t *o = json_object();
  json_object_set_new(o, "restart-fold", json_integer(t->fired.n[RULE_RESTART_FOLD]));
  json_object_set_new(o, "eintr-fold", json_integer(t->fired.n[RULE_EINTR_FOLD]));
  json_object_set_new(o, "restarted", json_integer(r->restarted));
  json_object_set_new(o, "eintr", json_integer(r->eintr));
  json_object_set_new(o, "cut_short", json_integer(r->cut_short));
  json_t *sp = json_object();
  for (int k = 0; k < SPELL_COUNT; k++)
    if (r->spelling[k])
      json_object_set_new(sp, restart_spelling_name((enum restart_spelling)k),
                          json_integer(r->spelling[k]));
  json_object_set_new(o, "spelling", sp);
  return o;
}

static const struct event *ev_at(const struct trace *t, int64_t i) {
  return i >= 0 ? &t->ev[i] : NULL;
}

int report_json(const char *path, const struct trace *L, const struct trace *R,
                const struct alignment *a, const struct report_opts *o, struct kd_error *e) {
  json_t *root = json_object();
  json_object_set_new(root, "kdiff_json", json_integer(1));
  json_object_set_new(root, "linux_trace", json_string(L->path ? L->path : ""));
  json_object_set_new(root, "libos_trace", json_string(R->path ? R->path : ""));
  /* Added with trace formats (schema kdiff_json 1 gains keys only). */
  json_object_set_new(root, "linux_format", json_string(L->format ? L->format : "strace"));
  json_object_set_new(root, "libos_format", json_string(R->format ? R->format : "jsonl"));
  if (o->arch)
    json_object_set_new(root, "arch", json_string(o->arch));
  json_t *c = json_object();
  json_object_set_new(c, "linux_events", json_integer((json_int_t)a->linux_events));
  json_object_set_new(c, "libos_events", json_integer((json_int_t)a->libos_events));
  json_object_set_new(c, "tasks", json_integer((json_int_t)a->tasks));
  json_object_set_new(c, "rows", json_integer((json_int_t)a->n));
  json_object_set_new(c, "pairs", json_integer((json_int_t)a->pairs));
  json_object_set_new(c, "equal", json_integer((json_int_t)a->equal));
  json_object_set_new(c, "divergences", json_integer((json_int_t)a->divergent));
  json_object_set_new(c, "missing", json_integer((json_int_t)a->missing));
  json_object_set_new(c, "extra", json_integer((json_int_t)a->extra));
  json_object_set_new(c, "timing", json_integer((json_int_t)a->timing));
  json_object_set_new(c, "libos_skipped_lines", json_integer((json_int_t)R->skipped_lines));
  json_object_set_new(c, "libos_unimplemented", json_integer((json_int_t)R->unimplemented));
  json_object_set_new(root, "counts", c);
  /* The equivalence rules applied (rules.h), by name: only those that fired. */
  json_t *ru = json_object();
  for (int k = 1; k < RULE_COUNT; k++) {
    uint64_t hits = (uint64_t)L->fired.n[k] + R->fired.n[k] + a->fired.n[k];
    if (hits)
      json_object_set_new(ru, rules[k].name, json_integer((json_int_t)hits));
  }
  json_object_set_new(root, "rules", ru);
  json_object_set_new(root, "strict", json_boolean(rules_strict));
  json_t *rf = json_object();
  json_object_set_new(rf, "linux", restart_side(L));
  json_object_set_new(rf, "libos", restart_side(R));
  json_object_set_new(root, "restart_folding", rf);
  if (o->runs) {
    /* Added with kdiff PROGRAM: the runs' outputs and statuses. */
    json_t *runs = json_object();
    json_object_set_new(runs, "same_output", json_boolean(o->runs->same_output));
    json_object_set_new(runs, "same_status", json_boolean(o->runs->same_status));
    json_object_set_new(runs, "linux_status", json_string(o->runs->linux_status));
    json_object_set_new(runs, "libos_status", json_string(o->runs->libos_status));
    json_object_set_new(root, "runs", runs);
  }
  size_t from, to;
  report_window(a, o, &from, &to);
  json_t *rows = json_array();
  for (size_t k = from; k < to; k++) {
    const struct row *r = &a->rows[k];
    json_t *ro = json_object();
    json_object_set_new(ro, "row", json_integer((json_int_t)k));
    json_object_set_new(ro, "linux_index", json_integer(r->linux_index));
    json_object_set_new(ro, "status", json_string(row_status_name(r->st)));
    json_object_set_new(ro, "task", json_string(intern_str(r->task)));
    if (r->st == ROW_TIMING && r->rule)
      json_object_set_new(ro, "rule", json_string(rules[r->rule].name));
    json_object_set_new(ro, "linux", side(L, ev_at(L, r->l)));
    json_object_set_new(ro, "libos", side(R, ev_at(R, r->r)));
    json_array_append_new(rows, ro);
  }
  json_object_set_new(root, "pairs", rows);
  if (a->first == (size_t)-1) {
    json_object_set_new(root, "first_divergence", json_null());
  } else {
    const struct row *r = &a->rows[a->first];
    const struct event *le = ev_at(L, r->l), *re = ev_at(R, r->r);
    const struct event *ev = le ? le : re;
    json_t *fd = json_object();
    json_object_set_new(fd, "linux_index", json_integer(r->linux_index));
    json_object_set_new(fd, "row", json_integer((json_int_t)a->first));
    json_object_set_new(fd, "task", json_string(intern_str(r->task)));
    json_object_set_new(fd, "name", json_string(intern_str(ev->name)));
    json_object_set_new(fd, "kind", json_string(row_status_name(a->first_kind)));
    json_object_set_new(fd, "linux", side(L, le));
    json_object_set_new(fd, "libos", side(R, re));
    char lv[1024], rv[1024];
    report_diverging_values(L, le, R, re, lv, rv, sizeof lv);
    json_object_set_new(fd, "linux_value", le ? json_string(lv) : json_null());
    json_object_set_new(fd, "libos_value", re ? json_string(rv) : json_null());
    json_object_set_new(root, "first_divergence", fd);
  }
  int rc = 0;
  if (strcmp(path, "-") == 0) {
    if (json_dumpf(root, stdout, JSON_INDENT(2)) || fputc('\n', stdout) == EOF)
      rc = kd_fail(e, "stdout", 0, "cannot write the JSON report");
  } else {
    FILE *f = fopen(path, "w");
    if (!f || json_dumpf(root, f, JSON_INDENT(2)) || fputc('\n', f) == EOF)
      rc = kd_fail(e, path, 0, "cannot write the JSON report");
    if (f && fclose(f))
      rc = kd_fail(e, path, 0, "cannot write the JSON report");
  }
  json_decref(root);
  return rc;
}
