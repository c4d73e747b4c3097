/* signals.siginfo_sources: what siginfo says about who sent a signal:
 * kill() gives SI_USER with the sender's pid and uid, tgkill() SI_TKILL,
 * sigqueue() SI_QUEUE with the value; the handler gets the signal number
 * and, with SA_SIGINFO, the info and the context. */

#include "contract.h"

static volatile int got_sig, got_code, got_pid, got_uid, got_value, got_ctx;

static void handler(int sig, siginfo_t *si, void *ctx) {
  got_sig = sig;
  got_code = si->si_code;
  got_pid = si->si_pid;
  got_uid = si->si_uid;
  got_value = si->si_value.sival_int;
  got_ctx = ctx != NULL && si->si_signo == sig;
}

static const char *code_name(int c) {
  return c == SI_USER    ? "SI_USER"
         : c == SI_TKILL ? "SI_TKILL"
         : c == SI_QUEUE ? "SI_QUEUE"
                         : "other";
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, NULL);

  kill(getpid(), SIGUSR1);
  printf("kill: code=%s\n", code_name(got_code));
  check(got_sig == SIGUSR1 && got_ctx, "handler args");
  check(got_code == SI_USER, "kill is SI_USER");
  check(got_pid == getpid(), "si_pid is the sender");
  check(got_uid == (int)getuid(), "si_uid is the sender's uid");

  got_code = 99;
  syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
  printf("tgkill: code=%s\n", code_name(got_code));
  check(got_code == SI_TKILL, "tgkill is SI_TKILL");
  check(got_pid == getpid(), "tgkill si_pid");

  got_code = 99;
  syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1);
  check(got_code == SI_TKILL, "tkill is SI_TKILL");

  got_code = 99;
  union sigval v = {.sival_int = 4242};
  check(sigqueue(getpid(), SIGUSR1, v) == 0, "sigqueue");
  printf("sigqueue: code=%s value=%d\n", code_name(got_code), got_value);
  check(got_code == SI_QUEUE && got_value == 4242, "SI_QUEUE with value");

  return finish("siginfo_sources");
}
