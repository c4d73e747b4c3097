/* Signal disposition tables: each process's own, or one that processes
 * made with clone(CLONE_SIGHAND) share, so that one's sigaction is every
 * sharer's (Linux's sighand_struct). execve gives the caller a private
 * copy first. */
#ifndef LIBOS_SIGHAND_H
#define LIBOS_SIGHAND_H

#include <libos/task.h>

/* Give `p` a table of its own: a copy of `from`'s, or all SIG_DFL when
 * `from` is NULL. 0, or -ENOMEM with `p` unchanged. */
int sighand_give(struct proc *p, const struct proc *from);

/* Make `c` use `p`'s table itself, dropping the one `c` had. */
void sighand_share(struct proc *c, struct proc *p);

/* A table others share becomes a private copy (execve's unshare_sighand).
 * 0, or -ENOMEM with the table still shared. */
int sighand_unshare(struct proc *p);

/* Drop `p`'s use of its table (a process being freed); the last user
 * frees it. */
void sighand_drop(struct proc *p);

#endif
