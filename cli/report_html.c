/* kdiff --html (contract in report_html.h). The page's markup is all in
 * the template; this file decides what goes where, in which order. */
#include "report_html.h"

#include <stdlib.h>
#include <string.h>

#include "html_template.h"
#include "line_index.h"
#include "templates.h"

/* Rows a fold writes at each end when it is longer than twice this. */
#define FOLD_KEEP 200
/* Divergences listed at the top (all are marked in the rows). */
#define DIVLIST_MAX 100
/* Bytes of each program's output shown. */
#define OUTPUT_MAX (256 * 1024)

struct writer {
  FILE *f;
  struct tpl t;
  int bad; /* a template error happened (t.err) */
  const struct trace *L, *R;
  const struct alignment *a;
  struct line_index li[2]; /* raw lines: [0] Linux, [1] libos */
  /* The first of two passes only collects the line numbers the page will
   * show, so that each file is read once for just those lines. */
  int collect;
  uint32_t *want[2];
  size_t nwant[2], capwant[2];
};

#define NV(v) (sizeof(v) / sizeof(v)[0])

static void emit(struct writer *w, const char *block, const struct tpl_var *v,
                 size_t nv) {
  if (!w->collect && !w->bad && tpl_emit(w->f, &w->t, block, v, nv))
    w->bad = 1;
}

static void emit0(struct writer *w, const char *block) {
  emit(w, block, NULL, 0);
}

static const struct event *ev_at(const struct trace *t, int64_t i) {
  return i >= 0 ? &t->ev[i] : NULL;
}

/* The raw line(s) of e, "strace line 12: ..." per line, into a malloc'd
 * string. */
static char *raw_lines(struct writer *w, int side, const struct event *e) {
  const char *what = side == 0 ? "strace line" : "JSONL line";
  if (w->collect) {
    if (w->nwant[side] + 2 > w->capwant[side]) {
      w->capwant[side] = w->capwant[side] ? 2 * w->capwant[side] : 1024;
      w->want[side] =
          realloc(w->want[side], w->capwant[side] * sizeof *w->want[side]);
      if (!w->want[side])
        abort();
    }
    w->want[side][w->nwant[side]++] = e->line;
    if (e->first_line)
      w->want[side][w->nwant[side]++] = e->first_line;
    return NULL;
  }
  char *out = NULL;
  size_t outlen = 0;
  FILE *m = open_memstream(&out, &outlen);
  if (!m)
    abort();
  uint32_t lines[2] = {
      e->first_line && e->first_line != e->line ? e->first_line : 0, e->line};
  int any = 0;
  for (int i = 0; i < 2; i++) {
    if (!lines[i])
      continue;
    size_t n;
    const char *s = line_index_get(&w->li[side], lines[i], &n);
    fprintf(m, "%s%s %u: ", any ? "\n" : "", what, lines[i]);
    if (s)
      fwrite(s, 1, n, m);
    else
      fputs("(not found: the file is not readable again)", m);
    any = 1;
  }
  if (!any)
    fputs(e->kind == EV_CRASH
              ? "(no record: the trace ends here, without an exit or panic "
                "record)"
              : "(made by kdiff: no line of its own in the trace)",
          m);
  fclose(m);
  return out;
}

static void cell(struct writer *w, int side, int64_t i) {
  const struct trace *t = side == 0 ? w->L : w->R;
  const struct event *e = ev_at(t, i);
  if (!e) {
    emit0(w, "cell_none");
    return;
  }
  char text[512];
  report_cell(t, e, text, sizeof text);
  char *raw = raw_lines(w, side, e);
  struct tpl_var v[] = {TV("text", text), TV("raw", raw)};
  emit(w, "cell", v, NV(v));
  free(raw);
}

static void row(struct writer *w, size_t k) {
  const struct row *r = &w->a->rows[k];
  char id[32], idx[32] = "";
  snprintf(id, sizeof id, "r%zu", k);
  if (r->l >= 0 && w->L->ev[r->l].kind == EV_SYSCALL)
    snprintf(idx, sizeof idx, "%u", r->linux_index);
  const char *st = row_status_name(r->st);
  bool bad = r->st != ROW_EQUAL && r->st != ROW_TIMING;
  const char *cls = k == w->a->first ? " bad first" : bad ? " bad" : "";
  struct tpl_var ro[] = {TV("st", st), TV("cls", cls), TV("id", id),
                         TV("idx", idx)};
  emit(w, "row_open", ro, NV(ro));
  cell(w, 0, r->l);
  const char *label = r->st == ROW_EQUAL ? "=" : st;
  struct tpl_var mv[] = {TV("st", st), TV("label", label)};
  emit(w, "mid", mv, NV(mv));
  cell(w, 1, r->r);
  emit0(w, "row_close");
}

