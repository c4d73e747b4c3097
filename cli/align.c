/* Two-level alignment (exact anchors, then names inside gaps) and the
 * classification of rows and of the first divergence. */
#include "align.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "idmap.h"
#include "myers.h"
#include "normalise.h"
#include "progress.h"
#include "tasks.h"

const char *row_status_name(enum row_status s) {
  static const char *names[] = {"equal",  "errno", "value", "missing", "extra",
                                "signal", "exit",  "crash", "timing"};
  return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

struct seqs {
  const struct trace *L, *R;
  uint32_t *a, *b;   /* live event indices (32 bits, as in struct row) */
  uint32_t *ka, *kb; /* their keys, for a fast first test */
};

static bool eq_exact(const void *ctx, size_t i, size_t j) {
  const struct seqs *s = ctx;
  return s->ka[i] == s->kb[j] &&
         norm_equal(&s->L->ev[s->a[i]], &s->R->ev[s->b[j]]);
}

static bool eq_name(const void *ctx, size_t i, size_t j) {
  const struct seqs *s = ctx;
  const struct event *x = &s->L->ev[s->a[i]], *y = &s->R->ev[s->b[j]];
  return x->kind == y->kind && x->name == y->name;
}

static enum row_status classify(const struct event *x, const struct event *y) {
  const struct event *e = x ? x : y;
  switch (e->kind) {
  case EV_SIGNAL:
    return ROW_SIGNAL;
  case EV_EXIT:
    return ROW_EXIT;
  case EV_CRASH:
    return ROW_CRASH;
  default:
    break;
  }
  if (x && y)
    return x->err != y->err ? ROW_ERRNO : ROW_VALUE;
  return x ? ROW_MISSING : ROW_EXTRA;
}

struct out {
  struct row *rows;
  size_t n, cap;
  struct rule_counts fired;
};

/* A row that differs only in what the interleaving decided (ev->rule,
 * timing.h): a timing row. */
static enum row_status timing_rule(struct out *o, struct row *row,
                                   const struct event *x, const struct event *y,
                                   enum row_status st) {
  uint8_t r = x && x->rule ? x->rule : y && y->rule ? y->rule : RULE_NONE;
  if (st == ROW_EQUAL || !r)
    return st;
  rule_fire(&o->fired, (enum rule_id)r);
  row->rule = r;
  return ROW_TIMING;
}

static void emit(struct out *o, const struct seqs *s, int64_t i, int64_t j,
                 bool equal) {
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 1024;
    o->rows = realloc(o->rows, o->cap * sizeof *o->rows);
    if (!o->rows)
      abort();
  }
  struct row *r = &o->rows[o->n++];
  r->l = i >= 0 ? (int64_t)s->a[i] : -1;
  r->r = j >= 0 ? (int64_t)s->b[j] : -1;
  const struct event *x = i >= 0 ? &s->L->ev[s->a[i]] : NULL;
  const struct event *y = j >= 0 ? &s->R->ev[s->b[j]] : NULL;
  r->rule = RULE_NONE;
  r->st = equal ? ROW_EQUAL : timing_rule(o, r, x, y, classify(x, y));
}

/* Aligns the gap A[i0..i1) x B[j0..j1) on names and emits its rows. */
static int emit_gap(struct out *o, struct seqs *s, int32_t *match, size_t i0,
                    size_t i1, size_t j0, size_t j1) {
  if (i0 < i1 && j0 < j1) {
    struct myers m = {.eq = eq_name, .ctx = s, .match = match};
    if (myers_diff(&m, i0, i1, j0, j1))
      return -1;
  } else {
    for (size_t i = i0; i < i1; i++)
      match[i] = -1;
  }
  size_t j = j0;
  for (size_t i = i0; i < i1; i++) {
    if (match[i] < 0) {
      emit(o, s, (int64_t)i, -1, false);
      continue;
    }
    for (; j < (size_t)match[i]; j++)
      emit(o, s, -1, (int64_t)j, false);
    emit(o, s, (int64_t)i, (int64_t)j, false);
    j++;
  }
  for (; j < j1; j++)
    emit(o, s, -1, (int64_t)j, false);
  return 0;
}

/* The tasks present on either side, in task_cmp order; ev->pid of a
 * normalised event is its task's identity. */
struct taskset {
  uint32_t *id;
  size_t n, cap, cache;
  struct idmap index; /* id -> its place in id[] (thousands of tasks) */
};

