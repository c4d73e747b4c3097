/* report.html (contract in dashboard.h). Markup is the template's; this
 * file walks the results in order. */
#include "dashboard.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_template.h"
#include "linediff.h"
#include "templates.h"
#include "verdict.h"

/* Lines of an output diff shown per test. */
#define DIFF_MAX_LINES 400
/* Arches a filter is offered for. */
#define MAX_ARCHES 8

struct dash {
  FILE *f;
  struct tpl t;
  int bad;
};

#define NV(v) (sizeof(v) / sizeof(v)[0])

static void emit(struct dash *d, const char *block, const struct tpl_var *v,
                 size_t nv) {
  if (!d->bad && tpl_emit(d->f, &d->t, block, v, nv))
    d->bad = 1;
}

static const char *str(json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "";
}

static const char *sub(json_t *o, const char *side, const char *k) {
  return str(json_object_get(o, side), k);
}

static void secs(json_t *o, const char *side, char *buf, size_t n) {
  json_t *v = json_object_get(json_object_get(o, side), "seconds");
  if (json_is_number(v))
    snprintf(buf, n, "%.2f", json_number_value(v));
  else
    snprintf(buf, n, "-");
}

/* A verdict as a class name: one of the known words, else "other". */
static const char *vclass(const char *v) {
  return verdict_parse(v) != V_COUNT || !strcmp(v, "ERROR") ? v : "other";
}

/* An arch as a class name: [a-z0-9_]+, else "other". */
static const char *aclass(const char *a) {
  if (!*a)
    return "other";
  for (const char *p = a; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
      return "other";
  return a;
}

/* The verdicts in table order (ERROR last) and how many results have each. */
static const char *const order[] = {"PASS",  "XFAIL",   "FAIL",  "DIVG",
                                    "CRASH", "TIMEOUT", "XPASS", "LINUX_FAIL",
                                    "ERROR", "other"};
#define NORDER (sizeof order / sizeof order[0])

static void filters(struct dash *d, json_t *tests) {
  size_t vn[NORDER] = {0}, an[MAX_ARCHES] = {0}, na = 0;
  const char *arches[MAX_ARCHES];
  size_t i;
  json_t *t;
  json_array_foreach(tests, i, t) {
    const char *v = vclass(str(t, "verdict")), *a = aclass(str(t, "arch"));
    for (size_t k = 0; k < NORDER; k++)
      vn[k] += !strcmp(order[k], v);
    size_t k = 0;
    while (k < na && strcmp(arches[k], a))
      k++;
    if (k == na && na < MAX_ARCHES)
      arches[na++] = a;
    if (k < na)
      an[k]++;
  }
  emit(d, "rules_open", NULL, 0);
  for (size_t k = 0; k < NORDER; k++)
    if (vn[k]) {
      struct tpl_var v[] = {TV("v", order[k])};
      emit(d, "rule_v", v, NV(v));
    }
  for (size_t k = 0; k < na; k++) {
    struct tpl_var v[] = {TV("a", arches[k])};
    emit(d, "rule_a", v, NV(v));
  }
  emit(d, "rules_close", NULL, 0);
  emit(d, "filters_open", NULL, 0);
  char n[32];
  for (size_t k = 0; k < NORDER; k++)
    if (vn[k]) {
      snprintf(n, sizeof n, "%zu", vn[k]);
      struct tpl_var v[] = {TV("v", order[k]), TV("n", n)};
      emit(d, "filter_v", v, NV(v));
    }
  emit(d, "filters_mid", NULL, 0);
  for (size_t k = 0; k < na; k++) {
    snprintf(n, sizeof n, "%zu", an[k]);
    struct tpl_var v[] = {TV("a", arches[k]), TV("n", n)};
    emit(d, "filter_a", v, NV(v));
  }
  emit(d, "filters_close", NULL, 0);
}

static void anchor(json_t *t, char *buf, size_t n) {
  snprintf(buf, n, "d-%s-%s", str(t, "id"), str(t, "arch"));
}

/* What a row and a detail section show of a result. */
struct shown {
  char verdict[64];    /* "XFAIL (DIVG)" */
  char ls[32], rs[32]; /* seconds, Linux and libos */
  char an[600];        /* the detail section's id */
};

static void shown_of(json_t *t, struct shown *c) {
  const char *v = str(t, "verdict");
  snprintf(c->verdict, sizeof c->verdict, "%s", v);
  if (*str(t, "underlying"))
    snprintf(c->verdict, sizeof c->verdict, "%s (%s)", v, str(t, "underlying"));
  secs(t, "linux", c->ls, sizeof c->ls);
  secs(t, "libos", c->rs, sizeof c->rs);
  anchor(t, c->an, sizeof c->an);
}

static void table(struct dash *d, json_t *tests) {
  emit(d, "table_open", NULL, 0);
  char cat[128] = "";
  size_t i;
  json_t *t;
  json_array_foreach(tests, i, t) {
    const char *id = str(t, "id"), *dot = strchr(id, '.');
    char this_cat[128];
    snprintf(this_cat, sizeof this_cat, "%.*s",
             dot ? (int)(dot - id) : (int)strlen(id), id);
    if (strcmp(this_cat, cat)) {
      snprintf(cat, sizeof cat, "%s", this_cat);
      struct tpl_var cv[] = {TV("category", cat)};
      emit(d, "category", cv, NV(cv));
    }
    const char *v = str(t, "verdict");
    bool pass = !strcmp(v, "PASS");
    struct shown c;
    shown_of(t, &c);
    const char *why = *str(t, "reason") ? str(t, "reason") : str(t, "why");
    struct tpl_var rv[] = {TV("v", vclass(v)),
                           TV("arch", str(t, "arch")),
                           TV("cls", pass ? "" : " nonpass"),
                           TV("id", id),
                           TV("verdict", c.verdict),
                           TV("linux_s", c.ls),
                           TV("libos_s", c.rs),
                           TV("why", why),
                           TV("anchor", c.an)};
    emit(d, pass ? "row" : "row_linked", rv, NV(rv));
  }
  emit(d, "table_close", NULL, 0);
}

/* The output diff, one template line per diff line. */
static void diff(struct dash *d, json_t *t) {
  const char *a = sub(t, "linux", "stdout"), *b = sub(t, "libos", "stdout");
  char *text = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&text, &len);
  if (!m)
    return;
  linediff_print(m, "linux stdout", a, strlen(a), "libos console", b, strlen(b),
                 DIFF_MAX_LINES);
  fclose(m);
  emit(d, "diff_open", NULL, 0);
  for (char *line = text; line && *line;) {
    char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    const char *cls = !strncmp(line, "--- ", 4) || !strncmp(line, "+++ ", 4) ||
                              !strncmp(line, "@@", 2)
                          ? "hunk"
                      : line[0] == '-' ? "del"
                      : line[0] == '+' ? "add"
                                       : "ctx";
    struct tpl_var v[] = {TV("cls", cls), TVN("text", line, n)};
    emit(d, "diff_line", v, NV(v));
    line = nl ? nl + 1 : NULL;
  }
  emit(d, "diff_close", NULL, 0);
  free(text);
}