static bool interesting(const struct row *r) {
  return r->st != ROW_EQUAL;
}

/* The Linux index range of rows [a, b) as "#5 – #41" parts. */
static void range_text(struct writer *w, size_t a, size_t b, char *from,
                       char *to, size_t n) {
  snprintf(from, n, "#%u", w->a->rows[a].linux_index);
  snprintf(to, n, "#%u", w->a->rows[b - 1].linux_index);
}

static void fold(struct writer *w, size_t a, size_t b) {
  char n[32], from[32], to[32];
  snprintf(n, sizeof n, "%zu", b - a);
  range_text(w, a, b, from, to, sizeof from);
  struct tpl_var fv[] = {TV("n", n), TV("from", from), TV("to", to)};
  emit(w, "fold_open", fv, NV(fv));
  if (b - a <= 2 * FOLD_KEEP) {
    for (size_t k = a; k < b; k++)
      row(w, k);
  } else {
    for (size_t k = a; k < a + FOLD_KEEP; k++)
      row(w, k);
    char more[32];
    snprintf(more, sizeof more, "%zu", b - a - 2 * FOLD_KEEP);
    struct tpl_var ev[] = {TV("n", more)};
    emit(w, "elided", ev, NV(ev));
    for (size_t k = b - FOLD_KEEP; k < b; k++)
      row(w, k);
  }
  emit0(w, "fold_close");
}

/* One task's rows [b, e): visible within ctx of a non-equal row or of the
 * task's ends; other runs of two or more rows are folded. */
static void task(struct writer *w, size_t b, size_t e,
                 const struct report_opts *o) {
  size_t ndiv = 0;
  for (size_t k = b; k < e; k++)
    ndiv += interesting(&w->a->rows[k]) && w->a->rows[k].st != ROW_TIMING;
  char rows[32], divs[32];
  snprintf(rows, sizeof rows, "%zu", e - b);
  snprintf(divs, sizeof divs, "%zu", ndiv);
  struct tpl_var tv[] = {TV("task", intern_str(w->a->rows[b].task)),
                         TV("rows", rows), TV("divergences", divs)};
  emit(w, "task_open", tv, NV(tv));
  size_t n = e - b, ctx = o->context;
  bool *vis = calloc(n ? n : 1, sizeof *vis);
  if (!vis)
    abort();
  for (size_t i = 0; i < n; i++) {
    if (o->all || i < ctx || n - i <= ctx)
      vis[i] = true;
    if (interesting(&w->a->rows[b + i])) {
      size_t lo = i > ctx ? i - ctx : 0, hi = i + ctx < n - 1 ? i + ctx : n - 1;
      for (size_t j = lo; j <= hi; j++)
        vis[j] = true;
    }
  }
  for (size_t i = 0; i < n;) {
    if (vis[i]) {
      row(w, b + i++);
      continue;
    }
    size_t j = i;
    while (j < n && !vis[j])
      j++;
    if (j - i == 1)
      row(w, b + i);
    else
      fold(w, b + i, b + j);
    i = j;
  }
  free(vis);
  emit0(w, "task_close");
}

/* The root task's end on one side: "exited with 0", "killed by SIGSEGV",
 * "panic: ...", or why there is none. */
static void end_of(const struct trace *t, char *buf, size_t n) {
  uint32_t root = intern_lookup("1");
  const struct event *end = NULL;
  for (size_t i = t->n; i-- > 0 && !end;) {
    const struct event *e = &t->ev[i];
    if (!(e->flags & EVF_DROP) &&
        ((e->kind == EV_EXIT && (uint32_t)e->pid == root) ||
         e->kind == EV_CRASH))
      end = e;
  }
  if (end)
    report_result(t, end, buf, n);
  else
    snprintf(buf, n, "(no exit in the trace)");
}

