/* adjtimex and clock_adjtime(CLOCK_REALTIME) (kernel/time/timekeeping.c
 * do_adjtimex, kernel/time/ntp.c): the checks in Linux's order, a clock
 * step by ADJ_SETOFFSET, and the NTP state a fresh, never-synchronised
 * Linux reports (STA_UNSYNC, so TIME_ERROR). No clock is slewed: the
 * mode bits for the frequency, tick, status, time constant and errors
 * are kept and read back; ADJ_OFFSET (the PLL), ADJ_OFFSET_SINGLESHOT
 * (adjtime's slew), ADJ_TAI and PPS are accepted and not modelled. */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/wallclock.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/realtime_set.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/time.h>

/* struct timex, 64-bit layout: 208 bytes on both arches. */
struct linux_timex {
  uint32_t modes;
  int64_t offset, freq, maxerror, esterror;
  int32_t status;
  int64_t constant, precision, tolerance;
  int64_t time_sec, time_usec; /* struct timeval; ns with STA_NANO */
  int64_t tick, ppsfreq, jitter;
  int32_t shift;
  int64_t stabil, jitcnt, calcnt, errcnt, stbcnt;
  int32_t tai;
  int32_t pad[11];
};
_Static_assert(sizeof(struct linux_timex) == 208, "timex is 208 bytes");

#define ADJ_OFFSET 0x0001
#define ADJ_FREQUENCY 0x0002
#define ADJ_MAXERROR 0x0004
#define ADJ_ESTERROR 0x0008
#define ADJ_STATUS 0x0010
#define ADJ_TIMECONST 0x0020
#define ADJ_SETOFFSET 0x0100
#define ADJ_MICRO 0x1000
#define ADJ_NANO 0x2000
#define ADJ_TICK 0x4000
#define ADJ_OFFSET_SINGLESHOT 0x8001
#define ADJ_OFFSET_READONLY 0x2000

#define STA_UNSYNC 0x0040
#define STA_CLOCKERR 0x1000
#define STA_NANO 0x2000
#define STA_RONLY 0xff00 /* PPS bits, CLOCKERR, NANO, MODE, CLK */

#define TIME_OK 0
#define TIME_ERROR 5

#define USER_HZ 100
#define NTP_PHASE_LIMIT 16000000 /* us: maxerror and esterror at boot */
#define MAXTC 10
#define PPM_SCALE 65536000LL /* freq's unit: 2^-16 ppm, in ns/s */

static struct {
  int64_t freq, maxerror, esterror, constant, tick;
  int32_t status;
} ntp = {0, NTP_PHASE_LIMIT, NTP_PHASE_LIMIT, 2, 1000000 / USER_HZ, STA_UNSYNC};

/* timekeeping_validate_timex. */
static long validate(const struct linux_timex *t) {
  bool cap = cred_capable(&current_proc()->cred, CAP_SYS_TIME);
  if (t->modes & (ADJ_OFFSET_SINGLESHOT & ~ADJ_OFFSET)) { /* ADJ_ADJTIME */
    if (!(t->modes & ADJ_OFFSET))
      return -EINVAL;
    if (!(t->modes & ADJ_OFFSET_READONLY) && !cap)
      return -EPERM;
  } else {
    if (t->modes && !cap)
      return -EPERM;
    if ((t->modes & ADJ_TICK) &&
        (t->tick < 900000 / USER_HZ || t->tick > 1100000 / USER_HZ))
      return -EINVAL;
  }
  if (t->modes & ADJ_SETOFFSET) {
    if (!cap)
      return -EPERM;
    int64_t unit = t->modes & ADJ_NANO ? 1000000000 : 1000000;
    if (t->time_usec < 0 || t->time_usec >= unit)
      return -EINVAL;
  }
  if ((t->modes & ADJ_FREQUENCY) &&
      (t->freq < INT64_MIN / PPM_SCALE || t->freq > INT64_MAX / PPM_SCALE))
    return -EINVAL;
  return 0;
}

/* timekeeping_inject_offset: the new time may not be negative or before
 * boot (wallclock_set's rule). */
