/* The aligner: each divergence kind, its Linux index, and runs of repeated
 * calls where a greedy or fixed-window pairing reports the wrong call. */
#include <stdlib.h>

#include "check.h"
#include "pair.h"

#define BASE "arch_prctl 4098 0x404138 = 0\nbrk 0 = 0x5000\n"

static void expect(const char *what, const char *lin, const char *lib, const char *filter,
                   const char *kind, long idx) {
  struct pair p;
  if (pair_run(&p, lin, lib, filter)) {
    check_failures++;
    return;
  }
  if (strcmp(pair_kind(&p), kind) || pair_index(&p) != idx) {
    fprintf(stderr, "%s: got %s at %ld, want %s at %ld\n", what, pair_kind(&p), pair_index(&p),
            kind, idx);
    check_failures++;
  }
  pair_free(&p);
}

int main(void) {
  const char *lin = BASE "getpid = 4242\nwrite 1 0x1 5 = 5\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n";
  expect("agree", lin, BASE "getpid = 1\nwrite 1 0x9 5 = 5\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n",
         NULL, "none", -1);
  expect("errno", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 5\nclose 3 = -1 EINVAL\nexit_group 0 = ?\nEXIT 0\n",
         NULL, "errno", 4);
  expect("error vs success", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 5\nclose 3 = 0\nexit_group 0 = ?\nEXIT 0\n",
         NULL, "errno", 4);
  expect("value", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 4\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n",
         NULL, "value", 3);
  expect("argument", lin, BASE "getpid = 1\nwrite 2 0x1 5 = 5\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n",
         NULL, "value", 3);
  expect("missing", lin, BASE "getpid = 1\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n",
         NULL, "missing", 3);
  expect("extra", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 5\ngettid = 1\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n",
         NULL, "extra", 4); /* the index of the Linux call it precedes */
  expect("extra at end", BASE "EXIT 0\n", BASE "getpid = 1\nEXIT 0\n", NULL, "extra", 2);
  expect("exit status", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 5\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 1\n",
         NULL, "exit", 6);
  expect("killed vs exited", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 5\nclose 3 = -1 EBADF\nexit_group 0 = ?\nKILL SIGSEGV\n",
         NULL, "exit", 6);
  expect("crash mid-trace", lin, BASE "getpid = 1\nwrite 1 0x1 5 = ?\nPANIC page_fault_in_kernel\n", NULL,
         "crash", 3);
  expect("trace cut short", lin, BASE "getpid = 1\n", NULL, "crash", 3);
  const char *sig = BASE "SIG SIGSEGV SEGV_MAPERR\nEXIT 0\n";
  expect("signal code", sig, BASE "SIG SIGSEGV SEGV_ACCERR\nEXIT 0\n", NULL, "signal", 2);
  expect("signal missing", sig, BASE "EXIT 0\n", NULL, "signal", 2);
  expect("signal extra", BASE "EXIT 0\n", sig, NULL, "signal", 2);
  /* --filter: other calls vanish; signals and exits stay compared. */
  expect("filtered away", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 4\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n",
         "brk,close", "none", -1);
  expect("filter keeps exit", lin, BASE "getpid = 1\nwrite 1 0x1 5 = 5\nclose 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 1\n",
         "brk", "exit", 6);

  /* Restarts fold to one call on both sides: strace names the resumed call,
   * the kernel's trace says restart_syscall. */
  expect("restart folding",
         BASE "nanosleep 0x1 0 = ? ERESTART_RESTARTBLOCK\nSIG SIGSTOP SI_USER\nnanosleep 0x1 0 = 0\nEXIT 0\n",
         BASE "nanosleep 0x1 0 = ? ERESTART_RESTARTBLOCK\nSIG SIGSTOP SI_USER\nrestart_syscall = 0\nEXIT 0\n",
         NULL, "none", -1);
  expect("restart vs EINTR",
         BASE "read 3 0x1 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\nrt_sigreturn = 0\nread 3 0x1 1 = 1\nEXIT 0\n",
         BASE "read 3 0x1 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\nrt_sigreturn = -1 EINTR\nEXIT 0\n",
         NULL, "errno", 2);

  /* Repeated calls: ten reads of one byte then EOF; the libos makes nine.
   * A name-greedy pairing matches read #10 with the EOF read (a "value"
   * divergence) and then misses the EOF; the optimal one says read #10 is
   * missing. */
  char L[4096] = BASE, R[4096] = BASE;
  for (int i = 0; i < 10; i++) {
    strcat(L, "read 3 0x1 1 = 1\n");
    if (i < 9)
      strcat(R, "read 3 0x1 1 = 1\n");
  }
  strcat(L, "read 3 0x1 1 = 0\nEXIT 0\n");
  strcat(R, "read 3 0x1 1 = 0\nEXIT 0\n");
  expect("repeated reads, one missing", L, R, NULL, "missing", 11);
  /* Same names all along, one different result deep inside a run of 200:
   * only that call diverges, however far from the start. */
  char *L2 = calloc(1, 1 << 16), *R2 = calloc(1, 1 << 16);
  strcpy(L2, BASE);
  strcpy(R2, BASE);
  for (int i = 0; i < 200; i++) {
    char line[64];
    snprintf(line, sizeof line, "write 1 0x1 %d = %d\n", i % 7 + 1, i % 7 + 1);
    strcat(L2, line);
    if (i == 150)
      snprintf(line, sizeof line, "write 1 0x1 %d = -1 EIO\n", i % 7 + 1);
    strcat(R2, line);
  }
  strcat(L2, "EXIT 0\n");
  strcat(R2, "EXIT 0\n");
  expect("one errno in a long run", L2, R2, NULL, "errno", 152);
  /* An extra call inside the run: reported where it is, not at the end. */
  strcpy(R2, BASE);
  for (int i = 0; i < 200; i++) {
    char line[64];
    if (i == 120)
      strcat(R2, "write 1 0x1 3 = 3\n");
    snprintf(line, sizeof line, "write 1 0x1 %d = %d\n", i % 7 + 1, i % 7 + 1);
    strcat(R2, line);
  }
  strcat(R2, "EXIT 0\n");
  struct pair p;
  CHECK(pair_run(&p, L2, R2, NULL) == 0);
  CHECK_STR(pair_kind(&p), "extra");
  /* write 3 fits between writes #119 (size 1) and #120 (size 2)... anywhere
   * its value matches no neighbour: it must be within one call of 120. */
  CHECK(pair_index(&p) >= 121 && pair_index(&p) <= 123);
  CHECK_INT(p.a.divergent, 1);
  pair_free(&p);
  free(L2);
  free(R2);
  return check_done("align");
}
