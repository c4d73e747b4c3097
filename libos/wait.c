/* Waiting = telling the scheduler what we wait for, then giving up the
 * CPU until it picks us again. */
#include <libos/wait.h>

#include <hal/time.h>
#include <libos/sched.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <libos/tick.h>

static void wait_once(struct thread *t, bool (*cond)(void *), void *arg,
                      uint64_t deadline, bool signals) {
  t->wcond = cond;
  t->warg = arg;
  t->wdeadline = deadline;
  t->wsignals = signals;
  t->state = THREAD_WAITING;
  if (deadline != WAIT_FOREVER)
    tick_need(); /* deadlines are noticed on ticks */
  schedule();
  t->state = THREAD_RUNNABLE;
  t->wcond = 0;
}

enum wait_result wait_event(bool (*cond)(void *), void *arg,
                            uint64_t deadline) {
  struct thread *t = current();
  for (;;) {
    if (cond && cond(arg))
      return WAIT_DONE;
    if (signal_interrupts(t))
      return WAIT_SIGNAL;
    if (deadline != WAIT_FOREVER && hal_clock_ns() >= deadline)
      return WAIT_TIMEOUT;
    wait_once(t, cond, arg, deadline, true);
  }
}

void wait_uninterruptible(bool (*cond)(void *), void *arg) {
  struct thread *t = current();
  while (!cond(arg) && !(t->pending.set & SIGBIT(SIGKILL)))
    wait_once(t, cond, arg, WAIT_FOREVER, false);
}

static bool continued(void *arg) {
  return !((struct proc *)arg)->stopped;
}

void wait_stopped(void) {
  wait_uninterruptible(continued, current()->proc);
}
