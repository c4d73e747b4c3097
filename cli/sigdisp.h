/* Signals only ptrace sees (Linux side). Under ptrace the tracer sees even
 * the signals a program ignores (SIG_IGN, or SIG_DFL of a default-ignore
 * signal: SIGCHLD, SIGURG, SIGWINCH, SIGCONT), which the program never sees
 * and the kernel trace does not record. Dispositions are a process's: they
 * come from the strace text of its successful rt_sigaction calls, are
 * shared by its threads, copied to a child at fork, and a successful
 * execve resets handlers to SIG_DFL (SIG_IGN stays). */
#ifndef KDIFF_SIGDISP_H
#define KDIFF_SIGDISP_H

#include "tasks.h"
#include "trace.h"

/* Marks the live signal events of t the receiving process ignores with
 * EVF_DROP. m gives each task its process (tasks_build). */
void sig_drop_ignored(struct trace *t, struct task_map *m);

#endif
