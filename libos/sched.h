/*
 * The scheduler: one CPU, round robin over every runnable thread. The
 * kernel is not preemptive: a thread gives up the CPU when it waits
 * (wait_event), exits, yields, or at a timer tick that interrupted user
 * mode once its slice is used. A waiting thread runs again when its wait
 * condition holds, a signal it cares about arrives, or its deadline
 * passes; the scheduler checks that itself, so nothing needs an explicit
 * wake-up. With nothing to run the CPU idles in hal_cpu_wait().
 */
#ifndef LIBOS_SCHED_H
#define LIBOS_SCHED_H

#include <stdbool.h>
#include <stdint.h>

struct thread;
struct proc;

#define SLICE_TICKS 4 /* ticks a thread runs before others get a turn */

/* Set the running thread (boot: the first thread). */
void sched_set_running(struct thread *t);

/* Add a new runnable thread to the ring. */
void sched_add(struct thread *t);

/* Remove a thread from the ring (it is dead). */
void sched_remove(struct thread *t);

/* Give the CPU to the next thread that can run (the caller too, last, if
 * it can) and return when the caller is picked again. A DEAD caller never
 * returns. */
void schedule(void);

/* sched_yield: let every other runnable thread run first. */
void sched_yield(void);

/* A tick interrupted user mode: switch when the slice is used and someone
 * else can run. */
void sched_tick(void);

/* True when thread `t` could run now. */
bool sched_can_run(struct thread *t);

/* Process times in ns, charged here. CPU time: while one of its threads
 * held the CPU and nobody idled. System time: what its syscalls took
 * outside waits (proc.sys_ns), at most the CPU time. User time: the rest. */
uint64_t proc_cpu_ns(const struct proc *p);
uint64_t proc_sys_ns(const struct proc *p);
uint64_t proc_user_ns(const struct proc *p);
/* A thread's CPU time (CLOCK_THREAD_CPUTIME_ID): while it held the CPU. */
uint64_t thread_cpu_ns(const struct thread *t);

/* Free what dead threads left (never the running thread's own stack) and
 * what zombies no longer need (task_free_zombies). The scheduler does this
 * after every switch; a new thread does it first thing. */
void sched_collect_dead(void);

#endif
