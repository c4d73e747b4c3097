/*
 * Signal state, arch-neutral: the pending queue (standard signals coalesce,
 * real-time ones queue in order), masks, dispositions and the generation
 * rules of signal(7). Building frames and running handlers is the Linux
 * personality's job (linux_shim/dispatch.c); this file only decides what is
 * pending and what happens to it.
 */
#ifndef LIBOS_SIGNAL_H
#define LIBOS_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <uapi/signal.h>

/* Queued signals per thread (Linux's RLIMIT_SIGPENDING is far larger; a
 * contract never fills this). */
#define SIGQUEUE_MAX 64

struct sigpending {
  linux_sigset_t set; /* which signals have at least one entry */
  unsigned n;
  struct linux_siginfo q[SIGQUEUE_MAX]; /* arrival order */
};

/* What SIG_DFL does for a signal. */
enum sig_default {
  SIGDFL_TERM,   /* terminate */
  SIGDFL_CORE,   /* terminate with a core dump */
  SIGDFL_IGNORE, /* discard */
  SIGDFL_STOP,   /* stop the process */
  SIGDFL_CONT,   /* continue (discarded when running) */
};

/* The default action of `sig` (1..64) per signal(7). */
enum sig_default sig_default_action(int sig);

/* True for the signals Linux delivers before others (synchronous faults). */
bool sig_is_synchronous(int sig);

/* The signal to deliver next from `set`: synchronous ones first, then the
 * lowest number (Linux's next_signal). 0 when `set` is empty. */
int sig_next(linux_sigset_t set);

/* Empty queue. */
void sigpending_init(struct sigpending *p);

/* Queue `info` (info->signo in 1..64). A standard signal already pending is
 * not queued twice (returns 1); a real-time one is appended (0); -1 when a
 * real-time signal finds the queue full. A standard signal is then still
 * pending without its siginfo (taken as SI_USER, no sender), as on Linux. */
int sigpending_add(struct sigpending *p, const struct linux_siginfo *info);

/* Remove and return the first entry of signal `sig`. False when none. */
bool sigpending_take_sig(struct sigpending *p, int sig,
                         struct linux_siginfo *out);

/* Remove the entry to deliver next among the signals in `allowed`
 * (sig_next order, FIFO within one signal). False when none. */
bool sigpending_take(struct sigpending *p, linux_sigset_t allowed,
                     struct linux_siginfo *out);

/* Drop every entry of the signals in `which`. */
void sigpending_flush(struct sigpending *p, linux_sigset_t which);

/* ---- Per-process and per-thread rules (need libos/proc.h) ---- */
struct thread;
struct proc;
struct hal_regs;

/* Reset a new thread's and process's signal state (nothing blocked or
 * pending, everything SIG_DFL, no alternate stack). */
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
 * not SIGPIPE, which Linux sends to the writing thread): the same rules, the ignore test using `prefer`'s mask (NULL:
 * the leader's, as Linux tests the task the pid names), then queueing on
 * the process's shared queue and waking one thread that does not block it
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

/* The personality's "about to resume user mode" step (delivery). Upcalls
 * that return to user mode outside a syscall (timer ticks) call it. */
void signal_set_return_hook(void (*hook)(struct hal_regs *r));
void signal_return_to_user(struct hal_regs *r);

#endif
