/* Name tables generated from the uapi X-macro lists. */
#include <linux_shim/names.h>

#include <uapi/errno.h>
#include <uapi/signal.h>

#define ERRNO_NAME(name, value) [value] = #name,
static const char *const errno_names[] = {LINUX_ERRNO_LIST(ERRNO_NAME)};

#define SIG_NAME(name, value) [value] = #name,
static const char *const signal_names[] = {LINUX_SIGNAL_LIST(SIG_NAME)};

/* strace prints real-time signals as SIGRTMIN and SIGRT_<n>. */
static const char *const rt_names[] = {
    "SIGRTMIN", "SIGRT_1",  "SIGRT_2",  "SIGRT_3",  "SIGRT_4",  "SIGRT_5",
    "SIGRT_6",  "SIGRT_7",  "SIGRT_8",  "SIGRT_9",  "SIGRT_10", "SIGRT_11",
    "SIGRT_12", "SIGRT_13", "SIGRT_14", "SIGRT_15", "SIGRT_16", "SIGRT_17",
    "SIGRT_18", "SIGRT_19", "SIGRT_20", "SIGRT_21", "SIGRT_22", "SIGRT_23",
    "SIGRT_24", "SIGRT_25", "SIGRT_26", "SIGRT_27", "SIGRT_28", "SIGRT_29",
    "SIGRT_30", "SIGRT_31", "SIGRT_32"};

const char *linux_errno_name(int err) {
  if (err <= 0 || err >= (int)(sizeof errno_names / sizeof errno_names[0]))
    return 0;
  return errno_names[err];
}

const char *linux_signal_name(int sig) {
  if (sig > 0 && sig < LINUX_SIGRTMIN)
    return signal_names[sig];
  if (sig >= LINUX_SIGRTMIN && sig <= LINUX_NSIG)
    return rt_names[sig - LINUX_SIGRTMIN];
  return 0;
}
