/* The pending queue and the data rules of signal(7): what becomes
 * pending, in which order it leaves, and what SIG_DFL means. */
#include <libos/sigqueue.h>

#include <libos/kstring.h>

enum sig_default sig_default_action(int sig) {
  switch (sig) {
  case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
  case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
    return SIGDFL_CORE;
  case SIGCHLD: case SIGURG: case SIGWINCH:
    return SIGDFL_IGNORE;
  case SIGCONT:
    return SIGDFL_CONT;
  case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
    return SIGDFL_STOP;
  default:
    return SIGDFL_TERM; /* the rest, real-time signals included */
  }
}

#define SYNCHRONOUS                                                       \
  (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) |  \
   SIGBIT(SIGFPE) | SIGBIT(SIGSYS))

bool sig_is_synchronous(int sig) {
  return sig > 0 && sig < LINUX_SIGRTMIN && (SYNCHRONOUS & SIGBIT(sig));
}

static int lowest(linux_sigset_t set) {
  return set ? __builtin_ctzll(set) + 1 : 0;
}

int sig_next(linux_sigset_t set) {
  if (set & SYNCHRONOUS)
    return lowest(set & SYNCHRONOUS);
  return lowest(set);
}

void sigpending_init(struct sigpending *p) {
  p->set = 0;
  p->n = 0;
}

int sigpending_add(struct sigpending *p, const struct linux_siginfo *info) {
  int sig = info->signo;
  if (sig < LINUX_SIGRTMIN && (p->set & SIGBIT(sig)))
    return 1; /* a standard signal is pending at most once */
  if (p->n == SIGQUEUE_MAX) {
    if (sig >= LINUX_SIGRTMIN)
      return -1;
    /* Linux never loses a standard signal to a full queue, only its
     * siginfo: pending with no entry (see sigpending_take_sig). */
    p->set |= SIGBIT(sig);
    return 0;
  }
  p->q[p->n++] = *info;
  p->set |= SIGBIT(sig);
  return 0;
}

static void remove_at(struct sigpending *p, unsigned i) {
  int sig = p->q[i].signo;
  memmove(&p->q[i], &p->q[i + 1], (p->n - i - 1) * sizeof p->q[0]);
  p->n--;
  for (unsigned k = 0; k < p->n; k++)
    if (p->q[k].signo == sig)
      return;
  p->set &= ~SIGBIT(sig);
}

bool sigpending_take_sig(struct sigpending *p, int sig,
                         struct linux_siginfo *out) {
  for (unsigned i = 0; i < p->n; i++) {
    if (p->q[i].signo != sig)
      continue;
    if (out)
      *out = p->q[i];
    remove_at(p, i);
    return true;
  }
  if (sig < LINUX_SIGRTMIN && (p->set & SIGBIT(sig))) {
    /* Queued while the queue was full: what Linux's collect_signal()
     * reports then (SI_USER, no sender). */
    if (out) {
      memset(out, 0, sizeof *out);
      out->signo = sig;
      out->code = SI_USER;
    }
    p->set &= ~SIGBIT(sig);
    return true;
  }
  return false;
}

bool sigpending_take(struct sigpending *p, linux_sigset_t allowed,
                     struct linux_siginfo *out) {
  int sig = sig_next(p->set & allowed);
  return sig && sigpending_take_sig(p, sig, out);
}

void sigpending_flush(struct sigpending *p, linux_sigset_t which) {
  unsigned k = 0;
  for (unsigned i = 0; i < p->n; i++)
    if (!(which & SIGBIT(p->q[i].signo)))
      p->q[k++] = p->q[i];
  p->n = k;
  p->set &= ~which;
}
