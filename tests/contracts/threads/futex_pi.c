/* threads.futex_pi: the PI futex ops on raw words. TRYLOCK_PI/LOCK_PI
 * take a free word (it gets the caller's TID), EDEADLK for the owner,
 * EAGAIN (trylock) or a sleep with FUTEX_WAITERS set when another thread
 * holds it, ESRCH for a TID no thread has (the WAITERS bit is set all the
 * same), EINVAL when plain waiters sleep on the word (and FUTEX_WAKE on a
 * word with PI waiters); LOCK_PI's absolute CLOCK_REALTIME timeout and
 * LOCK_PI2's clock choice (LOCK_PI with FUTEX_CLOCK_REALTIME is ENOSYS);
 * UNLOCK_PI: EPERM for a non-owner, the word freed, or handed to the
 * waiter (its TID and FUTEX_WAITERS); a lock whose owner dies goes to the
 * waiter, with FUTEX_OWNER_DIED when the owner's robust list held it, and
 * a robust one with no waiter is taken with FUTEX_OWNER_DIED kept; a
 * signal's handler runs and the lock is then still taken (no EINTR);
 * shared words across processes. */
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "contract.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_LOCK_PI2 13
#define PRIV 128
#define CLOCK_RT 256
#define WAITERS 0x80000000u
#define OWNER_DIED 0x40000000u
#define TID_MASK 0x3fffffffu

static long fx(uint32_t *u, int op, uint32_t val, const struct timespec *t) {
  return rs(syscall(SYS_futex, u, op, val, t, 0, 0));
}

static long lock(uint32_t *u) {
  return fx(u, FUTEX_LOCK_PI | PRIV, 0, 0);
}
static long trylock(uint32_t *u) {
  return fx(u, FUTEX_TRYLOCK_PI | PRIV, 0, 0);
}
static long unlock(uint32_t *u) {
  return fx(u, FUTEX_UNLOCK_PI | PRIV, 0, 0);
}

static long my_tid(void) {
  return syscall(SYS_gettid);
}

/* The word as relations: "free", "me", "waiter", "holder", flags. */
static long tid_holder, tid_waiter;
static void show(const char *what, uint32_t v) {
  long t = v & TID_MASK;
  const char *who = !t                ? "0"
                    : t == my_tid()   ? "main"
                    : t == tid_holder ? "holder"
                    : t == tid_waiter ? "waiter"
                                      : "other";
  printf("%s: word tid=%s%s%s\n", what, who, v & WAITERS ? " WAITERS" : "",
         v & OWNER_DIED ? " OWNER_DIED" : "");
}

static struct timespec after_ms(clockid_t c, long ms) {
  struct timespec t;
  clock_gettime(c, &t);
  t.tv_nsec += ms * 1000000;
  t.tv_sec += t.tv_nsec / 1000000000;
  t.tv_nsec %= 1000000000;
  return t;
}

/* ---- a holder thread: takes the word, waits to be told, then unlocks
 * or just exits (with or without its robust list naming the word) ---- */

struct robust_head {
  void *next;
  long offset;
  void *pending;
};

struct holder {
  uint32_t *word;
  int how; /* 0 unlock, 1 exit holding, 2 exit holding on its robust list */
  volatile int go, locked;
  struct robust_head head;
  void *entry; /* the robust list's one entry; the word follows it */
};

static struct {
  void *next;
  uint32_t word;
} robust_lock;

static void *holder_thread(void *arg) {
  struct holder *h = arg;
  tid_holder = my_tid();
  if (h->how == 2) {
    h->head.next = (void *)((uintptr_t)&robust_lock | 1); /* a PI entry */
    robust_lock.next = &h->head;
    h->head.offset = (char *)&robust_lock.word - (char *)&robust_lock;
    syscall(SYS_set_robust_list, &h->head, sizeof h->head);
  } else {
    /* musl registers none for a thread that never used a robust mutex;
     * say so explicitly. */
    syscall(SYS_set_robust_list, 0, sizeof h->head);
  }
  long r = trylock(h->word);
  h->locked = r == 0 ? 1 : -1;
  while (!h->go)
    syscall(SYS_futex, &h->go, FUTEX_WAIT | PRIV, 0, 0, 0, 0);
  if (h->how == 0)
    unlock(h->word);
  return 0;
}

static void start_holder(pthread_t *t, struct holder *h, uint32_t *w, int how) {
  *h = (struct holder){.word = w, .how = how};
  pthread_create(t, 0, holder_thread, h);
  while (!h->locked)
    sched_yield();
}

static void release_holder(pthread_t t, struct holder *h) {
  h->go = 1;
  syscall(SYS_futex, &h->go, FUTEX_WAKE | PRIV, 1, 0, 0, 0);
  pthread_join(t, 0);
}

