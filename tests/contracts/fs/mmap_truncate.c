/* fs.mmap_truncate: a mapping may reach past the end of its file; the page
 * holding EOF is accessible (bytes past EOF read as zeros), a page wholly
 * past EOF is SIGBUS with BUS_ADRERR and si_addr the faulting address.
 * Shrinking a file takes its pages away from every mapping (shared and the
 * private copies too); growing it makes them reachable again, as zeros. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>

#include "contract.h"

static sigjmp_buf env;
static volatile int got_sig, got_code;
static volatile long got_addr;

static void on_fault(int sig, siginfo_t *si, void *u) {
  (void)u;
  got_sig = sig;
  got_code = si->si_code;
  got_addr = (long)si->si_addr;
  siglongjmp(env, 1);
}

/* "ok", or the signal and its code, with si_addr's relation to a. */
static void touch(const char *what, long a, int write, const char *want) {
  got_sig = got_code = 0;
  got_addr = 0;
  char res[64] = "ok";
  if (sigsetjmp(env, 1) == 0) {
    if (write)
      *(volatile char *)a = 1;
    else
      (void)*(volatile char *)a;
  } else {
    snprintf(res, sizeof res, "%s %s addr=%s",
             got_sig == SIGBUS    ? "SIGBUS"
             : got_sig == SIGSEGV ? "SIGSEGV"
                                  : "?",
             got_sig == SIGBUS && got_code == BUS_ADRERR     ? "BUS_ADRERR"
             : got_sig == SIGSEGV && got_code == SEGV_MAPERR ? "SEGV_MAPERR"
             : got_sig == SIGSEGV && got_code == SEGV_ACCERR ? "SEGV_ACCERR"
                                                             : "other",
             got_addr == a ? "exact" : "other");
  }
  expect_str(what, res, want);
}

#define BUS "SIGBUS BUS_ADRERR addr=exact"

int main(void) {
  struct sigaction sa = {.sa_sigaction = on_fault, .sa_flags = SA_SIGINFO};
  sigaction(SIGBUS, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  char page[PG];
  memset(page, 'A', PG);
  check(write(fd, page, PG) == PG && write(fd, page, 100) == 100,
        "a file of one page and 100 bytes");
  long r = mm(0, 4 * PG, RW, MAP_SHARED, fd, 0);
  expect("a shared mapping of four pages", r, "ok");
  long pr = mm(0, 4 * PG, RW, MAP_PRIVATE, fd, 0);
  expect("a private one too", pr, "ok");
  char *p = (char *)r, *q = (char *)pr;
  touch("shared: last byte of the file", r + PG + 99, 0, "ok");
  check(p[PG + 99] == 'A' && all_bytes(p + PG + 100, PG - 100, 0),
        "the page holding EOF: zeros after it");
  touch("shared: write past EOF in that page", r + 2 * PG - 1, 1, "ok");
  touch("shared: read the page after it", r + 2 * PG, 0, BUS);
  touch("shared: write further on", r + 3 * PG + 5, 1, BUS);
  touch("private: read the page holding EOF", pr + PG + 200, 0, "ok");
  touch("private: write the page after it", pr + 2 * PG + 8, 1, BUS);
  touch("private: read it", pr + 3 * PG, 0, BUS);
  char buf[8];
  check(pread(fd, buf, 8, 2 * PG) == 0, "the file did not grow");
  expect("read() into the page past EOF",
         rs(read(open("f", O_RDONLY), p + 2 * PG, 8)), "EFAULT");
  expect("write() from it", rs(pwrite(fd, p + 2 * PG, 8, 0)), "EFAULT");

  q[PG + 1] = 'c'; /* a private copy of the second page */
  check(ftruncate(fd, 100) == 0, "ftruncate to 100 bytes");
  touch("shared: the second page is gone", r + PG + 1, 0, BUS);
  touch("private: its copy is gone too", pr + PG + 1, 0, BUS);
  touch("shared: the first page stays", r + 50, 0, "ok");
  check(p[50] == 'A' && p[100] == 0 && p[PG - 1] == 0,
        "cut to the new size: zeros past it");
  check(ftruncate(fd, 3 * PG) == 0, "ftruncate to three pages");
  touch("shared: the second page is back", r + PG + 1, 0, "ok");
  touch("private: there too", pr + 2 * PG + 1, 1, "ok");
  check(p[PG + 1] == 0 && q[PG + 1] == 0, "as zeros");
  touch("shared: the fourth page is not", r + 3 * PG, 0, BUS);
  check(truncate("f", PG) == 0, "truncate by name to one page");
  touch("shared: the second page is gone again", r + PG, 0, BUS);
  int t = open("f", O_RDWR | O_TRUNC);
  check(t >= 0, "open with O_TRUNC");
  touch("shared: even the first is gone", r, 0, BUS);
  touch("private: there too", pr, 1, BUS);

  expect("mapping wholly past EOF",
         (r = mm(0, PG, PROT_READ, MAP_SHARED, fd, 8 * PG)), "ok");
  touch("it faults", r, 0, BUS);
  expect("munmap", rs(munmap((void *)r, PG)), "ok");
  touch("unmapped now", r, 0, "SIGSEGV SEGV_MAPERR addr=exact");
  return finish("mmap_truncate");
}
