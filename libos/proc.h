/* Processes and threads: identity, family (parent, process group,
 * session), address space, kernel stacks, and the ways out (exit, group
 * exit, death by signal, stop/continue) with what a parent's wait sees. */
#ifndef LIBOS_PROC_H
#define LIBOS_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include <hal/cpu.h>
#include <libos/signal.h>
#include <libos/timer.h>
#include <libos/vm.h>
#include <uapi/resource.h>

#define KSTACK_PAGES 4 /* 16 KiB per thread */

struct proc;

enum thread_state {
  THREAD_RUNNABLE, /* running or ready to run */
  THREAD_WAITING,  /* in wait_event(): runs again when its wait is over */
  THREAD_DEAD,     /* exited; freed once another thread runs */
};

struct thread {
  int tid;
  struct proc *proc;
  enum thread_state state;
  struct thread *next_in_proc; /* the process's threads */
  struct thread *next_all;     /* every live thread: the scheduler's ring */
  void *kstack_top;        /* kernel stack top (what the HAL saves below) */
  uint64_t kstack_pa;      /* its first frame (KSTACK_PAGES frames) */
  void *ksp;               /* saved kernel sp while switched out */
  struct hal_regs *uregs;  /* the user frame at the top of the stack */
  uint64_t tls;            /* user thread pointer while switched out */
  void *fpu;               /* user FP state while switched out */
  uint64_t clear_child_tid;/* set_tid_address() / CLONE_CHILD_CLEARTID */
  uint64_t robust_list, robust_len; /* set_robust_list() */
  /* What wait_event() waits for (the scheduler checks it). */
  bool (*wcond)(void *);
  void *warg;
  uint64_t wdeadline;
  bool wsignals;           /* a deliverable signal ends the wait */
  bool vfork_wait;         /* parent of a vfork child not yet exec'd */
  /* Signals (libos/signal.h). */
  linux_sigset_t blocked;
  linux_sigset_t saved_mask;  /* sigsuspend/pselect: restored after delivery */
  bool restore_saved_mask;
  bool in_sigreturn;          /* the current syscall rewrote the frame */
  struct linux_stack altstack;
  struct sigpending pending;  /* thread-directed (tkill, faults) */
  bool shared_wake;           /* chosen to take a shared signal */
  /* Syscall accounting: when the current call entered, and the process's
   * CPU time then (system time excludes waiting). */
  uint64_t sys_entry_ns, sys_entry_cpu_ns;
  /* What restart_syscall resumes (nanosleep's remaining deadline). */
  long restart_nr;
  uint64_t restart_deadline;
  int restart_clock;
  uint64_t restart_rem_uaddr;
};

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

struct proc {
  int pid;
  int pgid, sid;
  enum proc_state state;
  struct proc *parent;     /* NULL for pid 1 */
  struct proc *next;       /* every process (zombies too) */
  struct thread *threads;  /* live threads */
  struct thread *main;     /* the thread linux_exec starts: the first one,
                              or the caller of execve (may have exited) */
  int nthreads;
  struct mm *mm;           /* the address space in use: own_mm, or the
                              parent's own while a vfork child (CLONE_VM
                              without CLONE_THREAD) has not exec'd */
  struct mm own_mm;
  bool mm_live;            /* own_mm not destroyed yet */
  char name[64];
  struct linux_sigaction action[LINUX_NSIG]; /* action[sig - 1] */
  struct sigpending shared_pending; /* process-directed signals */
  struct fdtable *fds;
  struct itimer itimer[3];
  struct linux_rlimit rlim[LINUX_RLIM_NLIMITS];
  int nice;               /* -20..19 */
  int sched_policy;       /* SCHED_OTHER, ... (| SCHED_RESET_ON_FORK) */
  int sched_prio;         /* real-time priority, 0 for normal policies */
  uint64_t start_ns;      /* hal_clock_ns() at creation */
  uint64_t run_ns;        /* time on the CPU (sched.c charges it) */
  uint64_t sys_ns;        /* total time in syscalls, waits excluded */
  int exit_signal;        /* sent to the parent at death (0: none) */
  bool did_exec;          /* setpgid by the parent is EACCES after exec */
  /* Group exit: every thread dies with `wstatus` (wait encoding). */
  bool exiting;
  int wstatus;
  const char *death_signame; /* for the exit record; NULL: normal exit */
  bool reaped;            /* wait() collected it, or nobody will */
  /* Job control as wait(WUNTRACED/WCONTINUED) reports it. */
  bool stopped;
  int stop_sig;
  bool report_stop, report_cont;
  struct thread *vfork_parent; /* released at exec or exit */
};

/* The thread running now (never NULL once the first process exists). */
struct thread *current(void);

/* The process of the running thread. */
static inline struct proc *current_proc(void) {
  return current()->proc;
}

/* Every process, zombies included (a list through proc->next). */
struct proc *proc_list(void);

/* The process (alive or zombie) with `pid`, or NULL. */
struct proc *proc_find(int pid);

/* The thread with `tid` (alive), or NULL. */
struct thread *thread_find(int tid);

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

/* Make `t` runnable (new threads). */
void thread_start(struct thread *t);

/* Enter user mode in thread `t` from its saved frame (t->uregs). */
void proc_enter_user(struct thread *t) __attribute__((noreturn));

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

/* Send a signal to process `p` (kill): queued on its shared queue for
 * any thread that does not block it (signal_send_group, the leader
 * preferred); SIGCONT resumes a stopped process and SIGKILL ends a stop.
 * Returns 0 or -1 (real-time queue full). */
int proc_signal(struct proc *p, const struct linux_siginfo *info);

/* The current process stops with `sig` (default action): the parent is
 * told; returns when it is continued or killed. */
void proc_stop(int sig);

/* Collect zombie `p` (its parent's wait): unlink and free it. */
void proc_reap(struct proc *p);

/* Release a vfork parent waiting on `p` (exec or exit). */
void proc_vfork_release(struct proc *p);

/* Scheduler hook: free what dead threads and processes left behind
 * (never the running thread's own stack). */
void proc_free_dead(void);

#endif
