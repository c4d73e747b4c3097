/* rseq(2): restartable sequences' registration. One CPU and one node, so
 * the fields the kernel keeps current (cpu_id_start, cpu_id, node_id,
 * mm_cid) are written once, at registration, and never change.
 * Not done: aborting a critical section (rseq_cs) on preemption or signal
 * delivery; nothing here preempts a thread onto another CPU, but a signal
 * inside a section resumes it instead of jumping to its abort handler. */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

#define RSEQ_FLAG_UNREGISTER 1u
#define ORIG_RSEQ_SIZE 32u /* struct rseq before any extension */
#define RSEQ_ALIGN 32u     /* __alignof__(struct rseq) */
#define RSEQ_FEATURE_SIZE                                                      \
  28 /* offsetof(struct rseq, end): AT_RSEQ_FEATURE_SIZE */
#define RSEQ_CPU_ID_UNINITIALIZED ((uint32_t)-1)

/* The start of struct rseq the kernel writes (the rest is the program's:
 * rseq_cs at 8, flags at 16). */
struct rseq_ids {
  uint32_t cpu_id_start, cpu_id;
};
struct rseq_node {
  uint32_t node_id, mm_cid;
};

/* Writes the ids; false when the area is not writable. */
static bool put_ids(struct mm *mm, uint64_t a, uint32_t cpu, uint32_t len) {
  struct rseq_ids ids = {cpu == RSEQ_CPU_ID_UNINITIALIZED ? 0 : cpu, cpu};
  struct rseq_node node = {0, 0};
  if (copy_to_user(mm, a, &ids, sizeof ids))
    return false;
  return len < RSEQ_FEATURE_SIZE ||
         !copy_to_user(mm, a + 20, &node, sizeof node);
}

SYSCALL_DEFINE(rseq) {
  struct thread *t = current();
  struct mm *mm = t->proc->mm;
  uint64_t area = a0;
  uint32_t len = (uint32_t)a1, sig = (uint32_t)a3;
  int flags = (int)a2;
  if (flags & RSEQ_FLAG_UNREGISTER) {
    if (flags & ~(int)RSEQ_FLAG_UNREGISTER)
      return -EINVAL;
    if (!t->rseq || t->rseq != area || len != t->rseq_len)
      return -EINVAL;
    if (sig != t->rseq_sig)
      return -EPERM;
    if (!put_ids(mm, area, RSEQ_CPU_ID_UNINITIALIZED, len))
      return -EFAULT;
    t->rseq = 0;
    t->rseq_len = t->rseq_sig = 0;
    return 0;
  }
  if (flags)
    return -EINVAL;
  if (t->rseq) {
    if (t->rseq != area || len != t->rseq_len)
      return -EINVAL;
    return sig != t->rseq_sig ? -EPERM : -EBUSY;
  }
  if (len < ORIG_RSEQ_SIZE || area % RSEQ_ALIGN)
    return -EINVAL;
  if (!access_ok(area, len))
    return -EFAULT;
  /* Linux 6.18 answers EFAULT for an area it cannot write (NULL too). */
  if (!put_ids(mm, area, 0, len))
    return -EFAULT;
  t->rseq = area;
  t->rseq_len = len;
  t->rseq_sig = sig;
  return 0;
}
