/* events.posix_timer_signalfd: a timer's signal read through a signalfd:
 * ssi_code SI_TIMER, ssi_tid the timer id, ssi_int/ssi_ptr its sigev_value,
 * ssi_overrun the periods missed before the read (a periodic timer is
 * re-armed by the read, as by delivery); timer_getoverrun agrees, and a
 * blocking read waits for the next expiry. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <time.h>

#include "contract.h"

int main(void) {
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGRTMIN + 2);
  sigprocmask(SIG_BLOCK, &m, 0);
  int fd = signalfd(-1, &m, 0);
  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGRTMIN + 2;
  ev.sigev_value.sival_ptr = (void *)0x5000000042;
  int id;
  syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
  struct itimerspec its = {{0, 20000000}, {0, 20000000}};
  syscall(SYS_timer_settime, id, 0, &its, 0);
  struct timespec nap = {0, 300000000};
  nanosleep(&nap, 0);
  struct signalfd_siginfo si;
  long r = read(fd, &si, sizeof si);
  long ov = syscall(SYS_timer_getoverrun, id);
  printf("read %ld: code %s tid %u int 0x%x ptr 0x%llx overrun >= 10: %d, "
         "getoverrun same: %d\n",
         r, si.ssi_code == SI_TIMER ? "SI_TIMER" : "other", si.ssi_tid,
         si.ssi_int, (unsigned long long)si.ssi_ptr, si.ssi_overrun >= 10,
         ov == (long)si.ssi_overrun);
  for (int i = 0; i < 3; i++) {
    r = read(fd, &si, sizeof si); /* re-armed: the next period comes */
    printf("blocking read %d: %ld bytes, %s\n", i, r,
           si.ssi_code == SI_TIMER ? "SI_TIMER" : "other");
  }
  syscall(SYS_timer_delete, id);
  return finish("events.posix_timer_signalfd");
}
