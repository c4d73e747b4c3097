/* The tick starts on first need (tick.h): a program that never waits or
 * arms a timer takes no timer interrupts at all. */
#include <libos/tick.h>

#include <stdbool.h>

#include <hal/time.h>

static bool ticking;

void tick_need(void) {
  if (ticking)
    return;
  ticking = true;
  hal_timer_set_periodic(TICK_NS);
}
