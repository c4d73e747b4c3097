/*
 * Signals to a whole process, with job control (signal(7), wait(2)): a
 * process-directed signal resumes a stopped process (SIGCONT) or ends its
 * stop (SIGKILL) before it is queued; a stop parks every thread; the parent
 * hears of stops and continues through SIGCHLD, as Linux's
 * do_notify_parent_cldstop. Exits tell the parent in proc_exit.c with the
 * same siginfo (jobctl_chld_info).
 */
#ifndef LIBOS_JOBCTL_H
#define LIBOS_JOBCTL_H

#include <uapi/signal.h>

struct proc;

/* Send a signal to process `p` (kill, itimers, SIGCHLD): queued on its
 * shared queue for any thread that does not block it (signal_send_group,
 * the leader preferred); SIGCONT resumes a stopped process and SIGKILL
 * ends a stop. A zombie takes it and nothing happens. Returns 0 or -1
 * (real-time queue full). */
int jobctl_send(struct proc *p, const struct linux_siginfo *info);

/* The current process stops with `sig` (a stop signal's default action):
 * the parent is told; returns when it is continued or SIGKILL is pending. */
void jobctl_stop(int sig);

/* The SIGCHLD siginfo describing child `p` (CLD_* `code`, `status` as
 * si_status, its user and system times in clock ticks). */
struct linux_siginfo jobctl_chld_info(const struct proc *p, int code,
                                      int status);

#endif
