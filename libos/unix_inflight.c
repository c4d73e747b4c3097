/* Per-user counts of files in flight (unix_inflight.h). Few users ever
 * pass files, so a list that only grows is enough. */
#include <libos/unix_inflight.h>

#include <libos/kheap.h>

struct inflight_user {
  struct inflight_user *next;
  uint32_t uid;
  long count;
};

static struct inflight_user *users;

long unix_inflight_total(void) {
  long n = 0;
  for (struct inflight_user *u = users; u; u = u->next)
    n += u->count;
  return n;
}

long *unix_inflight_counter(uint32_t uid) {
  for (struct inflight_user *u = users; u; u = u->next)
    if (u->uid == uid)
      return &u->count;
  struct inflight_user *u = kzalloc(sizeof *u);
  if (!u)
    return 0;
  u->uid = uid;
  u->next = users;
  users = u;
  return &u->count;
}
