/* threads.mutex_prio_inherit: musl's PTHREAD_PRIO_INHERIT mutexes, which
 * are the kernel's PI futex ops (LOCK_PI, TRYLOCK_PI, UNLOCK_PI):
 * error-checking (EDEADLK, EBUSY, EPERM), recursive, contention across
 * threads (trylock EBUSY, a timed lock ETIMEDOUT, a blocked lock taken at
 * the unlock, counts kept exact), a robust one whose owner died
 * (EOWNERDEAD, then consistent), and a process-shared one across fork. */
#include <pthread.h>
#include <time.h>

#include "contract.h"

static pthread_mutex_t m;
static long counter;

static void init(pthread_mutex_t *mx, int type, int robust, int pshared) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, type);
  int r = pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
  if (r)
    printf("setprotocol: %s\n", errno_name(r));
  if (robust)
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
  if (pshared)
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(mx, &a);
  pthread_mutexattr_destroy(&a);
}

static const char *en(int r) {
  return r == EOWNERDEAD ? "EOWNERDEAD" : r ? errno_name(r) : "ok";
}

static void expect_rc(const char *what, int r, const char *want) {
  expect_str(what, en(r), want);
}

struct contender {
  volatile long tid;
  int statfd;
  int trylock, timedlock, lock;
};

static void *contend(void *arg) {
  struct contender *c = arg;
  c->statfd = thread_stat_fd();
  c->tid = syscall(SYS_gettid);
  c->trylock = pthread_mutex_trylock(&m);
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_nsec += 30 * 1000000;
  t.tv_sec += t.tv_nsec / 1000000000;
  t.tv_nsec %= 1000000000;
  c->timedlock = pthread_mutex_timedlock(&m, &t);
  c->lock = pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
  return 0;
}

static void *count_loop(void *arg) {
  (void)arg;
  for (int i = 0; i < 2000; i++) {
    pthread_mutex_lock(&m);
    long v = counter;
    if (i % 64 == 0)
      sched_yield(); /* hold it a while: the other one must wait */
    counter = v + 1;
    pthread_mutex_unlock(&m);
  }
  return 0;
}

static void *die_holding(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  return 0;
}

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  int proto = -1;
  expect_rc("setprotocol PRIO_INHERIT",
            pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT), "ok");
  pthread_mutexattr_getprotocol(&a, &proto);
  check(proto == PTHREAD_PRIO_INHERIT, "getprotocol says PRIO_INHERIT");

  init(&m, PTHREAD_MUTEX_ERRORCHECK, 0, 0);
  expect_rc("errorcheck lock", pthread_mutex_lock(&m), "ok");
  expect_rc("errorcheck relock", pthread_mutex_lock(&m), "EDEADLK");
  expect_rc("errorcheck trylock by owner", pthread_mutex_trylock(&m), "EBUSY");
  expect_rc("errorcheck unlock", pthread_mutex_unlock(&m), "ok");
  expect_rc("errorcheck unlock unlocked", pthread_mutex_unlock(&m), "EPERM");
  pthread_mutex_destroy(&m);

  init(&m, PTHREAD_MUTEX_RECURSIVE, 0, 0);
  expect_rc("recursive lock", pthread_mutex_lock(&m), "ok");
  expect_rc("recursive lock again", pthread_mutex_lock(&m), "ok");
  expect_rc("recursive trylock", pthread_mutex_trylock(&m), "ok");
  expect_rc("unlock 1", pthread_mutex_unlock(&m), "ok");
  expect_rc("unlock 2", pthread_mutex_unlock(&m), "ok");
  expect_rc("unlock 3", pthread_mutex_unlock(&m), "ok");
  expect_rc("unlock 4", pthread_mutex_unlock(&m), "EPERM");
  pthread_mutex_destroy(&m);

  init(&m, PTHREAD_MUTEX_NORMAL, 0, 0);
  pthread_mutex_lock(&m);
  struct contender c = {0};
  pthread_t t;
  pthread_create(&t, 0, contend, &c);
  while (!c.tid)
    sched_yield();
  /* Asleep in LOCK_PI after its trylock and its timed lock failed. */
  struct timespec pause = {0, 50 * 1000000};
  nanosleep(&pause, 0);
  if (!wait_asleep(c.statfd))
    printf("contender never slept\n");
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  expect_rc("other thread's trylock", c.trylock, "EBUSY");
  expect_rc("other thread's timed lock", c.timedlock, "ETIMEDOUT");
  expect_rc("other thread's lock after the unlock", c.lock, "ok");
  check(counter == 1, "it ran its critical section");

  counter = 0;
  pthread_t t1, t2;
  pthread_create(&t1, 0, count_loop, 0);
  pthread_create(&t2, 0, count_loop, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  printf("two threads x 2000 increments: %ld\n", counter);
  check(counter == 4000, "no increment lost");
  pthread_mutex_destroy(&m);

  init(&m, PTHREAD_MUTEX_NORMAL, 1, 0);
  pthread_create(&t, 0, die_holding, 0);
  pthread_join(t, 0);
  expect_rc("robust lock after its owner died", pthread_mutex_lock(&m),
            "EOWNERDEAD");
  expect_rc("consistent", pthread_mutex_consistent(&m), "ok");
  expect_rc("unlock", pthread_mutex_unlock(&m), "ok");
  expect_rc("lock again", pthread_mutex_lock(&m), "ok");
  expect_rc("unlock", pthread_mutex_unlock(&m), "ok");
  pthread_mutex_destroy(&m);

  pthread_mutex_t *sm =
      (pthread_mutex_t *)mm(0, PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  long *shared_count = (long *)(sm + 1);
  init(sm, PTHREAD_MUTEX_NORMAL, 0, 1);
  fflush(stdout);
  pid_t kid = fork();
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(sm);
    long v = *shared_count;
    if (i % 64 == 0)
      sched_yield();
    *shared_count = v + 1;
    pthread_mutex_unlock(sm);
  }
  if (kid == 0)
    _exit(0);
  int st;
  waitpid(kid, &st, 0);
  printf("two processes x 1000 increments: %ld\n", *shared_count);
  check(WIFEXITED(st) && *shared_count == 2000, "shared PI mutex exact");
  return finish("mutex_prio_inherit");
}
