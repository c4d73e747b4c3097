/* Idle waiting on the timer tick. */
#include <libos/wait.h>

#include <hal/cpu.h>
#include <hal/time.h>
#include <libos/proc.h>
#include <libos/signal.h>
#include <libos/timer.h>

enum wait_result wait_event(bool (*cond)(void *), void *arg,
                            uint64_t deadline) {
  struct thread *t = current();
  uint64_t start = hal_clock_ns();
  enum wait_result res;
  timer_need_tick();
  for (;;) {
    if (cond && cond(arg)) {
      res = WAIT_DONE;
      break;
    }
    if (signal_interrupts(t)) {
      res = WAIT_SIGNAL;
      break;
    }
    if (deadline != WAIT_FOREVER && hal_clock_ns() >= deadline) {
      res = WAIT_TIMEOUT;
      break;
    }
    hal_cpu_wait();
  }
  t->proc->blocked_ns += hal_clock_ns() - start;
  return res;
}

void wait_stopped(void) {
  struct thread *t = current();
  uint64_t start = hal_clock_ns();
  timer_need_tick();
  while (!(t->pending.set & (SIGBIT(SIGCONT) | SIGBIT(SIGKILL))))
    hal_cpu_wait();
  t->proc->blocked_ns += hal_clock_ns() - start;
}
