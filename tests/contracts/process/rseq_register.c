/* process.rseq_register: rseq(2) registration as Linux checks it. The
 * program registers its own area (musl does not), so every rule is the
 * kernel's: length and alignment (EINVAL), flags (EINVAL), an area the
 * program cannot write (EFAULT), a second registration (EBUSY when the
 * same, EINVAL when another area, EPERM with another signature),
 * unregistration (EINVAL for another area or length, EPERM for another
 * signature) and the fields the kernel fills: cpu_id_start and cpu_id the
 * CPU the thread runs on (as getcpu says) once registered,
 * RSEQ_CPU_ID_UNINITIALIZED (-1) once unregistered. A forked child keeps
 * the registration; a thread starts without one. A first registration
 * longer than 32 bytes is not checked: Linux 6.3+ takes it (the extensible
 * area), 6.1 says EINVAL (docs/reference.md). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <sys/wait.h>

#include "contract.h"

#define SIG 0x53053053
#define UNREG 1

struct rs {
  uint32_t cpu_id_start;
  int32_t cpu_id;
  uint64_t rseq_cs;
  uint32_t flags, node_id, mm_cid;
  char end[];
} __attribute__((aligned(32)));

static struct rs area, other;
static char raw[128] __attribute__((aligned(32)));

static long reg(void *a, long len, long flags, long sig) {
  return rs(syscall(SYS_rseq, a, len, flags, sig));
}

static void *thread_main(void *arg) {
  (void)arg;
  /* A new thread has no registration: it may register the other area. */
  expect("thread: unregister (none)", reg(&area, 32, UNREG, SIG), "EINVAL");
  expect("thread: register its own", reg(&other, 32, 0, SIG), "ok");
  expect("thread: unregister its own", reg(&other, 32, UNREG, SIG), "ok");
  return NULL;
}

int main(void) {
  unsigned cpu = 99;
  syscall(SYS_getcpu, &cpu, 0, 0);
  area.cpu_id = 77;
  expect("unregister before any", reg(&area, 32, UNREG, SIG), "EINVAL");
  expect("length 0", reg(&area, 0, 0, SIG), "EINVAL");
  expect("length 28", reg(&area, 28, 0, SIG), "EINVAL");
  expect("length 31", reg(&area, 31, 0, SIG), "EINVAL");
  expect("length 32 misaligned (16)", reg(raw + 16, 32, 0, SIG), "EINVAL");
  expect("length 64 misaligned (8)", reg(raw + 8, 64, 0, SIG), "EINVAL");
  expect("flags 2", reg(&area, 32, 2, SIG), "EINVAL");
  expect("flags UNREGISTER|2", reg(&area, 32, UNREG | 2, SIG), "EINVAL");
  expect("NULL", reg(0, 32, 0, SIG), "EFAULT");
  expect("kernel address", reg((void *)0xffff800000000000UL, 32, 0, SIG),
         "EFAULT");
  check(area.cpu_id == 77, "failed calls leave the area alone");
  expect("register", reg(&area, 32, 0, SIG), "ok");
  check(area.cpu_id_start == cpu && area.cpu_id == (int32_t)cpu,
        "cpu_id_start and cpu_id are the CPU getcpu names");
  check(area.node_id == 0, "node_id is 0");
  expect("again, same", reg(&area, 32, 0, SIG), "EBUSY");
  expect("again, other signature", reg(&area, 32, 0, SIG + 1), "EPERM");
  expect("again, other area", reg(&other, 32, 0, SIG), "EINVAL");
  expect("again, other length", reg(&area, 64, 0, SIG), "EINVAL");
  expect("again, other area and signature", reg(&other, 32, 0, SIG + 1),
         "EINVAL");
  pid_t c = fork();
  if (c == 0) {
    /* The child's copy is registered: the same area is busy. */
    int ok =
        reg(&area, 32, 0, SIG) == -EBUSY && reg(&area, 32, UNREG, SIG) == 0;
    _exit(ok ? 0 : 1);
  }
  int st = 0;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "a forked child keeps the registration");
  pthread_t th;
  pthread_create(&th, NULL, thread_main, NULL);
  pthread_join(th, NULL);
  expect("unregister, other area", reg(&other, 32, UNREG, SIG), "EINVAL");
  expect("unregister, other length", reg(&area, 64, UNREG, SIG), "EINVAL");
  expect("unregister, other signature", reg(&area, 32, UNREG, SIG + 1),
         "EPERM");
  expect("unregister", reg(&area, 32, UNREG, SIG), "ok");
  check(area.cpu_id == -1 && area.cpu_id_start == 0,
        "unregistered: cpu_id -1, cpu_id_start 0");
  expect("unregister twice", reg(&area, 32, UNREG, SIG), "EINVAL");
  return finish("rseq_register");
}
