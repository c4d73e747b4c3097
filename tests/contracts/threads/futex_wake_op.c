/* threads.futex_wake_op: FUTEX_WAKE_OP changes the second word by the
 * encoded op (SET, ADD, OR, ANDN, XOR, the OPARG_SHIFT form, 12-bit
 * signed arguments, a shift over 31 masked), wakes on the first word and,
 * when the old value met the comparison, on the second, returning the
 * sum. An unknown op is ENOSYS with the word untouched, an unknown cmp
 * ENOSYS after the update; a read-only or unmapped second word EFAULT,
 * an unaligned word EINVAL. A wake count of 0 still wakes one waiter,
 * here and in FUTEX_WAKE (as does a count above INT_MAX: it is an int). */
#include <pthread.h>
#include <stdint.h>

#include "contract.h"

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_OP 5
#define FUTEX_WAKE_OP_PRIVATE (5 | 128)
/* linux/futex.h's FUTEX_OP(). */
#define OP(op, oparg, cmp, cmparg)                                             \
  (((unsigned)(op)&15) << 28 | ((unsigned)(cmp)&15) << 24 |                    \
   ((unsigned)(oparg)&0xfff) << 12 | ((unsigned)(cmparg)&0xfff))
enum { SET, ADD, OR, ANDN, XOR, SHIFT = 8 };
enum { EQ, NE, LT, LE, GT, GE };

static long wake_op(uint32_t *u1, int n1, int n2, uint32_t *u2, uint32_t op) {
  return rs(syscall(SYS_futex, u1, FUTEX_WAKE_OP_PRIVATE, n1, (void *)(long)n2,
                    u2, op));
}

static uint32_t w1, w2;

/* Runs op on w2 == start with no waiters: prints the new value. */
static void op_case(const char *what, uint32_t start, uint32_t op,
                    uint32_t want) {
  w2 = start;
  long r = wake_op(&w1, 1, 1, &w2, op);
  printf("%s: %s, %#x -> %#x\n", what, ename(r), start, w2);
  if (r != 0 || w2 != want)
    failed = 1;
}

struct waiter {
  uint32_t *word;
  int statfd;
  volatile int ready;
  long result;
};

static void *wait_thread(void *arg) {
  struct waiter *w = arg;
  w->statfd = thread_stat_fd();
  uint32_t v = *w->word;
  w->ready = 1;
  w->result = rs(syscall(SYS_futex, w->word, FUTEX_WAIT_PRIVATE, v, 0, 0, 0));
  return 0;
}

/* Starts a waiter on `word` and returns once it sleeps there. */
static void start_waiter(pthread_t *t, struct waiter *w, uint32_t *word) {
  *w = (struct waiter){.word = word};
  pthread_create(t, 0, wait_thread, w);
  while (!w->ready)
    sched_yield();
  if (!wait_asleep(w->statfd))
    printf("waiter never slept\n");
}

/* One waiter on each word, then WAKE_OP(n1, n2, op): the count and who
 * woke. The rest are woken by hand. */
