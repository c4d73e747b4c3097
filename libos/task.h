/*
 * The task structures: threads and processes as data (identity, family,
 * address space, kernel stack, signal state, timers, limits), the running
 * thread, lookup, and freeing what has died. The bottom of the process
 * stack: signal.h, sched.h, wait.h, jobctl.h, timer.h and proc.h (creation
 * and exit) build on it, each on the ones before.
 */
#ifndef LIBOS_TASK_H
#define LIBOS_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include <hal/cpu.h>
#include <libos/cred.h>
#include <libos/sigqueue.h>
#include <libos/vm.h>
#include <libos/waitq.h>
#include <uapi/resource.h>

/* A wait with no deadline (thread.wdeadline, wait_event()). */
#define WAIT_FOREVER UINT64_MAX

/* The three setitimer timers. */
enum itimer_which { ITIMER_REAL_ = 0, ITIMER_VIRTUAL_ = 1, ITIMER_PROF_ = 2 };

/* An interval timer: `expire` on the timer's own clock (itimer_clock()),
 * 0 when disarmed; `interval` 0 for one shot. */
struct itimer {
  uint64_t expire;
  uint64_t interval;
};

/* A user-mode fault's details as the HAL reported them (hal_trap). */
struct user_fault {
  bool valid; /* the thread has taken one */
  uint64_t addr;
  uint64_t code;
};

struct inode;
struct uts_ns;
struct ptimer;

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
  void *kstack_top;            /* kernel stack top (what the HAL saves below) */
  uint64_t kstack_pa;          /* its first frame (KSTACK_PAGES frames) */
  void *ksp;                   /* saved kernel sp while switched out */
  struct hal_regs *uregs;      /* the user frame at the top of the stack */
  uint64_t tls;                /* user thread pointer while switched out */
  void *fpu;                   /* user FP state while switched out */
  uint64_t clear_child_tid;    /* set_tid_address() / CLONE_CHILD_CLEARTID */
  uint64_t robust_list, robust_len; /* set_robust_list() */
  uint64_t rseq;                    /* rseq(): the registered area (0: none) */
  char comm[16];                    /* prctl(PR_SET_NAME): NUL-terminated */
  uint32_t rseq_len, rseq_sig;
  /* What wait_event() waits for (the scheduler checks it). */
  bool (*wcond)(void *);
  void *warg;
  uint64_t wdeadline; /* hal_clock_ns() time, or WAIT_FOREVER */
  bool wsignals;      /* a deliverable signal ends the wait */
  bool vfork_wait;    /* parent of a vfork child not yet exec'd */
  /* The last user fault that became a signal, kept per thread as Linux
   * does: what the next signal frame's sigcontext reports (x86-64 trapno,
   * err, cr2; arm64 fault_address, esr). Inherited by fork and clone. */
  struct user_fault fault;
  /* Signals (libos/signal.h). */
  linux_sigset_t blocked;
  linux_sigset_t saved_mask; /* sigsuspend/pselect: restored after delivery */
  bool restore_saved_mask;
  bool in_sigreturn; /* the current syscall rewrote the frame */
  struct linux_stack altstack;
  struct sigpending pending; /* thread-directed (tkill, faults) */
  bool shared_wake;          /* chosen to take a shared signal */
  /* Syscall accounting: when the current call entered, and the process's
   * CPU time then (system time excludes waiting). */
  uint64_t sys_entry_ns, sys_entry_cpu_ns;
  uint64_t run_ns; /* time on the CPU (sched.c charges it) */
  /* Linux's restart block: what restart_syscall resumes after a call
   * returned -ERESTART_RESTARTBLOCK (nanosleep, poll keep their deadline
   * here). restart_fn runs as the restarted call. */
  long restart_nr;
  long (*restart_fn)(struct thread *t);
  uint64_t restart_deadline;
  int restart_clock;
  uint64_t restart_rem_uaddr;
  uint64_t restart_arg[2];
};

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

/* Where paths start and the mode mask of new files, and how many
 * processes use them (Linux's fs_struct). */
struct fsctx {
  int refs;
  struct inode *root, *cwd; /* references */
  uint32_t umask;
};

/* A table of signal dispositions and how many processes use it. */
struct sighand {
  int refs;
  struct linux_sigaction action[LINUX_NSIG];
};

