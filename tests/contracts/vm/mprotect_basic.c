/* vm.mprotect_basic: mprotect changes what a page allows. A read of a
 * PROT_NONE page raises SIGSEGV (SEGV_ACCERR, si_addr in the page) and the
 * handler can siglongjmp out; after PROT_READ the page reads its old value
 * back, and a write to it still faults. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int failed;
static sigjmp_buf env;
static volatile sig_atomic_t faults, last_code;
static volatile uintptr_t last_addr;

static void check(int ok, const char *what) {
  printf("%s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok)
    failed = 1;
}

static void on_segv(int sig, siginfo_t *si, void *ctx) {
  (void)sig;
  (void)ctx;
  faults++;
  last_code = si->si_code;
  last_addr = (uintptr_t)si->si_addr;
  siglongjmp(env, 1);
}

static const char *code_name(int code) {
  return code == SEGV_ACCERR ? "SEGV_ACCERR" : code == SEGV_MAPERR ? "SEGV_MAPERR" : "other";
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);
  volatile unsigned char *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check(p != MAP_FAILED, "mmap one page");
  if (p == MAP_FAILED)
    return printf("CONTRACT_FAIL mprotect_basic: mmap failed\n"), 1;
  p[100] = 42;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  check(sigaction(SIGSEGV, &sa, NULL) == 0, "sigaction SIGSEGV");

  check(mprotect((void *)p, (size_t)page, PROT_NONE) == 0, "mprotect PROT_NONE");
  int reached = 0;
  if (sigsetjmp(env, 1) == 0) {
    unsigned char v = p[100];
    (void)v;
    reached = 1;
  }
  check(!reached && faults == 1, "PROT_NONE read faulted");
  printf("handler SIGSEGV code=%s addr=%s\n", code_name(last_code),
         last_addr >= (uintptr_t)p && last_addr < (uintptr_t)p + (uintptr_t)page
             ? "page" : "elsewhere");
  check(last_code == SEGV_ACCERR, "fault code is SEGV_ACCERR");

  check(mprotect((void *)p, (size_t)page, PROT_READ) == 0, "mprotect PROT_READ");
  check(p[100] == 42, "PROT_READ reads 42 back");

  reached = 0;
  if (sigsetjmp(env, 1) == 0) {
    p[100] = 7;
    reached = 1;
  }
  check(!reached && faults == 2 && last_code == SEGV_ACCERR,
        "PROT_READ write faulted with SEGV_ACCERR");
  check(p[100] == 42, "value unchanged by the faulting write");

  if (failed) {
    printf("CONTRACT_FAIL mprotect_basic: see lines above\n");
    return 1;
  }
  printf("CONTRACT_PASS mprotect_basic\n");
  return 0;
}