static size_t task_slot(struct taskset *ts, uint32_t id) {
  if (ts->cache < ts->n && ts->id[ts->cache] == id)
    return ts->cache;
  long i = idmap_get(&ts->index, id);
  if (i >= 0)
    return ts->cache = (size_t)i;
  if (ts->n == ts->cap) {
    ts->cap = ts->cap ? ts->cap * 2 : 16;
    ts->id = realloc(ts->id, ts->cap * sizeof *ts->id);
    if (!ts->id)
      abort();
  }
  ts->id[ts->n] = id;
  idmap_put(&ts->index, id, ts->n);
  return ts->cache = ts->n++;
}

static int cmp_task(const void *x, const void *y) {
  return task_cmp(*(const uint32_t *)x, *(const uint32_t *)y);
}

/* The live events of t, in file order, each one's slot in ts (slots in
 * order of first appearance) and its key. One pass over the events, which
 * reads flags, pid and key only (one cache line of each). */
static uint32_t *scan_live(const struct trace *t, struct taskset *ts,
                           uint32_t **slot, uint32_t **key, size_t *n) {
  uint32_t *v = malloc((t->n + 1) * sizeof *v);
  size_t k = 0;
  uint32_t *sl = malloc((t->n + 1) * sizeof *sl);
  uint32_t *ky = malloc((t->n + 1) * sizeof *ky);
  if (!v || !sl || !ky)
    abort();
  if (!trace_multi_task(t)) { /* one task: one slot for all */
    size_t at = (size_t)-1;
    for (size_t i = 0; i < t->n; i++)
      if (!(t->ev[i].flags & EVF_DROP)) {
        if (at == (size_t)-1)
          at = task_slot(ts, (uint32_t)t->ev[i].pid);
        sl[k] = (uint32_t)at;
        ky[k] = t->ev[i].key;
        v[k++] = (uint32_t)i;
      }
  } else {
    for (size_t i = 0; i < t->n; i++)
      if (!(t->ev[i].flags & EVF_DROP)) {
        sl[k] = (uint32_t)task_slot(ts, (uint32_t)t->ev[i].pid);
        ky[k] = t->ev[i].key;
        v[k++] = (uint32_t)i;
      }
  }
  *slot = sl;
  *key = ky;
  *n = k;
  return v;
}

/* Groups v[0..n) by task: rank[slot] is the task's place in task order.
 * Returns the grouped indices (file order inside each group), moves the
 * keys *key along with them, and sets start[r] .. start[r + 1] for the
 * task of rank r. Frees v and sl. */
static uint32_t *group_by_task(uint32_t *v, uint32_t *sl, uint32_t **key,
                               size_t n, const size_t *rank, size_t ntasks,
                               size_t **start) {
  size_t *cnt = calloc(ntasks + 2, sizeof *cnt);
  if (!cnt)
    abort();
  if (ntasks <= 1) { /* one task: nothing to move */
    cnt[1] = n;
    free(sl);
    *start = cnt;
    return v;
  }
  for (size_t k = 0; k < n; k++)
    cnt[rank[sl[k]] + 1]++;
  for (size_t r = 0; r < ntasks; r++)
    cnt[r + 1] += cnt[r];
  size_t *fill = malloc((ntasks + 1) * sizeof *fill);
  uint32_t *g = malloc((n + 1) * sizeof *g);
  uint32_t *gk = malloc((n + 1) * sizeof *gk);
  if (!fill || !g || !gk)
    abort();
  memcpy(fill, cnt, (ntasks + 1) * sizeof *fill);
  for (size_t k = 0; k < n; k++) {
    size_t at = fill[rank[sl[k]]]++;
    g[at] = v[k];
    gk[at] = (*key)[k];
  }
  free(fill);
  free(v);
  free(sl);
  free(*key);
  *key = gk;
  *start = cnt;
  return g;
}

/* A task killed by a signal another task sent (SIGKILL, or one whose code
 * says a task sent it) stops wherever it happened to be: the calls just
 * before its death that only one side made are timing, not divergence.
 * rows[b0..b1) are the task's rows. */
