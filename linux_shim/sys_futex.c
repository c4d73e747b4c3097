/* futex: WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAIT_BITSET, WAKE_BITSET,
 * private or shared, with timeouts (relative for WAIT, absolute for the
 * others, on CLOCK_MONOTONIC or CLOCK_REALTIME; LOCK_PI's always
 * CLOCK_REALTIME). Checks in kernel/futex's order. The queues are
 * libos/futex.c; WAKE_OP, the PI locks and requeue-PI are in the
 * linux_shim/futex_*.c files (futex_ops.h). */
#include <hal/time.h>
#include <libos/futex.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/wait.h>
#include <linux_shim/futex_ops.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/time.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define NS 1000000000LL

static struct mm *umm(void) {
  return current_proc()->mm;
}

long futex_check_word(uint64_t uaddr, uint32_t val) {
  uint32_t v;
  if (copy_from_user(umm(), &v, uaddr, sizeof v))
    return -EFAULT;
  return v == val ? 0 : -EAGAIN;
}

long futex_get_key(uint64_t uaddr, bool priv, struct futex_key *k) {
  if (uaddr & 3)
    return -EINVAL;
  if (!access_ok(uaddr, 4))
    return -EFAULT;
  return futex_key_user(umm(), uaddr, priv, k);
}

long futex_get_keys(uint64_t uaddr, uint64_t uaddr2, bool priv,
                    struct futex_key *k, struct futex_key *k2) {
  long err = futex_get_key(uaddr, priv, k);
  return err ? err : futex_get_key(uaddr2, priv, k2);
}

static long futex_wait(uint64_t uaddr, bool priv, uint32_t val,
                       uint64_t deadline, uint32_t bitset) {
  struct futex_waiter w = {.bitset = bitset};
  long err = futex_get_key(uaddr, priv, &w.key);
  if (!err)
    err = futex_check_word(uaddr, val);
  if (err)
    return err;
  /* One CPU and no preemption in the kernel: nothing can change the word
   * between the check and the enqueue. */
  futex_enqueue(&w);
  enum wait_result res = wait_event(futex_woken, &w, deadline);
  if (futex_dequeue(&w) == false && w.woken)
    return 0;
  if (res == WAIT_TIMEOUT)
    return -ETIMEDOUT;
  if (res == WAIT_SIGNAL)
    return deadline == WAIT_FOREVER ? -ERESTARTSYS : -ERESTARTNOHAND;
  return 0;
}

/* The deadline (hal_clock_ns time) of a timeout, or a negative errno. */
static int64_t timeout_deadline(uint64_t uts, int cmd, bool realtime) {
  struct linux_timespec ts;
  if (copy_from_user(umm(), &ts, uts, sizeof ts))
    return -EFAULT;
  if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= NS)
    return -EINVAL;
  if (ts.sec > INT64_MAX / NS - 1)
    return (int64_t)WAIT_FOREVER;
  int64_t t = ts.sec * NS + ts.nsec;
  uint64_t now = hal_clock_ns();
  if (cmd == FUTEX_WAIT) /* relative */
    return (int64_t)(now + (uint64_t)t);
  if (realtime) {
    uint64_t boot = hal_wallclock_at_boot_ns();
    return (uint64_t)t > boot ? (int64_t)((uint64_t)t - boot) : 0;
  }
  return t;
}

static bool has_timeout(int cmd) {
  return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
         cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
         cmd == FUTEX_WAIT_REQUEUE_PI;
}

SYSCALL_DEFINE(futex) {
  uint64_t uaddr = a0, uaddr2 = a4;
  int op = (int32_t)a1;
  uint32_t val = (uint32_t)a2, val3 = (uint32_t)a5;
  int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  bool priv = op & FUTEX_PRIVATE_FLAG;
  bool realtime = op & FUTEX_CLOCK_REALTIME;
  /* The timeout is read before the op is checked, as Linux's. */
  uint64_t deadline = WAIT_FOREVER;
  if (a3 && has_timeout(cmd)) {
    int64_t d = timeout_deadline(a3, cmd, realtime || cmd == FUTEX_LOCK_PI);
    if (d < 0 && d != (int64_t)WAIT_FOREVER)
      return d;
    deadline = (uint64_t)d;
  }
  if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
      cmd != FUTEX_LOCK_PI2 && cmd != FUTEX_WAIT)
    return -ENOSYS;
  /* REQUEUE's and WAKE_OP's second count travels in the timeout slot. */
  int nr2 = (int32_t)a3;
  switch (cmd) {
  case FUTEX_WAIT:
    return futex_wait(uaddr, priv, val, deadline, FUTEX_BITSET_ANY);
  case FUTEX_WAIT_BITSET:
    if (!val3)
      return -EINVAL;
    return futex_wait(uaddr, priv, val, deadline, val3);
  case FUTEX_WAKE:
  case FUTEX_WAKE_BITSET: {
    uint32_t bits = cmd == FUTEX_WAKE ? FUTEX_BITSET_ANY : val3;
    if (!bits)
      return -EINVAL;
    struct futex_key k;
    long err = futex_get_key(uaddr, priv, &k);
    if (err)
      return err;
    return futex_wake(&k, (int)val, bits);
  }
  case FUTEX_WAKE_OP:
    return futex_wake_op(uaddr, priv, uaddr2, (int)val, nr2, val3);
  case FUTEX_LOCK_PI:
  case FUTEX_LOCK_PI2:
    return futex_lock_pi(uaddr, priv, deadline, false);
  case FUTEX_TRYLOCK_PI:
    return futex_lock_pi(uaddr, priv, WAIT_FOREVER, true);
  case FUTEX_UNLOCK_PI:
    return futex_unlock_pi(uaddr, priv);
  case FUTEX_WAIT_REQUEUE_PI:
    return futex_wait_requeue_pi(uaddr, priv, val, deadline, uaddr2);
  case FUTEX_CMP_REQUEUE_PI:
    return futex_cmp_requeue_pi(uaddr, priv, uaddr2, (int)val, nr2, val3);
  case FUTEX_REQUEUE:
  case FUTEX_CMP_REQUEUE: {
    if ((int32_t)val < 0 || nr2 < 0)
      return -EINVAL;
    struct futex_key k1, k2;
    long err = futex_get_keys(uaddr, uaddr2, priv, &k1, &k2);
    if (!err && cmd == FUTEX_CMP_REQUEUE)
      err = futex_check_word(uaddr, val3);
    if (err)
      return err;
    return futex_requeue(&k1, &k2, (int)val, nr2);
  }
  default:
    return -ENOSYS;
  }
}
