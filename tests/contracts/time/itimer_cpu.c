/* time.itimer_cpu: ITIMER_VIRTUAL and ITIMER_PROF count CPU time: a busy
 * loop gets SIGVTALRM and SIGPROF (SI_KERNEL), re-armed by the interval;
 * getrusage and times() then show CPU time spent. */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>

#include "contract.h"

static volatile int vt, prof, vt_code;
static void handler(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  if (sig == SIGVTALRM) {
    vt++;
    vt_code = si->si_code;
  } else {
    prof++;
  }
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGVTALRM, &sa, NULL);
  sigaction(SIGPROF, &sa, NULL);

  struct itimerval it = {{0, 10000}, {0, 10000}};
  check(setitimer(ITIMER_VIRTUAL, &it, NULL) == 0, "arm ITIMER_VIRTUAL");
  check(setitimer(ITIMER_PROF, &it, NULL) == 0, "arm ITIMER_PROF");
  volatile unsigned long spin = 0;
  while (vt < 2 || prof < 2)
    spin++;
  printf("SIGVTALRM>=2 SIGPROF>=2 code=%s\n",
         vt_code == SI_KERNEL ? "SI_KERNEL" : "other");
  check(vt_code == SI_KERNEL, "SIGVTALRM from the kernel");
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_VIRTUAL, &off, NULL);
  setitimer(ITIMER_PROF, &off, NULL);

  struct rusage ru;
  check(getrusage(RUSAGE_SELF, &ru) == 0, "getrusage");
  long us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L +
            ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
  check(us >= 10000, "cpu time>=10ms");
  struct tms t;
  clock_t c1 = times(&t);
  check(c1 != (clock_t)-1 && t.tms_utime + t.tms_stime >= 1,
        "times() counts the ticks");
  check(getrusage(5, &ru) == -1, "getrusage who 5 fails");

  return finish("itimer_cpu");
}