static void mark_cut_short(struct out *o, const struct seqs *s, size_t b0,
                           size_t b1) {
  if (b1 == b0 || !rule_on(RULE_KILLED_TIMING))
    return;
  const struct row *x = &o->rows[b1 - 1];
  if (x->st != ROW_EQUAL || x->l < 0 || s->L->ev[x->l].kind != EV_EXIT ||
      !s->L->ev[x->l].code)
    return;
  const char *sig = intern_str(s->L->ev[x->l].code);
  bool async = strcmp(sig, "SIGKILL") == 0;
  size_t k = b1 - 1;
  while (k > b0 && o->rows[k - 1].st == ROW_EQUAL && o->rows[k - 1].l >= 0 &&
         s->L->ev[o->rows[k - 1].l].kind == EV_SIGNAL) {
    const char *code = intern_str(s->L->ev[o->rows[--k].l].code);
    async |= !strcmp(code, "SI_USER") || !strcmp(code, "SI_TKILL") ||
             !strcmp(code, "SI_QUEUE");
  }
  if (!async)
    return;
  /* One-sided calls, and the call the death cut short on one side only
   * (`?` there, a result on the other). */
  while (k > b0) {
    const struct row *q = &o->rows[k - 1];
    bool cut = false;
    if ((q->st == ROW_VALUE || q->st == ROW_ERRNO) && q->l >= 0 && q->r >= 0) {
      const struct event *x = &s->L->ev[q->l], *y = &s->R->ev[q->r];
      cut = (x->nret.cls == VAL_UNKNOWN && !(x->flags & EVF_ERR)) ||
            (y->nret.cls == VAL_UNKNOWN && !(y->flags & EVF_ERR));
    }
    if (q->st == ROW_TIMING) { /* already timing (timing-futex) */
      k--;
      continue;
    }
    if (!cut && q->st != ROW_MISSING && q->st != ROW_EXTRA)
      break;
    o->rows[--k].st = ROW_TIMING;
    o->rows[k].rule = RULE_KILLED_TIMING;
    rule_fire(&o->fired, RULE_KILLED_TIMING);
  }
}

static const struct event *row_ev(const struct seqs *s, const struct row *r) {
  return r->l >= 0 ? &s->L->ev[r->l] : r->r >= 0 ? &s->R->ev[r->r] : NULL;
}

static bool is_sleep(const struct event *e) {
  const char *n = intern_str(e->name);
  return e->kind == EV_SYSCALL &&
         (!strcmp(n, "nanosleep") || !strcmp(n, "clock_nanosleep"));
}

/* A signal another task sent or caused: it may arrive anywhere. */
static bool async_signal(const struct event *e) {
  const char *c = intern_str(e->code);
  return e->kind == EV_SIGNAL &&
         (!strncmp(c, "CLD_", 4) || !strcmp(c, "SI_USER") ||
          !strcmp(c, "SI_TKILL") || !strcmp(c, "SI_QUEUE"));
}

/* Several tasks only (timing.h's rules apply there):
 *  - a call that one side made before and the other after a signal from
 *    another task (missing A, the signal, extra A, or the mirror) is the
 *    same call: the two rows become one equal pair;
 *  - a polling loop ran more or fewer rounds: a run of missing/extra rows
 *    that holds a sleep and otherwise only calls equal to ones the task
 *    made elsewhere (the loop's check) is timing. */
