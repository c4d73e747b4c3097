/* Kernel timers (ktimer.h): an unordered list of armed timers. A handful
 * are armed at a time, so a scan per tick costs less than keeping order. */
#include <libos/ktimer.h>

static struct ktimer *armed;
static unsigned generation; /* counts ktimer_run() calls */

static void unlink_timer(struct ktimer *k) {
  for (struct ktimer **pp = &armed; *pp; pp = &(*pp)->next)
    if (*pp == k) {
      *pp = k->next;
      break;
    }
  k->next = 0;
  k->armed = false;
}

void ktimer_arm(struct ktimer *k, uint64_t expire) {
  if (k->armed)
    unlink_timer(k);
  k->expire = expire;
  k->armed = true;
  k->generation = generation;
  k->next = armed;
  armed = k;
}

void ktimer_cancel(struct ktimer *k) {
  if (k->armed)
    unlink_timer(k);
}

void ktimer_run(void) {
  /* A fire function may arm or cancel any timer, so the scan restarts
   * after each one; a timer armed during this call (its generation is the
   * call's) waits for the next, so no fire function keeps the call going. */
  generation++;
  for (;;) {
    struct ktimer *due = 0;
    for (struct ktimer *k = armed; k && !due; k = k->next)
      if (k->generation != generation && k->clock(k) >= k->expire)
        due = k;
    if (!due)
      return;
    unlink_timer(due);
    due->fire(due, due->clock(due));
  }
}

uint64_t ktimer_forward(uint64_t *expire, uint64_t interval, uint64_t now) {
  if (interval == 0 || now < *expire)
    return 0;
  uint64_t n = (now - *expire) / interval + 1;
  uint64_t add = n * interval;
  if (add / interval != n || *expire + add < *expire) { /* beyond 2^64 ns */
    *expire = UINT64_MAX;
    return n;
  }
  *expire += add;
  return n;
}
