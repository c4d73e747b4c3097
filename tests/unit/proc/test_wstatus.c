/* The wait status word, checked against the host C library's decoding
 * macros (which read Linux's encoding), and the SIGCHLD code/status. */
#include <libos/wstatus.h>

#include <sys/wait.h>

#include "check.h"

int main(void) {
  for (int code = 0; code < 512; code++) {
    int w = wstatus_exited(code);
    CHECK(WIFEXITED(w) && !WIFSIGNALED(w) && !WIFSTOPPED(w));
    CHECK(WEXITSTATUS(w) == (code & 0xff));
    CHECK(wstatus_cld_code(w) == LINUX_CLD_EXITED);
    CHECK(wstatus_cld_status(w) == (code & 0xff));
  }
  for (int sig = 1; sig < 65; sig++) {
    for (int core = 0; core < 2; core++) {
      int w = wstatus_signaled(sig, core);
      CHECK(WIFSIGNALED(w) && !WIFEXITED(w) && !WIFSTOPPED(w));
      CHECK(WTERMSIG(w) == sig);
      CHECK(!!WCOREDUMP(w) == core);
      CHECK(wstatus_cld_code(w) == (core ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED) && LINUX_CLD_DUMPED == CLD_DUMPED);
      CHECK(wstatus_cld_status(w) == sig);
    }
    int s = wstatus_stopped(sig);
    CHECK(WIFSTOPPED(s) && !WIFEXITED(s) && !WIFSIGNALED(s));
    CHECK(WSTOPSIG(s) == sig);
  }
  CHECK(WIFCONTINUED(WSTATUS_CONTINUED));
  CHECK(!WIFEXITED(WSTATUS_CONTINUED) && !WIFSIGNALED(WSTATUS_CONTINUED));
  return check_done("wstatus");
}