struct proc {
  int pid;
  uint64_t serial; /* unique for the machine's life (a pid can come back
                      through clone3's set_tid): what a pidfd names */
  int pgid, sid;
  enum proc_state state;
  struct proc *parent;    /* NULL for pid 1 */
  struct proc *next;      /* every process (zombies too) */
  struct thread *threads; /* live threads */
  struct thread *main;    /* the thread linux_exec starts: the first one,
                             or the caller of execve (may have exited) */
  int nthreads;
  struct mm *mm; /* the address space in use: own_mm, or the
                    parent's own while a vfork child (CLONE_VM
                    without CLONE_THREAD) has not exec'd */
  struct mm own_mm;
  bool mm_live;       /* own_mm not destroyed yet */
  char name[64];      /* Linux's comm: at most 15 bytes (TASK_COMM_LEN - 1) */
  char exe_path[256]; /* the running program's absolute path (/proc exe) */
  int oom_score_adj;  /* -1000..1000, inherited (/proc oom_score_adj) */
  /* Dispositions, action[sig - 1]: sighand's table, the process's own or
   * one shared through clone's CLONE_SIGHAND (libos/sighand.h). */
  struct sighand *sighand;
  struct linux_sigaction *action;   /* sighand->action */
  struct sigpending shared_pending; /* process-directed signals */
  struct fdtable *fds;
  /* Root (chroot's), cwd and umask: the process's own, or shared through
   * clone's CLONE_FS (libos/fsctx.h). NULL once the process has exited. */
  struct fsctx *fs;
  struct cred cred;
  struct uts_ns *uts; /* a reference (libos/uts.h), dropped at exit */
  /* prctl's per-process state (Linux keeps some per thread or per mm; one
   * thread a process is what the contracts use). */
  int pdeath_signal;        /* sent when the parent ends (0: none) */
  bool child_subreaper;     /* orphans below it are reparented to it */
  bool has_child_subreaper; /* an ancestor is a subreaper */
  bool no_new_privs;
  int dumpable;         /* PR_SET_DUMPABLE: 0 or 1 */
  uint32_t personality; /* personality(2)'s persona word */
  struct itimer itimer[3];
  struct ptimer *ptimers; /* timer_create's (libos/ptimer.c) */
  int ptimer_next_id;
  /* Readers and pollers of signalfds in this process: woken when a signal
   * is queued for it or one of its threads (Linux's signalfd_wqh). */
  struct waitq signalfd_wq;
  struct linux_rlimit rlim[LINUX_RLIM_NLIMITS];
  int nice;          /* -20..19 */
  int sched_policy;  /* SCHED_OTHER, ... (| SCHED_RESET_ON_FORK) */
  int sched_prio;    /* real-time priority, 0 for normal policies */
  uint64_t start_ns; /* hal_clock_ns() at creation */
  uint64_t run_ns;   /* time on the CPU (sched.c charges it) */
  uint64_t sys_ns;   /* total time in syscalls, waits excluded */
  /* The times of reaped children (and theirs): times' cutime/cstime. */
  uint64_t child_user_ns, child_sys_ns;
  /* getrusage's counters, for the process (all its threads) and for its
   * reaped children: page faults served (all minor: nothing is read from
   * a disk), switches away while blocked and while still runnable. */
  struct ru_counts {
    uint64_t minflt, nvcsw, nivcsw;
  } counts, child_counts;
  int exit_signal; /* sent to the parent at death (0: none) */
  bool did_exec;   /* setpgid by the parent is EACCES after exec */
  /* Group exit: every thread dies with `wstatus` (wait encoding). */
  bool exiting;
  int wstatus;
  const char *death_signame; /* for the exit record; NULL: normal exit */
  bool reaped;               /* wait() collected it, or nobody will */
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

/* Record `t` as the running thread (the scheduler's switch). */
void task_set_current(struct thread *t);

/* A fresh id: pids and tids share one space, as in Linux; one in use
 * (given by clone3's set_tid) is skipped. */
int task_new_id(void);

/* Add `p` to the process list, giving it its serial. */
void task_add_proc(struct proc *p);

/* Free a thread's kernel stack, FP area and structure (never the running
 * thread's: the caller is on another stack). */
void task_free_thread(struct thread *t);

/* Free what zombie processes no longer need: an address space nobody runs
 * in any more, and the process itself once reaped. */
void task_free_zombies(void);

#endif
