/* threads.robust_mutex: a robust mutex whose owner dies holding it is not
 * lost. The kernel walks the dead owner's robust list (set_robust_list),
 * marks the futex word FUTEX_OWNER_DIED and wakes a waiter: the next
 * pthread_mutex_lock returns EOWNERDEAD, pthread_mutex_consistent makes
 * it usable again. Once for a thread that exits, once for a process
 * that exits holding a PTHREAD_PROCESS_SHARED mutex in MAP_SHARED
 * memory. Joins and waits order everything (no timing). */
#include "contract.h"
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t *mtx;

/* A pthread result (an errno number or 0) by name. */
static void expect_pt(const char *what, int r, const char *want) {
  expect_str(what,
             r == 0            ? "ok"
             : r == EOWNERDEAD ? "EOWNERDEAD"
                               : errno_name(r),
             want);
}

static void init_robust(pthread_mutex_t *m, int pshared) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
  pthread_mutexattr_setpshared(&a, pshared);
  expect_pt("mutex init", pthread_mutex_init(m, &a), "ok");
  pthread_mutexattr_destroy(&a);
}

static void *die_holding(void *arg) {
  (void)arg;
  pthread_mutex_lock(mtx);
  return 0; /* exits with the mutex held */
}

/* After the owner's death: EOWNERDEAD, consistent, then it works. */
static void recover(const char *who) {
  printf("%s:\n", who);
  expect_pt("  lock after owner death", pthread_mutex_lock(mtx), "EOWNERDEAD");
  expect_pt("  consistent", pthread_mutex_consistent(mtx), "ok");
  expect_pt("  unlock", pthread_mutex_unlock(mtx), "ok");
  expect_pt("  lock again", pthread_mutex_lock(mtx), "ok");
  expect_pt("  unlock again", pthread_mutex_unlock(mtx), "ok");
}

int main(void) {
  static pthread_mutex_t local;
  mtx = &local;
  init_robust(mtx, PTHREAD_PROCESS_PRIVATE);
  pthread_t t;
  pthread_create(&t, 0, die_holding, 0);
  pthread_join(t, 0);
  recover("thread exited holding");

  void *shm = mmap(0, PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  check(shm != MAP_FAILED, "shared mapping");
  mtx = shm;
  init_robust(mtx, PTHREAD_PROCESS_SHARED);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_mutex_lock(mtx);
    _exit(0); /* the process dies with the mutex held */
  }
  int st = 0;
  waitpid(pid, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child exited");
  recover("process exited holding (shared)");
  return finish("robust_mutex");
}
