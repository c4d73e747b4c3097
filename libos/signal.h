/*
 * Signal state of threads and processes (signal(7)): generation (the
 * ignore rule, stop/continue cancellation, the thread a process-directed
 * signal wakes), dequeueing, masks and what a blocking call must give up
 * for. Data rules are in libos/sigqueue.h below; job control (stop and
 * continue, SIGCHLD to the parent) in libos/jobctl.h above; building
 * frames and running handlers in linux_shim/deliver.c.
 */
#ifndef LIBOS_SIGNAL_H
#define LIBOS_SIGNAL_H

#include <stdbool.h>

#include <libos/sigqueue.h>

struct thread;
struct proc;

/* Reset a new thread's and process's signal state (nothing blocked or
 * pending, everything SIG_DFL, no alternate stack). The process must have
 * its disposition table (p->sighand, p->action) already. */
void signal_init_thread(struct thread *t);
void signal_init_proc(struct proc *p);

/* True when `sig` would be discarded at generation: SIG_IGN, or SIG_DFL
 * with an ignoring default. */
bool signal_is_ignored(const struct proc *p, int sig);

/* Generate a thread-directed signal for `t` (tkill, tgkill): applies the
 * ignore rule (a blocked signal is kept), SIGCONT/stop cancellation (in
 * the whole process, as Linux's prepare_signal) and queueing on `t`'s own
 * queue. Returns 0, or -1 when a real-time signal could not be queued. */
int signal_send(struct thread *t, const struct linux_siginfo *info);

/* Generate a process-directed signal for `p` (kill, SIGCHLD, itimers;
 * not SIGPIPE, which Linux sends to the writing thread): the same rules, the
 * ignore test using `prefer`'s mask (NULL: the leader's, as Linux tests the
 * task the pid names), then queueing on the process's shared queue and waking
 * one thread that does not block it
 * (`prefer` first, then the others in order: Linux's complete_signal). A
 * signal every thread blocks stays shared until one unblocks or sigwaits
 * for it. SIGKILL goes to every thread's own queue. Returns 0 or -1. */
int signal_send_group(struct proc *p, const struct linux_siginfo *info,
                      struct thread *prefer);

/* Signals pending for `t`: its own and its process's shared ones. */
linux_sigset_t signal_pending(const struct thread *t);

/* Take the signal `t` handles next among `allowed`: from its own queue
 * first, then the shared one (Linux 6.x dequeue_signal). False when none. */
bool signal_dequeue(struct thread *t, linux_sigset_t allowed,
                    struct linux_siginfo *out);

/* Linux's flush_signal_handlers (execve, clone's CLONE_CLEAR_SIGHAND):
 * handlers become SIG_DFL, SIG_IGN stays; flags and masks are cleared. */
void signal_flush_handlers(struct proc *p);

/* Drop the signals in `which` from the shared queue and every thread's. */
void signal_flush_group(struct proc *p, linux_sigset_t which);

/* `t` is leaving (thread exit): shared signals it could have taken wake
 * another thread instead (Linux's retarget_shared_pending). */
void signal_thread_gone(struct thread *t);

/* A synchronous fault: like Linux's force_sig, a blocked or ignored
 * signal is unblocked and reset to SIG_DFL first, so it cannot be lost. */
void signal_force(struct thread *t, const struct linux_siginfo *info);

/* Signals pending for `t` (own or shared) and not blocked by its mask. */
linux_sigset_t signal_deliverable(const struct thread *t);

/* True when a blocking call must give up because of a signal: one of its
 * own, or a shared one it was chosen for (Linux's TIF_SIGPENDING). */
bool signal_interrupts(const struct thread *t);

/* Set the blocked mask (SIGKILL and SIGSTOP are removed). Shared signals
 * it unblocks make `t` take them; shared ones it now blocks wake another
 * thread (Linux's recalc_sigpending and retarget_shared_pending). */
void signal_set_blocked(struct thread *t, linux_sigset_t mask);

#endif
