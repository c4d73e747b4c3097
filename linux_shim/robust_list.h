/* Robust futex lists (set_robust_list) walked when a thread dies. */
#ifndef LINUX_SHIM_ROBUST_LIST_H
#define LINUX_SHIM_ROBUST_LIST_H

struct thread;
struct mm;

/* Mark every robust futex `t` still owns in `mm` FUTEX_OWNER_DIED and
 * wake a waiter on each; forget the list. */
void robust_list_release(struct thread *t, struct mm *mm);

#endif