static void mark_interleaving(struct out *o, const struct seqs *s, size_t b0,
                              size_t b1) {
  for (size_t k = b0; k + 2 < b1; k++) {
    struct row *a = &o->rows[k], *m = &o->rows[k + 1], *c = &o->rows[k + 2];
    /* Rows with one side only (missing, extra, or a signal one side has). */
    bool one_sided = a->st != ROW_EQUAL && c->st != ROW_EQUAL &&
                     (a->l < 0) != (a->r < 0) && (c->l < 0) != (c->r < 0) &&
                     (a->l < 0) != (c->l < 0);
    if (!one_sided || m->st != ROW_EQUAL || m->l < 0 ||
        !rule_on(RULE_SIGNAL_PAIR))
      continue;
    const struct event *x = a->l >= 0 ? &s->L->ev[a->l] : &s->L->ev[c->l];
    const struct event *y = a->r >= 0 ? &s->R->ev[a->r] : &s->R->ev[c->r];
    /* A call around another task's signal, or such a signal around a call. */
    if (!(async_signal(&s->L->ev[m->l]) || async_signal(x)) ||
        !norm_equal(x, y))
      continue;
    /* Keep the Linux order: the call's row where Linux made it. */
    struct row call = {
        .l = x - s->L->ev, .r = y - s->R->ev, .st = ROW_EQUAL, .task = a->task};
    struct row sig = *m;
    o->rows[k] = a->l >= 0 ? call : sig;
    o->rows[k + 1] = a->l >= 0 ? sig : call;
    o->rows[k + 2] =
        (struct row){.l = -1, .r = -1, .st = ROW_EQUAL, .task = a->task};
    rule_fire(&o->fired, RULE_SIGNAL_PAIR);
  }
  /* Drop the emptied rows. */
  size_t w = b0;
  for (size_t k = b0; k < b1; k++)
    if (o->rows[k].l >= 0 || o->rows[k].r >= 0)
      o->rows[w++] = o->rows[k];
  size_t removed = b1 - w;
  memmove(&o->rows[w], &o->rows[b1], (o->n - b1) * sizeof *o->rows);
  o->n -= removed;
  b1 = w;
  for (size_t k = b0; k < b1 && rule_on(RULE_POLL_LOOP);) {
    size_t e = k;
    bool sleep = false;
    while (e < b1 &&
           (o->rows[e].st == ROW_MISSING || o->rows[e].st == ROW_EXTRA ||
            (e > k && o->rows[e].st == ROW_TIMING)))
      sleep |= is_sleep(row_ev(s, &o->rows[e++]));
    bool checks = sleep;
    for (size_t i = k; i < e && checks; i++) {
      const struct event *x = row_ev(s, &o->rows[i]);
      if (is_sleep(x) || o->rows[i].st == ROW_TIMING)
        continue;
      bool linux_row = o->rows[i].l >= 0, seen = false;
      const struct trace *t = linux_row ? s->L : s->R;
      for (size_t j = b0; j < b1 && !seen;
           j++) { /* its check, made elsewhere */
        int64_t ix = linux_row ? o->rows[j].l : o->rows[j].r;
        seen = (j < k || j >= e) && ix >= 0 && norm_equal(&t->ev[ix], x);
      }
      checks = seen;
    }
    for (size_t j = k; checks && j < e; j++)
      if (o->rows[j].st != ROW_TIMING) {
        o->rows[j].st = ROW_TIMING;
        o->rows[j].rule = RULE_POLL_LOOP;
        rule_fire(&o->fired, RULE_POLL_LOOP);
      }
    k = e > k ? e : k + 1;
  }
}

/* A proven wake/wait pair (timing.h) of which the other side made neither
 * call: there the waiter found the word free and never slept, so the waker
 * had nobody to wake (musl then skips the call). Both rows are timing
 * (timing-futex); one half alone on one side stays a divergence. */
static void mark_absent_pairs(struct out *o, const struct seqs *s) {
  if (!rule_on(RULE_TIMING_FUTEX))
    return;
  for (int linux_side = 1; linux_side >= 0; linux_side--) {
    const struct trace *t = linux_side ? s->L : s->R;
    size_t *row_of = NULL;
    for (size_t k = 0; k < o->n; k++) {
      const struct row *r = &o->rows[k];
      int64_t ix = linux_side ? r->l : r->r;
      if (r->st != (linux_side ? ROW_MISSING : ROW_EXTRA) || !t->ev[ix].partner)
        continue;
      if (!row_of) {
        row_of = malloc((t->n + 1) * sizeof *row_of);
        if (!row_of)
          abort();
        memset(row_of, 0xff, (t->n + 1) * sizeof *row_of);
      }
      row_of[ix] = k;
    }
    for (size_t i = 0; row_of && i < t->n; i++) {
      size_t p = t->ev[i].partner - 1u;
      if (row_of[i] == (size_t)-1 || !t->ev[i].partner ||
          row_of[p] == (size_t)-1)
        continue;
      o->rows[row_of[i]].st = ROW_TIMING;
      o->rows[row_of[i]].rule = RULE_TIMING_FUTEX;
      rule_fire(&o->fired, RULE_TIMING_FUTEX);
    }
    free(row_of);
  }
}

/* The row's place in the Linux file: its own Linux event, else that of the
 * next Linux row of its task (rows[k..end) are its task's rest). */
static size_t linux_pos(const struct alignment *al, size_t k, size_t end) {
  for (; k < end; k++)
    if (al->rows[k].l >= 0)
      return (size_t)al->rows[k].l;
  return (size_t)-1;
}