static void divlist(struct writer *w) {
  const struct alignment *a = w->a;
  char n[32];
  snprintf(n, sizeof n, "%zu", a->divergent);
  struct tpl_var ov[] = {TV("n", n)};
  emit(w, "divlist_open", ov, NV(ov));
  size_t listed = 0;
  for (size_t k = 0; k < a->n && listed < DIVLIST_MAX; k++) {
    const struct row *r = &a->rows[k];
    if (r->st == ROW_EQUAL || r->st == ROW_TIMING)
      continue;
    const struct event *le = ev_at(w->L, r->l), *re = ev_at(w->R, r->r);
    char lv[256], rv[256], id[32], idx[32];
    report_diverging_values(w->L, le, w->R, re, lv, rv, sizeof lv);
    snprintf(id, sizeof id, "r%zu", k);
    snprintf(idx, sizeof idx, "%u", r->linux_index);
    const struct event *ev = le ? le : re;
    struct tpl_var v[] = {TV("row", id),
                          TV("kind", row_status_name(r->st)),
                          TV("name", intern_str(ev->name)),
                          TV("task", intern_str(r->task)),
                          TV("linux_index", idx),
                          TV("linux_value", lv),
                          TV("libos_value", rv)};
    emit(w, "divlist_item", v, NV(v));
    listed++;
  }
  if (a->divergent > listed) {
    snprintf(n, sizeof n, "%zu", a->divergent - listed);
    struct tpl_var mv[] = {TV("n", n)};
    emit(w, "divlist_more", mv, NV(mv));
  }
  emit0(w, "divlist_close");
}

static void first(struct writer *w) {
  const struct alignment *a = w->a;
  if (a->first == (size_t)-1) {
    emit0(w, "agree");
    return;
  }
  const struct row *r = &a->rows[a->first];
  const struct event *le = ev_at(w->L, r->l), *re = ev_at(w->R, r->r);
  const struct event *ev = le ? le : re;
  char lv[256], rv[256], id[32], idx[32], lw[64] = "", rw[64] = "";
  report_diverging_values(w->L, le, w->R, re, lv, rv, sizeof lv);
  if (!le)
    snprintf(lv, sizeof lv, "(no such call)");
  if (!re)
    snprintf(rv, sizeof rv, "(no such call%s)",
             a->first_kind == ROW_CRASH ? ": the libos trace ends in a crash"
                                        : "");
  if (le && le->line)
    snprintf(lw, sizeof lw, "strace line %u", le->line);
  if (re && re->line)
    snprintf(rw, sizeof rw, "JSONL line %u", re->line);
  snprintf(id, sizeof id, "r%zu", a->first);
  snprintf(idx, sizeof idx, "%u", r->linux_index);
  struct tpl_var v[] = {TV("kind", row_status_name(a->first_kind)),
                        TV("name", intern_str(ev->name)),
                        TV("task", intern_str(r->task)),
                        TV("linux_index", idx),
                        TV("linux_value", lv),
                        TV("libos_value", rv),
                        TV("linux_where", lw),
                        TV("libos_where", rw),
                        TV("row", id)};
  emit(w, "first", v, NV(v));
  divlist(w);
}

/* Up to OUTPUT_MAX bytes of a file (malloc'd, *n set), or NULL. */
static char *slurp(const char *path, size_t *n) {
  FILE *f = path ? fopen(path, "rb") : NULL;
  if (!f)
    return NULL;
  char *b = malloc(OUTPUT_MAX + 64);
  if (!b)
    abort();
  *n = fread(b, 1, OUTPUT_MAX, f);
  if (fgetc(f) != EOF)
    *n += (size_t)snprintf(b + *n, 64, "\n[... cut at %d bytes]", OUTPUT_MAX);
  fclose(f);
  return b;
}

static void facts(struct writer *w, const struct html_facts *h) {
  char ls[256], rs[256];
  end_of(w->L, ls, sizeof ls);
  end_of(w->R, rs, sizeof rs);
  struct tpl_var sv[] = {TV("linux_status", ls), TV("libos_status", rs)};
  emit(w, "status", sv, NV(sv));
  if (w->R->panic_msg) {
    const struct event *crash = NULL;
    for (size_t i = 0; i < w->R->n && !crash; i++)
      if (w->R->ev[i].kind == EV_CRASH && w->R->ev[i].text == w->R->panic_msg)
        crash = &w->R->ev[i];
    char *raw = crash ? raw_lines(w, 1, crash) : NULL;
    struct tpl_var pv[] = {TV("msg", w->R->panic_msg), TV("raw", raw)};
    emit(w, "panic", pv, NV(pv));
    free(raw);
  }
  if (w->R->unimplemented) {
    char n[32];
    snprintf(n, sizeof n, "%zu", w->R->unimplemented);
    const char *fu =
        w->R->first_unimpl ? intern_str(w->R->first_unimpl) : "(unnamed)";
    struct tpl_var uv[] = {TV("n", n), TV("first", fu)};
    emit(w, "unimpl", uv, NV(uv));
  }
  size_t ln = 0, rn = 0;
  char *lo = w->collect ? NULL : slurp(h->linux_stdout, &ln);
  char *ro = w->collect ? NULL : slurp(h->libos_console, &rn);
  if (lo || ro) {
    struct tpl_var ov[] = {
        TVN("linux_out", lo ? lo : "(not recorded)", lo ? ln : (size_t)-1),
        TVN("libos_out", ro ? ro : "(not recorded)", ro ? rn : (size_t)-1),
        TV("linux_src", h->linux_stdout ? h->linux_stdout : ""),
        TV("libos_src", h->libos_console ? h->libos_console : "")};
    emit(w, "outputs", ov, NV(ov));
  } else {
    struct tpl_var nv[] = {TV(
        "why",
        "Not known: recorded traces were given, without the runs' output files "
        "(linux.stdout, libos.console) beside them.")};
    emit(w, "outputs_none", nv, NV(nv));
  }
  free(lo);
  free(ro);
  emit0(w, "repro_open");
  for (const char *const *p = h->repro; p && p[0] && p[1]; p += 2) {
    struct tpl_var rv[] = {TV("what", p[0]), TV("cmd", p[1])};
    emit(w, "repro", rv, NV(rv));
  }
  emit0(w, "repro_close");
}

