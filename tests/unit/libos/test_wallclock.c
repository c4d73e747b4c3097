/* libos/wallclock.c over a fake HAL clock: CLOCK_REALTIME starts at the
 * HAL's boot reading plus the time since boot, a set makes the next read
 * give the value set and later reads advance with the monotonic clock,
 * and a value below the time since boot is refused without a change. */
#include <libos/wallclock.h>

#include <hal/time.h>

#include "check.h"

static uint64_t mono = 5000;

uint64_t hal_clock_ns(void) {
  return mono;
}

uint64_t hal_wallclock_at_boot_ns(void) {
  return 1700000000000000000ULL;
}

int main(void) {
  CHECK(wallclock_ns() == 1700000000000000000ULL + 5000);
  CHECK(wallclock_base_ns() == 1700000000000000000ULL);
  CHECK(wallclock_set(42000000000ULL));
  CHECK(wallclock_ns() == 42000000000ULL);
  mono += 1000;
  CHECK(wallclock_ns() == 42000001000ULL);
  CHECK(wallclock_base_ns() + mono == wallclock_ns());
  CHECK(!wallclock_set(mono - 1));
  CHECK(wallclock_ns() == 42000001000ULL);
  CHECK(wallclock_set(mono) && wallclock_ns() == mono);
  CHECK(wallclock_base_ns() == 0);
  return check_done("wallclock");
}