static long inject_offset(const struct linux_timex *t) {
  int64_t ns = t->modes & ADJ_NANO ? t->time_usec : t->time_usec * 1000;
  if (t->time_sec > INT64_MAX / 1000000000 - 1 ||
      t->time_sec < INT64_MIN / 1000000000 + 1)
    return -EINVAL;
  int64_t delta = t->time_sec * 1000000000 + ns;
  int64_t now = (int64_t)wallclock_ns();
  if ((delta < 0 && now + delta < 0) || (delta > 0 && now + delta < now))
    return -EINVAL;
  return realtime_set((uint64_t)(now + delta));
}

/* process_adjtimex_modes, for what is kept. */
static void apply_modes(const struct linux_timex *t) {
  if (t->modes & ADJ_STATUS)
    ntp.status = (ntp.status & STA_RONLY) | (t->status & ~STA_RONLY);
  if (t->modes & ADJ_NANO)
    ntp.status |= STA_NANO;
  if (t->modes & ADJ_MICRO)
    ntp.status &= ~STA_NANO;
  if (t->modes & ADJ_FREQUENCY)
    ntp.freq = t->freq;
  if (t->modes & ADJ_MAXERROR)
    ntp.maxerror = t->maxerror;
  if (t->modes & ADJ_ESTERROR)
    ntp.esterror = t->esterror;
  if (t->modes & ADJ_TIMECONST) {
    int64_t c = t->constant + (ntp.status & STA_NANO ? 0 : 4);
    ntp.constant = c < 0 ? 0 : c > MAXTC ? MAXTC : c;
  }
  if (t->modes & ADJ_TICK)
    ntp.tick = t->tick;
}

static void fill(struct linux_timex *t) {
  uint64_t now = wallclock_ns();
  t->offset = 0;
  t->freq = ntp.freq;
  t->maxerror = ntp.maxerror;
  t->esterror = ntp.esterror;
  t->status = ntp.status;
  t->constant = ntp.constant;
  t->precision = 1;           /* ns, NTP's hrtimer precision */
  t->tolerance = 500 * 65536; /* MAXFREQ_SCALED: 500 ppm */
  t->time_sec = (int64_t)(now / 1000000000);
  t->time_usec = (int64_t)(now % 1000000000);
  if (!(ntp.status & STA_NANO))
    t->time_usec /= 1000;
  t->tick = ntp.tick;
  t->ppsfreq = t->jitter = t->stabil = 0;
  t->jitcnt = t->calcnt = t->errcnt = t->stbcnt = 0;
  t->shift = 0;
  t->tai = 0;
}

static long do_adjtimex(struct linux_timex *t) {
  long err = validate(t);
  if (err)
    return err;
  if (t->modes & ADJ_SETOFFSET) {
    err = inject_offset(t);
    if (err)
      return err;
  }
  /* adjtime's slew (ADJ_ADJTIME) takes no other mode bits: its
   * ADJ_OFFSET_READONLY is ADJ_NANO's bit, and must not set STA_NANO. */
  if (!(t->modes & (ADJ_OFFSET_SINGLESHOT & ~ADJ_OFFSET)))
    apply_modes(t);
  fill(t);
  return ntp.status & (STA_UNSYNC | STA_CLOCKERR) ? TIME_ERROR : TIME_OK;
}

/* Both calls copy the whole struct in first (EFAULT before any clock
 * check) and back out after. */
static long adjtimex_at(int clock, uint64_t utx) {
  struct mm *mm = current_proc()->mm;
  struct linux_timex t;
  if (copy_from_user(mm, &t, utx, sizeof t))
    return -EFAULT;
  /* clockid_to_kclock, then the kclock's clock_adj: only real time can
   * be adjusted; the other clocks Linux knows say EOPNOTSUPP. The
   * negative ids (CPU and fd clocks) are left out: EINVAL. */
  if (clock != LINUX_CLOCK_REALTIME) {
    if (clock < 0 || clock > LINUX_CLOCK_TAI || clock == 10)
      return -EINVAL;
    return -EOPNOTSUPP;
  }
  long r = do_adjtimex(&t);
  if (r >= 0 && copy_to_user(mm, utx, &t, sizeof t))
    return -EFAULT;
  return r;
}

SYSCALL_DEFINE(adjtimex) {
  return adjtimex_at(LINUX_CLOCK_REALTIME, a0);
}

SYSCALL_DEFINE(clock_adjtime) {
  return adjtimex_at((int32_t)a0, a1);
}
