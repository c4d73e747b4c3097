/* Two-level alignment (exact anchors, then names inside gaps) and the
 * classification of rows and of the first divergence. */
#include "align.h"

#include <stdlib.h>
#include <string.h>

#include "myers.h"
#include "normalise.h"

const char *row_status_name(enum row_status s) {
  static const char *names[] = {"equal",   "errno", "value",  "missing",
                                "extra",   "signal", "exit",  "crash"};
  return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

struct seqs {
  const struct trace *L, *R;
  size_t *a, *b;     /* live event indices */
  uint64_t *ka, *kb; /* their keys, for a fast first test */
};

static bool eq_exact(const void *ctx, size_t i, size_t j) {
  const struct seqs *s = ctx;
  return s->ka[i] == s->kb[j] && norm_equal(&s->L->ev[s->a[i]], &s->R->ev[s->b[j]]);
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
};

static void emit(struct out *o, const struct seqs *s, int64_t i, int64_t j, bool equal) {
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 1024;
    o->rows = realloc(o->rows, o->cap * sizeof *o->rows);
    if (!o->rows)
      abort();
  }
  struct row *r = &o->rows[o->n++];
  r->l = i >= 0 ? (int64_t)s->a[i] : -1;
  r->r = j >= 0 ? (int64_t)s->b[j] : -1;
  r->st = equal ? ROW_EQUAL
                : classify(i >= 0 ? &s->L->ev[s->a[i]] : NULL, j >= 0 ? &s->R->ev[s->b[j]] : NULL);
}

/* Aligns the gap A[i0..i1) x B[j0..j1) on names and emits its rows. */
static int emit_gap(struct out *o, struct seqs *s, int64_t *match, size_t i0, size_t i1,
                    size_t j0, size_t j1) {
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

static size_t *live_indices(const struct trace *t, size_t *n) {
  size_t *v = malloc((t->n + 1) * sizeof *v), k = 0;
  if (!v)
    abort();
  for (size_t i = 0; i < t->n; i++)
    if (!(t->ev[i].flags & EVF_DROP))
      v[k++] = i;
  *n = k;
  return v;
}

static void summarise(const struct trace *L, const struct trace *R, struct alignment *al) {
  /* Linux index of each row: its own, or that of the next Linux row. */
  uint32_t next = L->nsys;
  for (size_t k = al->n; k-- > 0;) {
    struct row *r = &al->rows[k];
    if (r->l >= 0)
      next = L->ev[r->l].idx;
    r->linux_index = next;
  }
  al->first = (size_t)-1;
  for (size_t k = 0; k < al->n; k++) {
    struct row *r = &al->rows[k];
    if (r->l >= 0 && r->r >= 0)
      al->pairs++;
    if (r->st == ROW_EQUAL) {
      al->equal++;
      continue;
    }
    al->divergent++;
    if (r->l < 0)
      al->extra++;
    if (r->r < 0)
      al->missing++;
    if (al->first == (size_t)-1)
      al->first = k;
  }
  if (al->first == (size_t)-1)
    return;
  al->first_kind = al->rows[al->first].st;
  /* A libos crash ends its trace: Linux calls missing before it, and the
   * call it died in (no result), are its consequence: the divergence is the
   * crash. */
  const struct row *f = &al->rows[al->first];
  bool died_in = f->r >= 0 && R->ev[f->r].kind == EV_SYSCALL &&
                 R->ev[f->r].nret.cls == VAL_UNKNOWN && !(R->ev[f->r].flags & EVF_ERR);
  if (f->r < 0 || died_in || al->first_kind == ROW_SIGNAL || al->first_kind == ROW_EXIT) {
    for (size_t k = al->first; k < al->n && al->rows[k].st != ROW_EQUAL; k++) {
      const struct row *r = &al->rows[k];
      if (r->r >= 0 && R->ev[r->r].kind == EV_CRASH) {
        al->first_kind = ROW_CRASH;
        break;
      }
    }
  }
}

int align_traces(const struct trace *L, const struct trace *R, struct alignment *al) {
  memset(al, 0, sizeof *al);
  struct seqs s = {.L = L, .R = R};
  size_t na, nb;
  s.a = live_indices(L, &na);
  s.b = live_indices(R, &nb);
  al->linux_events = na;
  al->libos_events = nb;
  s.ka = malloc((na + 1) * sizeof *s.ka);
  s.kb = malloc((nb + 1) * sizeof *s.kb);
  int64_t *match = malloc((na + 1) * sizeof *match);
  int64_t *gapmatch = malloc((na + 1) * sizeof *gapmatch);
  int rc = -1;
  struct out o = {0};
  if (!s.ka || !s.kb || !match || !gapmatch)
    goto done;
  for (size_t i = 0; i < na; i++)
    s.ka[i] = L->ev[s.a[i]].key;
  for (size_t j = 0; j < nb; j++)
    s.kb[j] = R->ev[s.b[j]].key;
  struct myers m = {.eq = eq_exact, .ctx = &s, .match = match};
  if (myers_diff(&m, 0, na, 0, nb))
    goto done;
  size_t i = 0, j = 0;
  for (size_t x = 0; x <= na; x++) {
    if (x < na && match[x] < 0)
      continue;
    size_t y = x < na ? (size_t)match[x] : nb;
    if (emit_gap(&o, &s, gapmatch, i, x, j, y))
      goto done;
    if (x < na)
      emit(&o, &s, (int64_t)x, (int64_t)y, true);
    i = x + 1;
    j = y + 1;
  }
  al->rows = o.rows;
  al->n = o.n;
  o.rows = NULL;
  summarise(L, R, al);
  rc = 0;
done:
  free(o.rows);
  free(s.a);
  free(s.b);
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