/* ---- a waiter thread: LOCK_PI, note the word, unlock ---- */

struct waiter {
  uint32_t *word;
  int op;
  volatile int statfd;
  volatile int done;
  long result;
  uint32_t seen;
  long unlocked;
};

static void *waiter_thread(void *arg) {
  struct waiter *w = arg;
  w->statfd = thread_stat_fd();
  tid_waiter = my_tid();
  w->result = fx(w->word, w->op, 0, 0);
  w->seen = *w->word;
  w->unlocked = w->result == 0 ? unlock(w->word) : 1;
  w->done = 1;
  return 0;
}

static void start_waiter(pthread_t *t, struct waiter *w, uint32_t *word) {
  *w = (struct waiter){.word = word, .op = FUTEX_LOCK_PI | PRIV, .statfd = -1};
  pthread_create(t, 0, waiter_thread, w);
  /* The bit is set in the same step that queues the waiter. */
  while (!(__atomic_load_n(word, __ATOMIC_SEQ_CST) & WAITERS))
    sched_yield();
}

static void finish_waiter(pthread_t t, struct waiter *w, const char *what) {
  pthread_join(t, 0);
  if (w->statfd >= 0)
    close(w->statfd);
  printf("%s: waiter got %s, unlock %s\n", what, ename(w->result),
         ename(w->unlocked));
  show("  waiter saw", w->seen);
}

static uint32_t word;

static void basics(void) {
  long r = trylock(&word);
  expect("trylock free word", r, "ok");
  show("  after", word);
  expect("lock again (owner)", lock(&word), "EDEADLK");
  expect("trylock again (owner)", trylock(&word), "EDEADLK");
  expect("unlock", unlock(&word), "ok");
  show("  after", word);
  expect("unlock free word", unlock(&word), "EPERM");
  expect("lock free word", lock(&word), "ok");
  show("  after", word);
  expect("unlock", unlock(&word), "ok");
  word = WAITERS | OWNER_DIED;
  expect("lock a free word with stale bits", lock(&word), "ok");
  show("  after", word);
  expect("unlock clears both bits", unlock(&word), "ok");
  show("  after", word);
  expect("lock unaligned", lock((uint32_t *)((char *)&word + 1)), "EINVAL");
  uint32_t *ro = (uint32_t *)mm(0, PG, PROT_READ, ANON, -1, 0);
  expect("lock read-only word", lock(ro), "EFAULT");
  expect("unlock read-only word", unlock(ro), "EPERM");
  word = 0x3ffffff0; /* no thread has this TID */
  expect("lock word of a missing TID", lock(&word), "ESRCH");
  show("  after", word);
  word = 0x3ffffff0;
  expect("trylock word of a missing TID", trylock(&word), "ESRCH");
  word = 0x3ffffff0;
  expect("unlock word of a missing TID", unlock(&word), "EPERM");
  word = 0;
  expect("LOCK_PI with FUTEX_CLOCK_REALTIME",
         fx(&word, FUTEX_LOCK_PI | PRIV | CLOCK_RT, 0, 0), "ENOSYS");
  struct timespec bad = {0, 1000000000};
  expect("LOCK_PI bad timespec", fx(&word, FUTEX_LOCK_PI | PRIV, 0, &bad),
         "EINVAL");
  expect("LOCK_PI|CLOCK_REALTIME bad timespec (timeout read first)",
         fx(&word, FUTEX_LOCK_PI | PRIV | CLOCK_RT, 0, &bad), "EINVAL");
  expect("LOCK_PI2 takes a free word", fx(&word, FUTEX_LOCK_PI2 | PRIV, 0, 0),
         "ok");
  expect("unlock", unlock(&word), "ok");
}

static void held_by_other(void) {
  pthread_t t;
  struct holder h;
  word = 0;
  start_holder(&t, &h, &word, 0);
  show("holder took it", word);
  expect("unlock by non-owner", unlock(&word), "EPERM");
  expect("trylock held word", trylock(&word), "EAGAIN");
  show("  after", word);
  struct timespec rt = after_ms(CLOCK_REALTIME, 30);
  expect("LOCK_PI, CLOCK_REALTIME deadline",
         fx(&word, FUTEX_LOCK_PI | PRIV, 0, &rt), "ETIMEDOUT");
  /* A CLOCK_MONOTONIC reading is long past as a CLOCK_REALTIME time. */
  struct timespec mono = after_ms(CLOCK_MONOTONIC, 0);
  expect("LOCK_PI, deadline in 1970", fx(&word, FUTEX_LOCK_PI | PRIV, 0, &mono),
         "ETIMEDOUT");
  mono = after_ms(CLOCK_MONOTONIC, 30);
  expect("LOCK_PI2, CLOCK_MONOTONIC deadline",
         fx(&word, FUTEX_LOCK_PI2 | PRIV, 0, &mono), "ETIMEDOUT");
  rt = after_ms(CLOCK_REALTIME, 30);
  expect("LOCK_PI2|CLOCK_REALTIME deadline",
         fx(&word, FUTEX_LOCK_PI2 | PRIV | CLOCK_RT, 0, &rt), "ETIMEDOUT");
  show("  after the timeouts", word);
  release_holder(t, &h);
  show("holder unlocked", word);
}

