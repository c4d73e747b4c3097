/* Processes and threads: identity, address space, kernel stack, and the
 * way out (exit or death by signal). */
#ifndef LIBOS_PROC_H
#define LIBOS_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include <hal/cpu.h>
#include <libos/signal.h>
#include <libos/timer.h>
#include <libos/vm.h>
#include <linux_shim/uapi/resource.h>

#define KSTACK_PAGES 4 /* 16 KiB per thread */

struct proc;

struct thread {
  int tid;
  struct proc *proc;
  void *kstack_top;        /* kernel stack top (what the HAL saves below) */
  struct hal_regs *uregs;  /* the user frame at the top of the stack */
  uint64_t tls;            /* user thread pointer */
  uint64_t clear_child_tid;/* set_tid_address() */
  /* Signals (libos/signal.h). */
  linux_sigset_t blocked;
  linux_sigset_t saved_mask;  /* sigsuspend/pselect: restored after delivery */
  bool restore_saved_mask;
  bool in_sigreturn;          /* the current syscall rewrote the frame */
  struct linux_stack altstack;
  struct sigpending pending;
  /* Syscall accounting: when the current call entered, and the process's
   * blocked time then (system time excludes waiting). */
  uint64_t sys_entry_ns, sys_entry_blocked_ns;
  /* What restart_syscall resumes (nanosleep's remaining deadline). */
  long restart_nr;
  uint64_t restart_deadline;
  int restart_clock;
  uint64_t restart_rem_uaddr;
};

struct proc {
  int pid;
  struct mm mm;
  struct thread *main;
  char name[64];
  struct linux_sigaction action[LINUX_NSIG]; /* action[sig - 1] */
  struct fdtable *fds;
  struct itimer itimer[3];
  struct linux_rlimit rlim[LINUX_RLIM_NLIMITS];
  int nice;               /* -20..19 */
  int sched_policy;       /* SCHED_OTHER, ... (| SCHED_RESET_ON_FORK) */
  int sched_prio;         /* real-time priority, 0 for normal policies */
  uint64_t start_ns;      /* hal_clock_ns() at creation */
  uint64_t blocked_ns;    /* total time spent waiting */
  uint64_t sys_ns;        /* total time in syscalls, waits excluded */
};

/* The thread running now (never NULL once the first process exists). */
struct thread *current(void);

/* The process of the running thread. */
static inline struct proc *current_proc(void) {
  return current()->proc;
}

/* A new process with an empty address space and one thread whose kernel
 * stack is allocated; it becomes current. NULL when out of memory. */
struct proc *proc_create_first(const char *name);

/* Enter user mode in thread `t` from its saved frame (t->uregs). */
void proc_enter_user(struct thread *t) __attribute__((noreturn));

/* The process ends with exit status `status` (0-255). With one process this
 * writes the exit record and powers the machine off. */
void proc_exit(struct proc *p, int status) __attribute__((noreturn));

/* The process is killed by signal `sig` (named `signame`, `core` if its
 * default action dumps core). */
void proc_exit_signal(struct proc *p, int sig, const char *signame,
                      bool core) __attribute__((noreturn));

#endif