/* The kdiff page's address relative to the dashboard's directory when it
 * is inside it, else as it is. */
static const char *href(const char *page, const char *dash_path) {
  const char *slash = strrchr(dash_path, '/');
  size_t n = slash ? (size_t)(slash - dash_path) + 1 : 0;
  return n && !strncmp(page, dash_path, n) ? page + n : page;
}

static void details(struct dash *d, json_t *tests, const char *path) {
  bool any = false;
  size_t i;
  json_t *t;
  json_array_foreach(tests, i, t) {
    const char *v = str(t, "verdict");
    if (!strcmp(v, "PASS"))
      continue;
    if (!any)
      emit(d, "details_open", NULL, 0);
    any = true;
    struct shown c;
    shown_of(t, &c);
    const char *reason = str(t, "reason");
    char known[600] = "";
    if (*reason)
      snprintf(known, sizeof known, "Known divergence: %s", reason);
    struct tpl_var ov[] = {TV("v", vclass(v)),
                           TV("arch", str(t, "arch")),
                           TV("anchor", c.an),
                           TV("verdict", c.verdict),
                           TV("id", str(t, "id")),
                           TV("why", str(t, "why")),
                           TV("reason", known),
                           TV("linux_status", sub(t, "linux", "status")),
                           TV("libos_status", sub(t, "libos", "status")),
                           TV("linux_s", c.ls),
                           TV("libos_s", c.rs),
                           TV("reference", *sub(t, "reference", "describe")
                                               ? sub(t, "reference", "describe")
                                               : "not recorded")};
    emit(d, "detail_open", ov, NV(ov));
    if (json_object_get(t, "linux") && json_object_get(t, "libos"))
      diff(d, t);
    const char *page = str(t, "kdiff_html");
    if (*page) {
      struct tpl_var kv[] = {TV("href", href(page, path))};
      emit(d, "detail_kdiff", kv, NV(kv));
    } else {
      struct tpl_var kv[] = {TV(
          "why",
          "No kdiff page: run the suite with tracing on (cmake --build build "
          "--target test-contracts-trace, or KDIFF_CONTRACTS_TRACE=1) to get "
          "one per non-PASS test.")};
      emit(d, "detail_nokdiff", kv, NV(kv));
    }
    if (*sub(t, "libos", "panic")) {
      struct tpl_var pv[] = {TV("msg", sub(t, "libos", "panic"))};
      emit(d, "detail_panic", pv, NV(pv));
    }
    emit(d, "detail_close", NULL, 0);
  }
}

int dashboard_write(const char *path, json_t *tests, const char *results_dir,
                    const char *json_path) {
  struct dash d = {0};
  if (tpl_parse(&d.t, "dashboard.html", tpl_dashboard, tpl_dashboard_len)) {
    fprintf(stderr, "%s (a bug)\n", d.t.err);
    return -1;
  }
  d.f = fopen(path, "w");
  if (!d.f) {
    fprintf(stderr, "%s: cannot write the dashboard: %s\n", path,
            strerror(errno));
    tpl_free(&d.t);
    return -1;
  }
  size_t pass = 0, total = json_array_size(tests), i;
  json_t *t;
  json_array_foreach(tests, i, t) pass += !strcmp(str(t, "verdict"), "PASS");
  char summary[64], n[32];
  snprintf(summary, sizeof summary, "%zu/%zu PASS", pass, total);
  snprintf(n, sizeof n, "%zu", total);
  struct tpl_var hv[] = {TV("summary", summary), TV("total", n),
                         TV("results", results_dir), TV("json", json_path)};
  emit(&d, "head", hv, NV(hv));
  filters(&d, tests);
  table(&d, tests);
  details(&d, tests, path);
  emit(&d, "tail", NULL, 0);
  int rc = 0;
  if (d.bad) {
    fprintf(stderr, "%s (a bug)\n", d.t.err);
    rc = -1;
  }
  if (ferror(d.f) | fclose(d.f)) {
    fprintf(stderr, "%s: cannot write the dashboard\n", path);
    rc = -1;
  }
  tpl_free(&d.t);
  return rc;
}