static void handover(void) {
  pthread_t t;
  struct waiter w;
  word = 0;
  expect("main locks", lock(&word), "ok");
  start_waiter(&t, &w, &word);
  show("waiter queued", word);
  expect("FUTEX_WAKE on a word with a PI waiter",
         fx(&word, FUTEX_WAKE | PRIV, 1, 0), "EINVAL");
  expect("unlock hands over", unlock(&word), "ok");
  finish_waiter(t, &w, "handover");
  show("  at the end", word);
}

/* Plain waiters on a word: LOCK_PI there is EINVAL. */
static volatile int plain_fd = -1;
static void *plain_wait(void *arg) {
  plain_fd = thread_stat_fd();
  fx(arg, FUTEX_WAIT | PRIV, 5, 0);
  return 0;
}

static void mixed(void) {
  pthread_t t;
  word = 5;
  pthread_create(&t, 0, plain_wait, &word);
  while (plain_fd < 0)
    sched_yield();
  if (!wait_asleep(plain_fd))
    printf("plain waiter never slept\n");
  expect("LOCK_PI on a word with plain waiters", lock(&word), "EINVAL");
  expect("TRYLOCK_PI on it", trylock(&word), "EINVAL");
  fx(&word, FUTEX_WAKE | PRIV, 1, 0);
  pthread_join(t, 0);
}

static void owner_dies(int how, const char *what) {
  pthread_t t, tw;
  struct holder h;
  struct waiter w;
  uint32_t *wd = how == 2 ? &robust_lock.word : &word;
  *wd = 0;
  start_holder(&t, &h, wd, how);
  start_waiter(&tw, &w, wd);
  release_holder(t, &h); /* it exits holding the lock */
  finish_waiter(tw, &w, what);
}

static void owner_dies_alone(void) {
  pthread_t t;
  struct holder h;
  robust_lock.word = 0;
  start_holder(&t, &h, &robust_lock.word, 2);
  release_holder(t, &h);
  show("robust owner died, no waiter", robust_lock.word);
  expect("lock it", lock(&robust_lock.word), "ok");
  show("  after", robust_lock.word);
  expect("unlock", unlock(&robust_lock.word), "ok");
  show("  after", robust_lock.word);
  word = 0;
  start_holder(&t, &h, &word, 1);
  release_holder(t, &h);
  expect("lock of a non-robust dead owner's word", lock(&word), "ESRCH");
}

static volatile int handled;
static void on_usr1(int s) {
  (void)s;
  handled = 1;
}

static void signalled(void) {
  struct sigaction sa = {.sa_handler = on_usr1}; /* no SA_RESTART */
  sigaction(SIGUSR1, &sa, 0);
  pthread_t t;
  struct waiter w;
  word = 0;
  lock(&word);
  start_waiter(&t, &w, &word);
  pthread_kill(t, SIGUSR1);
  while (!handled)
    sched_yield();
  if (!wait_asleep(w.statfd))
    printf("waiter never slept again\n");
  unlock(&word);
  pthread_join(t, 0);
  printf("signal during LOCK_PI: handler ran, waiter got %s\n",
         ename(w.result));
}

static void shared(void) {
  uint32_t *sw = (uint32_t *)mm(0, PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  expect("shared lock by parent", fx(sw, FUTEX_LOCK_PI, 0, 0), "ok");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    long r = fx(sw, FUTEX_LOCK_PI, 0, 0);
    int ok =
        r == 0 && (*sw & TID_MASK) == (uint32_t)my_tid() && (*sw & WAITERS);
    ok = ok && fx(sw, FUTEX_UNLOCK_PI, 0, 0) == 0 && *sw == 0;
    _exit(ok ? 0 : 1);
  }
  while (!(__atomic_load_n(sw, __ATOMIC_SEQ_CST) & WAITERS))
    sched_yield();
  expect("shared unlock hands over to the child", fx(sw, FUTEX_UNLOCK_PI, 0, 0),
         "ok");
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "child got the shared lock with its TID and WAITERS");
}

int main(void) {
  basics();
  held_by_other();
  handover();
  mixed();
  owner_dies(1, "owner exits holding, no robust list");
  owner_dies(2, "owner exits holding, on its robust list");
  owner_dies_alone();
  signalled();
  shared();
  return finish("futex_pi");
}
