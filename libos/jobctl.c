/* Process-directed signals with their job-control side effects, and the
 * SIGCHLD a parent gets for a stop or continue (jobctl.h). */
#include <libos/jobctl.h>

#include <libos/kstring.h>
#include <libos/sched.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <libos/wait.h>
#include <uapi/wait.h>

struct linux_siginfo jobctl_chld_info(const struct proc *p, int code,
                                      int status) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = SIGCHLD;
  si.code = code;
  si.u.chld.pid = p->pid;
  si.u.chld.uid = 0;
  si.u.chld.status = status;
  si.u.chld.utime = (int64_t)(proc_user_ns(p) / 10000000); /* clock ticks */
  si.u.chld.stime = (int64_t)(proc_sys_ns(p) / 10000000);
  return si;
}

/* do_notify_parent_cldstop: SIGCHLD unless the parent set SA_NOCLDSTOP. */
static void notify_parent_stop(struct proc *p, int code, int status) {
  struct proc *parent = p->parent;
  if (!parent || (parent->action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
    return;
  struct linux_siginfo si = jobctl_chld_info(p, code, status);
  jobctl_send(parent, &si);
}

int jobctl_send(struct proc *p, const struct linux_siginfo *info) {
  if (p->state != PROC_ALIVE || !p->threads)
    return 0; /* a zombie takes the signal and nothing happens */
  int sig = info->signo;
  if ((sig == SIGCONT || sig == SIGKILL) && p->stopped) {
    p->stopped = false;
    p->report_stop = false;
    if (sig == SIGCONT) {
      p->report_cont = true;
      notify_parent_stop(p, LINUX_CLD_CONTINUED, SIGCONT);
    }
  }
  return signal_send_group(p, info, 0);
}

void jobctl_stop(int sig) {
  struct proc *p = current_proc();
  if (!p->stopped) {
    p->stopped = true;
    p->stop_sig = sig;
    p->report_stop = true;
    p->report_cont = false;
    notify_parent_stop(p, LINUX_CLD_STOPPED, sig);
  }
  wait_stopped();
}
