/* The robust futex list walk at thread death (Linux's exit_robust_list):
 * every lock the dying thread still holds on its set_robust_list() list,
 * and the one it was taking or dropping (list_op_pending), gets
 * FUTEX_OWNER_DIED so the next locker learns (EOWNERDEAD), and one waiter
 * is woken. The list is user memory: a fault or a bad entry ends the walk
 * quietly, and at most ROBUST_LIST_LIMIT entries are visited so a cycle
 * cannot hang the exit. */
#include <libos/futex.h>
#include <libos/proc.h>
#include <libos/task.h>
#include <libos/uaccess.h>
#include <linux_shim/robust_list.h>

#define ROBUST_LIST_LIMIT 2048
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu

/* struct robust_list_head on 64-bit: the list's first link, the offset
 * from a link to its futex word, the pending link. Bit 0 of a link marks
 * a PI futex. */
struct robust_head {
  uint64_t next;
  int64_t futex_offset;
  uint64_t pending;
};

static void wake_one(struct mm *mm, uint64_t uaddr) {
  struct futex_key k;
  /* Linux wakes with a shared key: a private waiter in private memory
   * has the same key. */
  if (futex_key_user(mm, uaddr, false, &k) == 0)
    futex_wake(&k, 1, FUTEX_BITSET_ANY);
}

/* handle_futex_death: false when the word cannot be read (the walk ends). */
static bool futex_death(struct mm *mm, uint64_t uaddr, int tid, bool pi,
                        bool pending) {
  uint32_t v;
  if (uaddr & 3)
    return false;
  if (copy_from_user(mm, &v, uaddr, sizeof v))
    return false;
  /* A thread that died between taking the pending slot and the lock
   * word: a waiter may already sleep on a free lock. */
  if (pending && !pi && v == 0) {
    wake_one(mm, uaddr);
    return true;
  }
  if ((v & FUTEX_TID_MASK) != (uint32_t)tid)
    return true;
  uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
  /* One CPU and no kernel preemption: the read and write are atomic. */
  if (copy_to_user(mm, uaddr, &nv, sizeof nv))
    return false;
  if (!pi && (v & FUTEX_WAITERS))
    wake_one(mm, uaddr);
  return true;
}

void robust_list_release(struct thread *t, struct mm *mm) {
  uint64_t head_addr = t->robust_list;
  t->robust_list = t->robust_len = 0;
  struct robust_head h;
  if (!head_addr || copy_from_user(mm, &h, head_addr, sizeof h))
    return;
  uint64_t entry = h.next & ~1ull, pending = h.pending & ~1ull;
  bool pi = h.next & 1, pending_pi = h.pending & 1;
  for (int limit = ROBUST_LIST_LIMIT; entry != head_addr;) {
    uint64_t next;
    bool ok = copy_from_user(mm, &next, entry, sizeof next) == 0;
    /* The pending lock is handled once, below. */
    if (entry != pending &&
        !futex_death(mm, entry + (uint64_t)h.futex_offset, t->tid, pi, false))
      return;
    if (!ok)
      return;
    entry = next & ~1ull;
    pi = next & 1;
    if (!--limit)
      break;
  }
  if (pending)
    futex_death(mm, pending + (uint64_t)h.futex_offset, t->tid, pending_pi,
                true);
}
