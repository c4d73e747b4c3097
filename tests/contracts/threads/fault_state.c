/* threads.fault_state: the fault details a signal frame reports (x86-64
 * sigcontext cr2, arm64 fault_address) are the receiving thread's own last
 * fault, as Linux keeps them in each thread: two threads that fault at
 * different addresses each see their own address in the frame of a later,
 * unrelated signal; a thread that never faulted and was created before any
 * fault sees 0; a thread created after a fault inherits its creator's
 * (clone copies the thread state). */
#define _GNU_SOURCE
#include "contract.h"

#include <pthread.h>
#include <stdint.h>
#include <ucontext.h>

static __thread uintptr_t seen; /* the frame's fault address, per thread */
static char *pages;             /* two PROT_NONE pages */
static long pagesz;

static void on_usr1(int sig, siginfo_t *si, void *ucv) {
  (void)sig, (void)si;
  ucontext_t *uc = ucv;
#if defined(__x86_64__)
  seen = (uintptr_t)uc->uc_mcontext.gregs[REG_CR2];
#elif defined(__aarch64__)
  seen = (uintptr_t)uc->uc_mcontext.fault_address;
#else
#error "unknown architecture"
#endif
}

/* Touch `p` (a write when `write`): 1 when it faulted. The threads take
 * turns (each is joined), so the probes' one jump buffer is enough. */
static int fault_at(char *p, int write) {
  return write ? probe_write((long)p, 1) : probe_read((long)p);
}

/* The fault address the frame of a SIGUSR1 to this thread reports. */
static uintptr_t frame_fault(void) {
  seen = (uintptr_t)-1;
  raise(SIGUSR1);
  return seen;
}

static uintptr_t second_faulted, second_seen, fresh_seen, late_seen;

static void *second(void *a) {
  (void)a;
  char *p = pages + pagesz + 24;
  second_faulted = fault_at(p, 1) ? (uintptr_t)p : 0;
  second_seen = frame_fault();
  return 0;
}

static void *fresh(void *a) {
  (void)a;
  fresh_seen = frame_fault();
  return 0;
}

static void *late(void *a) {
  (void)a;
  late_seen = frame_fault();
  return 0;
}

static const char *rel(uintptr_t v, uintptr_t own, uintptr_t other) {
  return v == own ? "own" : v == other ? "other thread's" : v ? "other" : "0";
}

int main(void) {
  pagesz = sysconf(_SC_PAGESIZE);
  pages = mmap(0, 2 * pagesz, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED) {
    printf("CONTRACT_FAIL fault_state: mmap\n");
    return 1;
  }
  catch_faults();
  struct sigaction sa = {0};
  sa.sa_flags = SA_SIGINFO;
  sa.sa_sigaction = on_usr1;
  sigaction(SIGUSR1, &sa, 0);

  /* A thread created before any fault has none to report. */
  pthread_t t;
  pthread_create(&t, 0, fresh, 0);
  pthread_join(t, 0);
  printf("thread before any fault: frame fault address %s\n",
         fresh_seen ? "set" : "0");
  if (fresh_seen)
    failed = 1;

  char *mine = pages + 8;
  if (!fault_at(mine, 0)) {
    printf("CONTRACT_FAIL fault_state: no SIGSEGV reading a PROT_NONE page\n");
    return 1;
  }
  printf("main faulted reading its page\n");

  pthread_create(&t, 0, second, 0);
  pthread_join(t, 0);
  printf("second thread faulted writing: %s\n", second_faulted ? "yes" : "no");
  printf("second thread's frame: %s fault\n",
         rel(second_seen, second_faulted, (uintptr_t)mine));
  if (!second_faulted || second_seen != second_faulted)
    failed = 1;

  uintptr_t main_seen = frame_fault();
  printf("main's frame after the other thread faulted: %s fault\n",
         rel(main_seen, (uintptr_t)mine, second_faulted));
  if (main_seen != (uintptr_t)mine)
    failed = 1;

  /* clone copies the creator's thread state, its last fault included. */
  pthread_create(&t, 0, late, 0);
  pthread_join(t, 0);
  printf("thread created after main's fault: %s fault\n",
         late_seen == (uintptr_t)mine ? "its creator's"
                                      : rel(late_seen, 0, second_faulted));

  return finish("fault_state");
}
