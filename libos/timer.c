/* Interval timers (timer.h). */
#include <libos/timer.h>

#include <hal/time.h>
#include <libos/jobctl.h>
#include <libos/kstring.h>
#include <libos/ktimer.h>
#include <libos/sched.h>
#include <libos/task.h>
#include <libos/tick.h>

uint64_t itimer_clock(const struct proc *p, int which) {
  switch (which) {
  case ITIMER_VIRTUAL_:
    return proc_user_ns(p);
  case ITIMER_PROF_:
    return proc_cpu_ns(p);
  default:
    return hal_clock_ns();
  }
}

void itimer_get(const struct proc *p, int which, uint64_t *value,
                uint64_t *interval) {
  const struct itimer *it = &p->itimer[which];
  uint64_t v = 0;
  if (it->expire) {
    uint64_t now = itimer_clock(p, which);
    /* An expired timer not yet fired still reads as armed (Linux: 1 us). */
    v = it->expire > now ? it->expire - now : 1000;
  }
  if (value)
    *value = v;
  if (interval)
    *interval = it->interval;
}

void itimer_set(struct proc *p, int which, uint64_t value, uint64_t interval,
                uint64_t *old_value, uint64_t *old_interval) {
  itimer_get(p, which, old_value, old_interval);
  struct itimer *it = &p->itimer[which];
  if (value == 0) {
    it->expire = 0;
    it->interval = interval;
    return;
  }
  it->expire = itimer_clock(p, which) + value;
  it->interval = interval;
  tick_need();
}

static const int timer_signal[3] = {SIGALRM, SIGVTALRM, SIGPROF};

static void proc_timers(struct proc *p) {
  for (int w = 0; w < 3; w++) {
    struct itimer *it = &p->itimer[w];
    if (!it->expire)
      continue;
    uint64_t now = itimer_clock(p, w);
    if (now < it->expire)
      continue;
    if (it->interval) {
      it->expire += it->interval;
      if (it->expire <= now) /* missed periods are not made up, as Linux */
        it->expire = now + it->interval;
    } else {
      it->expire = 0;
    }
    struct linux_siginfo si;
    memset(&si, 0, sizeof si);
    si.signo = timer_signal[w];
    si.code = SI_KERNEL;
    jobctl_send(p, &si);
  }
}

void timer_tick(void) {
  ktimer_run(); /* timerfds and POSIX timers */
  for (struct proc *p = proc_list(); p; p = p->next)
    if (p->state == PROC_ALIVE)
      proc_timers(p);
}
