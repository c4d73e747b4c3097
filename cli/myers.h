/* Myers' O(ND) difference algorithm, linear-space variant (divide and
 * conquer on the middle snake), over two abstract sequences compared by a
 * callback. Finds a longest common subsequence; cost stays near-linear when
 * the sequences mostly agree (D small). Past `max_cost` edit steps in one
 * subproblem it splits at the furthest-reaching path found so far (the
 * classic heuristic), which bounds time on wildly different inputs at the
 * price of optimality there only. */
#ifndef KDIFF_MYERS_H
#define KDIFF_MYERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* eq(ctx, i, j): element i of A equals element j of B. */
typedef bool (*myers_eq)(const void *ctx, size_t i, size_t j);

struct myers {
  myers_eq eq;
  const void *ctx;
  size_t max_cost; /* 0: a default scaled to the input */
  int32_t *match;  /* out: match[i] = j for matched A elements, else -1
                    * (32 bits: a million-event side keeps it small) */
  /* internal */
  int64_t *fd, *bd;
};

/* Matches A[a0..a1) against B[b0..b1): sets m->match[i] for i in [a0, a1)
 * (the caller allocates match over all of A). Returns 0, or -1 if memory
 * for the working arrays could not be had. */
int myers_diff(struct myers *m, size_t a0, size_t a1, size_t b0, size_t b1);

#endif
