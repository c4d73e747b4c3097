/*
 * The periodic tick. It runs only once something needs it (a deadline, an
 * armed timer, a second runnable thread) and then keeps running: each tick
 * reaches kernel_timer_tick(), which fires timers and lets the scheduler
 * take the CPU back. Timers and deadlines have tick granularity.
 */
#ifndef LIBOS_TICK_H
#define LIBOS_TICK_H

#define TICK_NS 1000000ULL /* 1 ms */

/* Start the periodic tick if it is not running yet. */
void tick_need(void);

#endif
