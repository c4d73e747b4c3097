/* Name tables: errno values and signals generated from the uapi X-macro
 * lists; si_codes a static table of strace's names. */
#include <linux_shim/names.h>

#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/wait.h>

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

/* strace's si_code names: codes any signal may carry (sig 0), then those
 * that mean something only for one signal. */
static const struct {
  int sig, code;
  const char *name;
} sicode_names[] = {
    {0, SI_USER, "SI_USER"},
    {0, SI_KERNEL, "SI_KERNEL"},
    {0, SI_QUEUE, "SI_QUEUE"},
    {0, SI_TIMER, "SI_TIMER"},
    {0, SI_MESGQ, "SI_MESGQ"},
    {0, SI_ASYNCIO, "SI_ASYNCIO"},
    {0, SI_SIGIO, "SI_SIGIO"},
    {0, SI_TKILL, "SI_TKILL"},
    {SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR"},
    {SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR"},
    {SIGSEGV, SEGV_PKUERR, "SEGV_PKUERR"},
    {SIGILL, ILL_ILLOPC, "ILL_ILLOPC"},
    {SIGILL, ILL_ILLOPN, "ILL_ILLOPN"},
    {SIGILL, ILL_PRVOPC, "ILL_PRVOPC"},
    {SIGFPE, FPE_INTDIV, "FPE_INTDIV"},
    {SIGFPE, FPE_FLTDIV, "FPE_FLTDIV"},
    {SIGBUS, BUS_ADRALN, "BUS_ADRALN"},
    {SIGBUS, BUS_ADRERR, "BUS_ADRERR"},
    {SIGTRAP, TRAP_BRKPT, "TRAP_BRKPT"},
    {SIGTRAP, TRAP_TRACE, "TRAP_TRACE"},
    {SIGCHLD, LINUX_CLD_EXITED, "CLD_EXITED"},
    {SIGCHLD, LINUX_CLD_KILLED, "CLD_KILLED"},
    {SIGCHLD, LINUX_CLD_DUMPED, "CLD_DUMPED"},
    {SIGCHLD, LINUX_CLD_TRAPPED, "CLD_TRAPPED"},
    {SIGCHLD, LINUX_CLD_STOPPED, "CLD_STOPPED"},
    {SIGCHLD, LINUX_CLD_CONTINUED, "CLD_CONTINUED"},
};

const char *linux_sicode_name(int sig, int code) {
  for (unsigned i = 0; i < sizeof sicode_names / sizeof sicode_names[0]; i++)
    if ((sicode_names[i].sig == 0 || sicode_names[i].sig == sig) &&
        sicode_names[i].code == code)
      return sicode_names[i].name;
  return 0;
}