static void wake_case(const char *what, uint32_t start, int n1, int n2,
                      uint32_t op, long want) {
  pthread_t t1, t2;
  struct waiter a, b;
  w1 = 0;
  w2 = start;
  start_waiter(&t1, &a, &w1);
  start_waiter(&t2, &b, &w2);
  long r = wake_op(&w1, n1, n2, &w2, op);
  printf("%s: woke %ld\n", what, r);
  if (r != want)
    failed = 1;
  /* Those still asleep: a plain wake (word 2's waiter sleeps on its old
   * value; FUTEX_WAIT does not recheck once queued). */
  syscall(SYS_futex, &w1, FUTEX_WAIT_PRIVATE + 1, 1, 0, 0, 0);
  syscall(SYS_futex, &w2, FUTEX_WAIT_PRIVATE + 1, 1, 0, 0, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  printf("  waiters returned %s, %s\n", ename(a.result), ename(b.result));
}

int main(void) {
  op_case("SET 7", 1, OP(SET, 7, EQ, 0), 7);
  op_case("ADD 3", 5, OP(ADD, 3, EQ, 0), 8);
  op_case("ADD -1", 5, OP(ADD, -1, EQ, 0), 4);
  op_case("OR 0x30", 0x101, OP(OR, 0x30, EQ, 0), 0x131);
  op_case("ANDN 0x3", 0xff, OP(ANDN, 3, EQ, 0), 0xfc);
  op_case("XOR 0x11", 0x10, OP(XOR, 0x11, EQ, 0), 0x1);
  op_case("SET -2 (sign-extended)", 0, OP(SET, -2, EQ, 0), 0xfffffffe);
  op_case("OR 1<<4", 0x1, OP(OR | SHIFT, 4, EQ, 0), 0x11);
  op_case("SET 1<<31", 0, OP(SET | SHIFT, 31, EQ, 0), 0x80000000);
  op_case("ADD 1<<33 (shift masked)", 0, OP(ADD | SHIFT, 33, EQ, 0), 2);

  w2 = 9;
  long r = wake_op(&w1, 1, 1, &w2, OP(5, 1, EQ, 0));
  printf("op 5: %s, word %s\n", ename(r), w2 == 9 ? "unchanged" : "changed");
  check(r == -ENOSYS && w2 == 9, "unknown op is ENOSYS before the update");
  r = wake_op(&w1, 1, 1, &w2, OP(7, 1, EQ, 0));
  printf("op 7: %s\n", ename(r));
  check(r == -ENOSYS, "op 7 ENOSYS");
  r = wake_op(&w1, 1, 1, &w2, OP(SET, 1, 6, 0));
  printf("cmp 6: %s, word %#x\n", ename(r), w2);
  check(r == -ENOSYS && w2 == 1, "unknown cmp is ENOSYS after the update");
  r = wake_op(&w1, 1, 1, &w2, OP(ADD, 1, 15, 0));
  printf("cmp 15: %s, word %#x\n", ename(r), w2);
  check(r == -ENOSYS && w2 == 2, "cmp 15 ENOSYS");

  uint32_t *ro = (uint32_t *)mm(0, PG, PROT_READ, ANON, -1, 0);
  r = wake_op(&w1, 1, 1, ro, OP(SET, 1, EQ, 0));
  printf("read-only second word: %s, word %#x\n", ename(r), *ro);
  check(r == -EFAULT && *ro == 0, "EFAULT read-only");
  r = wake_op(&w1, 1, 1, ro, OP(5, 1, EQ, 0));
  printf("read-only second word, op 5: %s\n", ename(r));
  uint32_t *gone = (uint32_t *)mm(0, PG, RW, ANON, -1, 0);
  munmap(gone, PG);
  r = wake_op(&w1, 1, 1, gone, OP(SET, 1, EQ, 0));
  printf("unmapped second word: %s\n", ename(r));
  check(r == -EFAULT, "EFAULT unmapped");
  r = wake_op(gone, 1, 1, &w2, OP(SET, 1, EQ, 0));
  printf("unmapped first word (private): %s\n", ename(r));
  check(r == 0, "a private first word is only a key");
  r = rs(syscall(SYS_futex, gone, FUTEX_WAKE_OP, 1, (void *)1L, &w2,
                 OP(SET, 1, EQ, 0)));
  printf("unmapped first word (shared): %s\n", ename(r));
  check(r == -EFAULT, "EFAULT shared first word");
  r = wake_op((uint32_t *)((char *)&w1 + 1), 1, 1, &w2, OP(SET, 1, EQ, 0));
  printf("unaligned first word: %s\n", ename(r));
  check(r == -EINVAL, "EINVAL unaligned 1");
  r = wake_op(&w1, 1, 1, (uint32_t *)((char *)&w2 + 2), OP(SET, 1, EQ, 0));
  printf("unaligned second word: %s\n", ename(r));
  check(r == -EINVAL, "EINVAL unaligned 2");
  r = wake_op(&w1, 1, 1, (uint32_t *)-8L, OP(SET, 1, EQ, 0));
  printf("kernel second word: %s\n", ename(r));
  check(r == -EFAULT, "EFAULT kernel address");

  /* Wakes: the comparisons on the old value, signed. */
  wake_case("EQ met", 0, 1, 1, OP(SET, 1, EQ, 0), 2);
  wake_case("EQ not met", 3, 1, 1, OP(SET, 1, EQ, 0), 1);
  wake_case("NE met", 3, 1, 1, OP(ADD, 1, NE, 0), 2);
  wake_case("LT met (-1 < 0)", 0xffffffff, 1, 1, OP(ADD, 1, LT, 0), 2);
  wake_case("LE not met", 5, 1, 1, OP(ADD, 1, LE, 4), 1);
  wake_case("GT met", 5, 1, 1, OP(ADD, 1, GT, 4), 2);
  wake_case("GE not met", 3, 1, 1, OP(ADD, 1, GE, 4), 1);
  wake_case("GE met, cmparg -1", 0, 1, 1, OP(ADD, 1, GE, -1), 2);
  wake_case("counts 0 and 0 wake one each", 0, 0, 0, OP(SET, 1, EQ, 0), 2);
  wake_case("second count 0, not met", 1, 0, 0, OP(SET, 1, EQ, 0), 1);

  /* FUTEX_WAKE's count is an int too, tested after each wake. */
  pthread_t t1, t2;
  struct waiter a, b;
  w1 = 0;
  start_waiter(&t1, &a, &w1);
  start_waiter(&t2, &b, &w1);
  r = rs(syscall(SYS_futex, &w1, FUTEX_WAIT_PRIVATE + 1, 0xffffffffu, 0, 0, 0));
  printf("FUTEX_WAKE count 0xffffffff: woke %ld\n", r);
  check(r == 1, "a negative count wakes one");
  r = rs(syscall(SYS_futex, &w1, FUTEX_WAIT_PRIVATE + 1, 0, 0, 0, 0));
  printf("FUTEX_WAKE count 0: woke %ld\n", r);
  check(r == 1, "count 0 wakes one");
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return finish("futex_wake_op");
}
