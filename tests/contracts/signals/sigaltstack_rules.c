/* signals.sigaltstack_rules: no alternate stack at first (SS_DISABLE);
 * too small is ENOMEM, bad flags EINVAL; an SA_ONSTACK handler runs on it
 * and sees SS_ONSTACK, where changing it is EPERM; a handler without
 * SA_ONSTACK stays on the normal stack; SS_AUTODISARM disarms it during
 * the handler and it is back afterwards. */
#include <stdint.h>

#include "contract.h"

#define ALT_SIZE (64 * 1024)
static char alt[ALT_SIZE] __attribute__((aligned(16)));
static volatile int on_alt, flags_inside, eperm_inside, try_set;

static void handler(int sig) {
  (void)sig;
  char local;
  on_alt = (uintptr_t)&local >= (uintptr_t)alt &&
           (uintptr_t)&local < (uintptr_t)alt + ALT_SIZE;
  stack_t cur, nw = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
  sigaltstack(NULL, &cur);
  flags_inside = cur.ss_flags;
  if (try_set)
    eperm_inside = sigaltstack(&nw, NULL) == -1 && errno == EPERM;
}

static void install(int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = flags;
  sigaction(SIGUSR1, &sa, NULL);
  on_alt = flags_inside = eperm_inside = -1;
}

int main(void) {
  stack_t ss, old;
  check(sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE,
        "initially SS_DISABLE");
  ss = (stack_t){.ss_sp = alt, .ss_size = 1024, .ss_flags = 0};
  errno = 0;
  check(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM, "1 KiB ENOMEM");
  ss = (stack_t){.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0x10};
  errno = 0;
  check(sigaltstack(&ss, NULL) == -1 && errno == EINVAL, "bad flags EINVAL");
  ss.ss_flags = 0;
  check(sigaltstack(&ss, NULL) == 0, "set 64 KiB stack");
  check(sigaltstack(NULL, &old) == 0 && old.ss_flags == 0 &&
            old.ss_size == ALT_SIZE && old.ss_sp == alt,
        "query returns it");

  install(SA_ONSTACK);
  try_set = 1;
  raise(SIGUSR1);
  try_set = 0;
  check(on_alt == 1, "SA_ONSTACK handler on the alternate stack");
  check(flags_inside == SS_ONSTACK, "SS_ONSTACK inside");
  check(eperm_inside == 1, "change while on it EPERM");

  install(0);
  raise(SIGUSR1);
  check(on_alt == 0, "handler without SA_ONSTACK on the normal stack");
  check(flags_inside == 0, "flags 0 outside the stack");

  ss.ss_flags = SS_AUTODISARM;
  check(sigaltstack(&ss, NULL) == 0, "set with SS_AUTODISARM");
  install(SA_ONSTACK);
  raise(SIGUSR1);
  check(on_alt == 1, "autodisarm handler on the alternate stack");
  check(flags_inside == SS_DISABLE, "disarmed inside the handler");
  sigaltstack(NULL, &old);
  check(old.ss_flags == (int)SS_AUTODISARM && old.ss_size == ALT_SIZE,
        "re-armed after return");

  ss.ss_flags = SS_DISABLE;
  check(sigaltstack(&ss, NULL) == 0, "disable");
  sigaltstack(NULL, &old);
  check(old.ss_flags == SS_DISABLE && old.ss_size == 0, "disabled");

  return finish("sigaltstack_rules");
}
