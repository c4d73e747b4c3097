/* The kernel's random bytes (random.h). */
#include <libos/random.h>

#include <hal/hal.h>
#include <hal/time.h>
#include <libos/kstring.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>

static uint64_t state;

static uint64_t next(void) {
  if (!state)
    state = (hal_entropy() ^ hal_clock_ns()) * 0x9e3779b97f4a7c15ull | 1;
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545f4914f6cdd1dull;
}

void random_bytes(void *buf, size_t n) {
  uint8_t *b = buf;
  while (n) {
    uint64_t r = next();
    size_t k = n < sizeof r ? n : sizeof r;
    memcpy(b, &r, k);
    b += k;
    n -= k;
  }
}

long random_to_user(struct mm *mm, uint64_t ubuf, size_t n) {
  size_t done = 0;
  while (done < n) {
    uint64_t chunk[32];
    random_bytes(chunk, sizeof chunk);
    size_t k = n - done < sizeof chunk ? n - done : sizeof chunk;
    size_t left = copy_to_user(mm, ubuf + done, chunk, k);
    done += k - left;
    if (left)
      return done ? (long)done : -EFAULT;
  }
  return (long)done;
}