static void summarise(const struct trace *L, const struct trace *R,
                      struct alignment *al) {
  /* Linux index of each row: its own, or that of the next Linux row of the
   * same task (the number of Linux calls when none follows). */
  uint32_t next = L->nsys;
  for (size_t k = al->n; k-- > 0;) {
    struct row *r = &al->rows[k];
    if (k + 1 == al->n || al->rows[k + 1].task != r->task)
      next = L->nsys;
    if (r->l >= 0)
      next = L->ev[r->l].idx;
    r->linux_index = next;
  }
  /* The first divergence: the earliest by the Linux file (what Linux did
   * first), ties (extra calls at a task's end) by task order, then row. */
  al->first = (size_t)-1;
  size_t best = (size_t)-1, end = 0;
  for (size_t k = 0; k < al->n; k++) {
    struct row *r = &al->rows[k];
    if (k >= end)
      for (end = k + 1; end < al->n && al->rows[end].task == r->task; end++)
        ;
    if (r->l >= 0 && r->r >= 0)
      al->pairs++;
    if (r->st == ROW_EQUAL) {
      al->equal++;
      continue;
    }
    if (r->st == ROW_TIMING) {
      al->timing++;
      continue;
    }
    al->divergent++;
    if (r->l < 0)
      al->extra++;
    if (r->r < 0)
      al->missing++;
    size_t pos = linux_pos(al, k, end);
    if (al->first == (size_t)-1 || pos < best) {
      al->first = k;
      best = pos;
    }
  }
  if (al->first == (size_t)-1)
    return;
  al->first_kind = al->rows[al->first].st;
  /* A libos crash ends its trace: Linux calls missing before it (in any
   * task), and the call it died in (no result), are its consequence: the
   * divergence is the crash. */
  const struct row *f = &al->rows[al->first];
  bool died_in = f->r >= 0 && R->ev[f->r].kind == EV_SYSCALL &&
                 R->ev[f->r].nret.cls == VAL_UNKNOWN &&
                 !(R->ev[f->r].flags & EVF_ERR);
  if (f->r < 0 || died_in || al->first_kind == ROW_SIGNAL ||
      al->first_kind == ROW_EXIT) {
    bool crash = false, rest_bad = true;
    for (size_t k = 0; k < al->n; k++)
      if (al->rows[k].r >= 0 && R->ev[al->rows[k].r].kind == EV_CRASH)
        crash = true;
    for (size_t k = al->first; k < al->n && al->rows[k].task == f->task; k++)
      if (al->rows[k].st == ROW_EQUAL || al->rows[k].st == ROW_TIMING)
        rest_bad = false;
    if (crash && rest_bad && al->first_kind != ROW_CRASH) {
      al->first_kind = ROW_CRASH;
      rule_fire(&al->fired, RULE_CRASH_CONSEQUENCE);
    }
  }
}

/* One thread's share of align_traces: tasks t0..t1 (task order) into o. */
struct task_job {
  const struct taskset *ts;
  struct seqs *s;
  const size_t *sa, *sb;     /* each task's range in s->a / s->b */
  int32_t *match, *gapmatch; /* shared: each task writes its own range */
  size_t t0, t1;
  struct out o;
  int rc;
};

/* Below this many events (both sides) one thread aligns every task. */
#define ALIGN_SPLIT_EVENTS 200000

static void *align_tasks(void *arg) {
  struct task_job *job = arg;
  struct out *o = &job->o;
  struct seqs *s = job->s;
  for (size_t t = job->t0; t < job->t1; t++) {
    size_t a0 = job->sa[t], a1 = job->sa[t + 1], b0 = job->sb[t],
           b1 = job->sb[t + 1], first_row = o->n;
    progress_advance(a1 - a0 + b1 - b0);
    if (a0 < a1 && b0 < b1) {
      struct myers m = {.eq = eq_exact, .ctx = s, .match = job->match};
      if (myers_diff(&m, a0, a1, b0, b1)) {
        job->rc = -1;
        return NULL;
      }
    } else {
      for (size_t x = a0; x < a1; x++)
        job->match[x] = -1;
    }
    size_t i = a0, j = b0;
    for (size_t x = a0; x <= a1; x++) {
      if (x < a1 && job->match[x] < 0)
        continue;
      size_t y = x < a1 ? (size_t)job->match[x] : b1;
      if (emit_gap(o, s, job->gapmatch, i, x, j, y)) {
        job->rc = -1;
        return NULL;
      }
      if (x < a1)
        emit(o, s, (int64_t)x, (int64_t)y, true);
      i = x + 1;
      j = y + 1;
    }
    for (size_t k = first_row; k < o->n; k++)
      o->rows[k].task = job->ts->id[t];
    mark_cut_short(o, s, first_row, o->n);
    if (job->ts->n > 1)
      mark_interleaving(o, s, first_row, o->n);
  }
  return NULL;
}

