/* Linear-space Myers: find the middle snake of the edit graph by running the
 * forward and backward greedy searches at once, then recurse on both halves.
 * Notation: diagonal k = x - y; fd[k] is the furthest x a forward D-path
 * reaches on k, bd[k] the smallest x a backward D-path reaches. */
#include "myers.h"

#include <stdlib.h>

struct split {
  int64_t x, y;
};

/* Finds a point (x, y) on an optimal (or, past max_cost, a good) path
 * through the box [xoff, xlim) x [yoff, ylim); both sides are non-empty
 * and start and end with a mismatch. */
static struct split middle(struct myers *m, int64_t xoff, int64_t xlim,
                           int64_t yoff, int64_t ylim) {
  int64_t *fd = m->fd, *bd = m->bd;
  const int64_t dmin = xoff - ylim, dmax = xlim - yoff;
  const int64_t fmid = xoff - yoff, bmid = xlim - ylim;
  int64_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
  const int odd = (int)((fmid - bmid) & 1);
  fd[fmid] = xoff;
  bd[bmid] = xlim;
  for (size_t c = 1;; c++) {
    /* Forward: one more edit step on every reachable diagonal. */
    if (fmin > dmin)
      fd[--fmin - 1] = -1;
    else
      ++fmin;
    if (fmax < dmax)
      fd[++fmax + 1] = -1;
    else
      --fmax;
    for (int64_t d = fmax; d >= fmin; d -= 2) {
      int64_t lo = fd[d - 1], hi = fd[d + 1];
      int64_t x = lo >= hi ? lo + 1 : hi;
      int64_t y = x - d;
      while (x < xlim && y < ylim && m->eq(m->ctx, (size_t)x, (size_t)y))
        x++, y++;
      fd[d] = x;
      if (odd && bmin <= d && d <= bmax && bd[d] <= x)
        return (struct split){x, x - d};
    }
    /* Backward. */
    if (bmin > dmin)
      bd[--bmin - 1] = INT64_MAX;
    else
      ++bmin;
    if (bmax < dmax)
      bd[++bmax + 1] = INT64_MAX;
    else
      --bmax;
    for (int64_t d = bmax; d >= bmin; d -= 2) {
      int64_t lo = bd[d - 1], hi = bd[d + 1];
      int64_t x = lo < hi ? lo : hi - 1;
      int64_t y = x - d;
      while (x > xoff && y > yoff &&
             m->eq(m->ctx, (size_t)(x - 1), (size_t)(y - 1)))
        x--, y--;
      bd[d] = x;
      if (!odd && fmin <= d && d <= fmax && x <= fd[d])
        return (struct split){x, x - d};
    }
    if (c >= m->max_cost) {
      /* Too expensive: split where a path got furthest (either way). */
      int64_t fbest = -1, fx = xoff, bbest = INT64_MAX, bx = xlim;
      for (int64_t d = fmax; d >= fmin; d -= 2) {
        int64_t x = fd[d] < xlim ? fd[d] : xlim;
        if (x - d > ylim)
          x = ylim + d;
        if (x + (x - d) > fbest)
          fbest = x + (x - d), fx = x;
      }
      for (int64_t d = bmax; d >= bmin; d -= 2) {
        int64_t x = bd[d] > xoff ? bd[d] : xoff;
        if (x - d < yoff)
          x = yoff + d;
        if (x + (x - d) < bbest)
          bbest = x + (x - d), bx = x;
      }
      /* Recover y for the chosen x from its diagonal sum. */
      if ((xlim + ylim) - bbest < fbest - (xoff + yoff))
        return (struct split){fx, fbest - fx};
      return (struct split){bx, bbest - bx};
    }
  }
}

static void compare(struct myers *m, int64_t xoff, int64_t xlim, int64_t yoff,
                    int64_t ylim) {
  for (;;) {
    while (xoff < xlim && yoff < ylim &&
           m->eq(m->ctx, (size_t)xoff, (size_t)yoff))
      m->match[xoff++] = (int32_t)yoff++;
    while (xlim > xoff && ylim > yoff &&
           m->eq(m->ctx, (size_t)(xlim - 1), (size_t)(ylim - 1)))
      m->match[--xlim] = (int32_t)--ylim;
    if (xoff == xlim || yoff == ylim)
      return;
    struct split s = middle(m, xoff, xlim, yoff, ylim);
    /* Guard against a degenerate split (heuristic at a corner). */
    if ((s.x == xoff && s.y == yoff) || (s.x == xlim && s.y == ylim)) {
      return; /* leave the rest unmatched */
    }
    /* Recurse on the smaller half, loop on the other: bounded stack. */
    if ((s.x - xoff) + (s.y - yoff) < (xlim - s.x) + (ylim - s.y)) {
      compare(m, xoff, s.x, yoff, s.y);
      xoff = s.x, yoff = s.y;
    } else {
      compare(m, s.x, xlim, s.y, ylim);
      xlim = s.x, ylim = s.y;
    }
  }
}

int myers_diff(struct myers *m, size_t a0, size_t a1, size_t b0, size_t b1) {
  for (size_t i = a0; i < a1; i++)
    m->match[i] = -1;
  size_t n = (a1 - a0) + (b1 - b0) + 3;
  int64_t *fd = malloc(n * sizeof *fd), *bd = malloc(n * sizeof *bd);
  if (!fd || !bd) {
    free(fd);
    free(bd);
    return -1;
  }
  /* Diagonals run from a0 - b1 to a1 - b0: shift so index dmin - 1 is 0. */
  int64_t shift = (int64_t)(b1 - a0) + 1;
  m->fd = fd + shift;
  m->bd = bd + shift;
  size_t saved = m->max_cost;
  if (!m->max_cost) {
    size_t big = (a1 - a0) + (b1 - b0), c = 4096;
    while (c * c < big)
      c *= 2;
    m->max_cost = c;
  }
  compare(m, (int64_t)a0, (int64_t)a1, (int64_t)b0, (int64_t)b1);
  m->max_cost = saved;
  free(fd);
  free(bd);
  return 0;
}
