/* events.posix_timer_cputime: timers on CPU-time clocks count only time
 * on the CPU: a CLOCK_PROCESS_CPUTIME_ID or CLOCK_THREAD_CPUTIME_ID timer
 * does not fire while the process sleeps, and fires once it has run for
 * its value (the handler sees at least that much CPU time). A thread's
 * timer counts the creating thread only: another thread spinning does not
 * advance it. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "contract.h"

static volatile int fired;
static volatile long long cpu_at_fire;
static clockid_t which;

static long long cpu_ms(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void on(int s) {
  (void)s;
  fired++;
  cpu_at_fire = cpu_ms(which);
}

static volatile int stop;
static void *spin(void *a) {
  (void)a;
  while (!stop)
    ;
  return 0;
}

static void run(const char *name, clockid_t c) {
  which = c;
  fired = 0;
  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGUSR1;
  int id;
  long r = rs(syscall(SYS_timer_create, c, &ev, &id));
  long long start = cpu_ms(c);
  struct itimerspec its = {{0, 0}, {0, 40000000}}; /* 40 ms of CPU */
  syscall(SYS_timer_settime, id, 0, &its, 0);
  struct timespec nap = {0, 200000000};
  nanosleep(&nap, 0);
  printf("%s: create %s, fired while sleeping: %d\n", name, ename(r), fired);
  while (!fired)
    ;
  printf("  fired after spinning, CPU time >= 40 ms: %d\n",
         cpu_at_fire - start >= 39);
  syscall(SYS_timer_delete, id);
}

int main(void) {
  signal(SIGUSR1, on);
  run("process CPU timer", CLOCK_PROCESS_CPUTIME_ID);
  run("thread CPU timer", CLOCK_THREAD_CPUTIME_ID);

  /* The thread timer of main while another thread spins and main sleeps. */
  fired = 0;
  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGUSR1;
  int id;
  syscall(SYS_timer_create, CLOCK_THREAD_CPUTIME_ID, &ev, &id);
  struct itimerspec its = {{0, 0}, {0, 40000000}};
  syscall(SYS_timer_settime, id, 0, &its, 0);
  pthread_t th;
  pthread_create(&th, 0, spin, 0);
  struct timespec nap = {0, 300000000};
  nanosleep(&nap, 0);
  stop = 1;
  pthread_join(th, 0);
  printf("main's thread timer while another thread spun: fired %d\n", fired);
  struct itimerspec g;
  syscall(SYS_timer_gettime, id, &g);
  printf("  still armed: %d\n",
         g.it_value.tv_sec > 0 || g.it_value.tv_nsec > 0);
  return finish("events.posix_timer_cputime");
}