int align_traces(const struct trace *L, const struct trace *R,
                 struct alignment *al) {
  memset(al, 0, sizeof *al);
  struct taskset ts = {0};
  struct seqs s = {.L = L, .R = R};
  size_t na, nb, *sa, *sb;
  uint32_t *sla, *slb;
  uint32_t *va = scan_live(L, &ts, &sla, &s.ka, &na),
           *vb = scan_live(R, &ts, &slb, &s.kb, &nb);
  /* Task order: sort the names, then rank each slot. */
  size_t *rank = malloc((ts.n + 1) * sizeof *rank);
  uint32_t *sorted = malloc((ts.n + 1) * sizeof *sorted);
  if (!rank || !sorted)
    abort();
  memcpy(sorted, ts.id, ts.n * sizeof *sorted);
  qsort(sorted, ts.n, sizeof *sorted, cmp_task);
  for (size_t r = 0; r < ts.n; r++)
    rank[task_slot(&ts, sorted[r])] = r;
  free(ts.id);
  idmap_free(&ts.index); /* it indexes the order of appearance, not this one */
  ts.id = sorted;
  s.a = group_by_task(va, sla, &s.ka, na, rank, ts.n, &sa);
  s.b = group_by_task(vb, slb, &s.kb, nb, rank, ts.n, &sb);
  free(rank);
  al->linux_events = na;
  al->libos_events = nb;
  al->tasks = ts.n;
  int32_t *match = malloc((na + 1) * sizeof *match);
  int32_t *gapmatch = malloc((na + 1) * sizeof *gapmatch);
  int rc = -1;
  struct out o = {0};
  if (!match || !gapmatch)
    goto done;
  /* Tasks are aligned independently: with many events, the second half
   * of them (by events) goes to a thread of its own, its rows appended
   * after the first half's, so the rows are what one pass would make. */
  size_t total = na + nb, half = 0, tmid = ts.n;
  progress_phase("aligning", "events", total);
  if (ts.n > 1 && total >= ALIGN_SPLIT_EVENTS)
    for (tmid = 0; tmid < ts.n && 2 * half < total; tmid++)
      half += sa[tmid + 1] - sa[tmid] + sb[tmid + 1] - sb[tmid];
  struct task_job j1 = {.ts = &ts,
                        .s = &s,
                        .sa = sa,
                        .sb = sb,
                        .match = match,
                        .gapmatch = gapmatch,
                        .t0 = 0,
                        .t1 = tmid},
                  j2 = j1;
  j2.t0 = tmid;
  j2.t1 = ts.n;
  pthread_t th;
  bool threaded =
      tmid < ts.n && pthread_create(&th, NULL, align_tasks, &j2) == 0;
  align_tasks(&j1);
  if (threaded)
    pthread_join(th, NULL);
  else if (tmid < ts.n)
    align_tasks(&j2);
  o = j1.o;
  if (j1.rc || j2.rc) {
    free(j2.o.rows);
    goto done;
  }
  if (j2.o.n) {
    o.cap = o.n + j2.o.n;
    o.rows = realloc(o.rows, o.cap * sizeof *o.rows);
    if (!o.rows)
      abort();
    memcpy(o.rows + o.n, j2.o.rows, j2.o.n * sizeof *o.rows);
    o.n += j2.o.n;
  }
  for (int r = 0; r < RULE_COUNT; r++)
    o.fired.n[r] += j2.o.fired.n[r];
  free(j2.o.rows);
  if (ts.n > 1)
    mark_absent_pairs(&o, &s);
  al->rows = o.rows;
  al->n = o.n;
  al->fired = o.fired;
  o.rows = NULL;
  summarise(L, R, al);
  rc = 0;
done:
  free(o.rows);
  free(s.a);
  free(s.b);
  free(sa);
  free(sb);
  free(ts.id);
  free(s.ka);
  free(s.kb);
  free(match);
  free(gapmatch);
  return rc;
}

void alignment_free(struct alignment *a) {
  free(a->rows);
  memset(a, 0, sizeof *a);
}
