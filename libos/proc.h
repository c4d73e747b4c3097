/* Processes and threads coming and going: creation (first process, fork,
 * clone), entering user mode, and the ways out (exit, group exit, execve's
 * de_thread) with what the parent and wait() see. The structures are in
 * libos/task.h. */
#ifndef LIBOS_PROC_H
#define LIBOS_PROC_H

#include <stdbool.h>

#include <libos/task.h>

/* A new process with an empty address space and one thread whose kernel
 * stack is allocated; it becomes current. NULL when out of memory. */
struct proc *proc_create_first(const char *name);

/* fork: a new process copying `parent`'s current thread: copy-on-write
 * memory (or, with `share_vm` (vfork), the parent's address space
 * itself), a copy of the descriptor table, dispositions, mask, limits.
 * Its thread starts in user mode from a copy of the parent's frame (the
 * caller sets the child's return value). NULL when out of memory. */
struct proc *proc_fork(struct thread *parent, int exit_signal, bool share_vm);

/* A new thread in `p` (CLONE_THREAD), starting from a copy of `from`'s
 * frame. NULL when out of memory. */
struct thread *thread_clone(struct thread *from);

/* Name thread `t` after the last component of `path` (exec's comm: at most
 * 15 bytes). */
void proc_set_comm(struct thread *t, const char *path);

/* Name thread `t` with the first (at most 15) of `n` bytes at `name`,
 * stopping at a NUL (prctl PR_SET_NAME, a /proc comm write). The process's
 * own name (`name`, what /proc/<pid> shows) is its main thread's. */
void thread_set_comm(struct thread *t, const char *name, size_t n);

/* Make `t` runnable (new threads). */
void thread_start(struct thread *t);

/* Enter user mode in thread `t` from its saved frame (t->uregs). */
void proc_enter_user(struct thread *t) __attribute__((noreturn));

/* Set by the ABI layer: called by a dying thread, while its address
 * space `mm` is still there, to release what the ABI keeps in user
 * memory (the Linux shim: robust futex lists). */
extern void (*thread_exit_release)(struct thread *t, struct mm *mm);

/* The calling thread ends (exit): clear_child_tid is cleared and woken;
 * the last thread ends the process with `wstatus` (unless a group exit
 * already chose one). */
void thread_exit(int wstatus) __attribute__((noreturn));

/* exit_group / fatal signal: every thread of the current process dies;
 * the process's wait status is `wstatus`; `signame` names the signal for
 * the exit record (NULL: a normal exit). */
void proc_group_exit(int wstatus, const char *signame)
    __attribute__((noreturn));

/* The calling thread is the only one left: kill the others (execve). */
void proc_kill_other_threads(void);

/* Collect zombie `p` (its parent's wait): unlink and free it. */
void proc_reap(struct proc *p);

/* Release a vfork parent waiting on `p` (exec or exit). */
void proc_vfork_release(struct proc *p);

/* execve by `p`, whose own address space (moved to *old) other live
 * processes still use (CLONE_VM): the first of them takes it over as its
 * own and the others follow it there. False, and nothing changes, when
 * nobody uses it (the caller destroys it). */
bool proc_hand_over_mm(struct proc *p, struct mm *old);

#endif
