/* The settable wall clock (wallclock.h). */
#include <libos/wallclock.h>

#include <hal/time.h>

static uint64_t base;
static bool base_set;

uint64_t wallclock_base_ns(void) {
  if (!base_set) {
    base = hal_wallclock_at_boot_ns();
    base_set = true;
  }
  return base;
}

uint64_t wallclock_ns(void) {
  return wallclock_base_ns() + hal_clock_ns();
}

bool wallclock_set(uint64_t ns) {
  uint64_t now = hal_clock_ns();
  if (ns < now)
    return false;
  base = ns - now;
  base_set = true;
  return true;
}
