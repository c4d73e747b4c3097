/* FUTEX_WAKE_OP (kernel/futex/waitwake.c futex_wake_op and
 * futex_atomic_op_inuser): change the second word by the encoded op, wake
 * up to nr_wake waiters on the first word and, when the old value of the
 * second met the encoded comparison, up to nr_wake2 on the second. */
#include <libos/futex.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/futex_ops.h>
#include <uapi/errno.h>

enum { OP_SET, OP_ADD, OP_OR, OP_ANDN, OP_XOR, OP_COUNT };
#define FUTEX_OP_OPARG_SHIFT 8 /* in the op field: oparg is a shift */

/* A 12-bit field as a signed value. */
static int sext12(uint32_t v) {
  return (int)(v << 20) >> 20;
}

/* The old value's comparison: 1 or 0, or -ENOSYS for an unknown cmp. */
static int compare(unsigned cmp, int old, int arg) {
  switch (cmp) {
  case 0: /* EQ */
    return old == arg;
  case 1: /* NE */
    return old != arg;
  case 2: /* LT */
    return old < arg;
  case 3: /* LE */
    return old <= arg;
  case 4: /* GT */
    return old > arg;
  case 5: /* GE */
    return old >= arg;
  default:
    return -ENOSYS;
  }
}

/* futex_atomic_op_inuser: the update (one CPU, no kernel preemption:
 * the read and the write are one atomic step), then the comparison. An
 * unknown op changes nothing; an unknown cmp is known only after the
 * update, as Linux's. */
static int atomic_op(struct mm *mm, uint64_t uaddr, uint32_t encoded) {
  unsigned op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
  int oparg = sext12((encoded >> 12) & 0xfff);
  int cmparg = sext12(encoded & 0xfff);
  if (encoded >> 31) {
    /* Linux logs an out-of-range shift and masks it (no error yet). */
    oparg = 1 << (oparg & 31);
  }
  if (op >= OP_COUNT)
    return -ENOSYS;
  uint32_t old, nv;
  if (copy_from_user(mm, &old, uaddr, sizeof old))
    return -EFAULT;
  switch (op) {
  case OP_SET:
    nv = (uint32_t)oparg;
    break;
  case OP_ADD:
    nv = old + (uint32_t)oparg;
    break;
  case OP_OR:
    nv = old | (uint32_t)oparg;
    break;
  case OP_ANDN:
    nv = old & ~(uint32_t)oparg;
    break;
  default: /* OP_XOR */
    nv = old ^ (uint32_t)oparg;
    break;
  }
  if (copy_to_user(mm, uaddr, &nv, sizeof nv))
    return -EFAULT;
  return compare(cmp, (int)old, cmparg);
}

long futex_wake_op(uint64_t uaddr, bool priv, uint64_t uaddr2, int nr_wake,
                   int nr_wake2, uint32_t encoded_op) {
  struct futex_key k1, k2;
  long err = futex_get_keys(uaddr, uaddr2, priv, &k1, &k2);
  if (err)
    return err;
  int met = atomic_op(current_proc()->mm, uaddr2, encoded_op);
  if (met < 0)
    return met;
  int woken = futex_wake(&k1, nr_wake, FUTEX_BITSET_ANY);
  if (woken < 0 || !met)
    return woken;
  int woken2 = futex_wake(&k2, nr_wake2, FUTEX_BITSET_ANY);
  return woken2 < 0 ? woken2 : woken + woken2;
}