static void head(struct writer *w, const struct html_facts *h,
                 const struct report_opts *o) {
  const struct alignment *a = w->a;
  char c[9][32], verdict[64];
  size_t vals[9] = {a->pairs,        a->divergent,    a->missing,
                    a->extra,        a->equal,        a->timing,
                    a->linux_events, a->libos_events, a->tasks};
  for (int i = 0; i < 9; i++)
    snprintf(c[i], sizeof c[i], "%zu", vals[i]);
  bool agree = a->first == (size_t)-1;
  if (agree)
    snprintf(verdict, sizeof verdict, "agree");
  else
    snprintf(verdict, sizeof verdict, "%zu divergence%s", a->divergent,
             a->divergent == 1 ? "" : "s");
  struct tpl_var v[] = {TV("test", h->test ? h->test : "recorded traces"),
                        TV("arch", o->arch ? o->arch : ""),
                        TV("verdict", verdict),
                        TV("verdict_cls", agree ? "good" : "bad"),
                        TV("pairs", c[0]),
                        TV("divergent", c[1]),
                        TV("missing", c[2]),
                        TV("extra", c[3]),
                        TV("equal", c[4]),
                        TV("timing", c[5]),
                        TV("linux_events", c[6]),
                        TV("libos_events", c[7]),
                        TV("tasks", c[8]),
                        TV("linux_trace", w->L->path ? w->L->path : ""),
                        TV("libos_trace", w->R->path ? w->R->path : "")};
  emit(w, "head", v, NV(v));
}

static void page(struct writer *w, const struct html_facts *h,
                 const struct report_opts *o) {
  const struct alignment *a = w->a;
  head(w, h, o);
  first(w);
  facts(w, h);
  for (size_t b = 0; b < a->n;) {
    size_t end = b;
    while (end < a->n && a->rows[end].task == a->rows[b].task)
      end++;
    task(w, b, end, o);
    b = end;
  }
  struct tpl_var tv[] = {TV("version", h->version ? h->version : "")};
  emit(w, "tail", tv, NV(tv));
}

int report_html(const char *path, const struct trace *L, const struct trace *R,
                const struct alignment *a, const struct report_opts *o,
                const struct html_facts *h, struct kd_error *e) {
  struct writer w = {.L = L, .R = R, .a = a};
  if (tpl_parse(&w.t, "kdiff_report.html", tpl_kdiff_report,
                tpl_kdiff_report_len))
    return kd_fail(e, "kdiff", 0, "%s (a bug)", w.t.err);
  bool to_stdout = strcmp(path, "-") == 0;
  w.f = to_stdout ? stdout : fopen(path, "w");
  if (!w.f) {
    tpl_free(&w.t);
    return kd_fail(e, path, 0, "cannot write the HTML report");
  }
  w.collect = 1;
  page(&w, h, o);
  w.collect = 0;
  line_index_open(&w.li[0], L->path, w.want[0], w.nwant[0]);
  line_index_open(&w.li[1], R->path, w.want[1], w.nwant[1]);
  page(&w, h, o);
  line_index_close(&w.li[0]);
  line_index_close(&w.li[1]);
  free(w.want[0]);
  free(w.want[1]);
  int rc = 0;
  if (w.bad)
    rc = kd_fail(e, "kdiff", 0, "%s (a bug)", w.t.err);
  int werr = ferror(w.f);
  if ((to_stdout ? fflush(w.f) : fclose(w.f)) || werr)
    rc = kd_fail(e, path, 0, "cannot write the HTML report");
  tpl_free(&w.t);
  return rc;
}
