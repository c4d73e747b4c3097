/*
 * Signal data, with no process or thread in sight: the pending queue
 * (standard signals coalesce, real-time ones queue in order), the order
 * signals leave it, and what SIG_DFL means (signal(7)). The bottom of the
 * signal stack: libos/signal.h applies these rules to threads and
 * processes, linux_shim/deliver.c delivers.
 */
#ifndef LIBOS_SIGQUEUE_H
#define LIBOS_SIGQUEUE_H

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

#endif
