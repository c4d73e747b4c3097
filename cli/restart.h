/* Interrupted calls, folded by the same rules on both sides (normalise.h,
 * step 2).
 *
 * A call a signal interrupts reaches a trace in one of two spellings:
 *  - with restart machinery (Linux, the library OS): the call ends with an
 *    ERESTART* code the program never sees (ERESTARTSYS, ERESTARTNOINTR,
 *    ERESTARTNOHAND, ERESTART_RESTARTBLOCK), the signal is delivered, the
 *    handler runs, rt_sigreturn returns, and then either the call runs again
 *    (or restart_syscall resumes it) or rt_sigreturn's -EINTR is what the
 *    program sees. Rule restart-fold.
 *  - without it (a kernel that fails the call at once, or a Linux call that
 *    is never restarted, such as epoll_wait): the call returns -EINTR, the
 *    signal is delivered, the handler runs, and rt_sigreturn returns the
 *    same -EINTR (it restores the interrupted context, whose return
 *    register holds the call's result). Rule eintr-fold.
 * Either becomes ONE call at the first call's place carrying what the
 * program saw; the signals and the handler's calls stay events. So the two
 * spellings of "the program saw EINTR" compare equal, while a call one
 * kernel restarted transparently (SA_RESTART: the final result) and the
 * other failed with EINTR is still an errno divergence at that call.
 *
 * The eintr-fold applies only when the signal is the task's very next
 * event after the failed call and the rt_sigreturn that pops that signal's
 * frame (nested signals counted) returns EINTR; anything else leaves every
 * event as it was. Both rules are softening (rules.h): --strict keeps the
 * raw sequences. */
#ifndef KDIFF_RESTART_H
#define KDIFF_RESTART_H

#include <stdint.h>

struct trace;

/* How a trace spelt an interruption it folded. */
enum restart_spelling {
  SPELL_ERESTARTSYS,
  SPELL_ERESTARTNOINTR,
  SPELL_ERESTARTNOHAND,
  SPELL_ERESTART_RESTARTBLOCK,
  SPELL_ERESTART_OTHER, /* another ERESTART* name (a kernel's own) */
  SPELL_EINTR,          /* the plain -EINTR spelling (eintr-fold) */
  SPELL_COUNT
};

/* Per side, for --json's "restart_folding": each fold counted once by its
 * spelling and once by its outcome. */
struct restart_stats {
  uint32_t spelling[SPELL_COUNT];
  uint32_t restarted; /* the call ran again: its final result was taken */
  uint32_t eintr;     /* the program saw EINTR */
  uint32_t cut_short; /* the task ended first (rule cut-short) */
};

/* Folds t's interrupted calls in place as described above: the folded
 * events are marked EVF_DROP, the interrupted call takes the final result
 * (flag EVF_RESTARTED for an ERESTART* sequence) and the interrupting
 * signal's name (restart_sig). Fires restart-fold, eintr-fold and cut-short
 * on t->fired and fills t->restarts. Call after the start marker and the
 * ignored-signal pass: a signal the program never saw is no interruption. */
void restart_fold(struct trace *t);

/* The spelling's name as --json writes it ("ERESTARTSYS", "EINTR", ...). */
const char *restart_spelling_name(enum restart_spelling s);

#endif
