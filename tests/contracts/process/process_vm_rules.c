/* process.process_vm_rules: process_vm_readv and process_vm_writev copy
 * between our memory and a child's (or our own), segment by segment in
 * both vectors; a fault on either side ends the copy there (the bytes so
 * far, or EFAULT when none moved); a read-only remote page refuses writes.
 * Checked first: flags (EINVAL), the local vector (EINVAL past 1024
 * segments), nothing to copy (0, before the pid is looked at), then the
 * pid (ESRCH) and the ptrace rule (EPERM for an unprivileged caller
 * reading root's memory). */
#define _GNU_SOURCE
#include <sys/uio.h>

#include "contract.h"

static char buf[64] = "parent's buffer";
static volatile char child_data[64];
static int go[2], done_pipe[2];

static long pvr(pid_t pid, struct iovec *l, unsigned long nl, struct iovec *r,
                unsigned long nr, unsigned long flags) {
  return rs(syscall(SYS_process_vm_readv, pid, l, nl, r, nr, flags));
}

static long pvw(pid_t pid, struct iovec *l, unsigned long nl, struct iovec *r,
                unsigned long nr) {
  return rs(syscall(SYS_process_vm_writev, pid, l, nl, r, nr, 0));
}

int main(void) {
  pipe(go);
  pipe(done_pipe);
  pid_t c = fork();
  if (c == 0) {
    strcpy((char *)child_data, "written by the child after the fork");
    write(done_pipe[1], "r", 1);
    char x;
    read(go[0], &x, 1); /* the parent has written into us */
    _exit(strcmp((const char *)child_data, "PARENT WAS HERE") == 0 ? 0 : 1);
  }
  char x;
  read(done_pipe[0], &x, 1);

  char got[64] = {0};
  struct iovec l = {got, sizeof got}, r = {(void *)child_data, 36};
  printf("read the child's 36 bytes: %ld, \"%s\"\n", pvr(c, &l, 1, &r, 1, 0),
         got);
  char a[8] = {0}, b[8] = {0};
  struct iovec l2[2] = {{a, 7}, {b, 7}};
  printf("into two local segments: %ld, \"%s\" + \"%s\"\n",
         pvr(c, l2, 2, &r, 1, 0), a, b);
  static char msg[] = "PARENT WAS HERE";
  struct iovec w = {msg, sizeof msg}, wr = {(void *)child_data, sizeof msg};
  printf("write into the child: %ld\n", pvw(c, &w, 1, &wr, 1));
  write(go[1], "w", 1);
  printf("the child saw it: %s\n", reap_status(c) == 0 ? "yes" : "no");

  /* Our own memory, and the errors. */
  struct iovec self = {buf, 16};
  memset(got, 0, sizeof got);
  printf("read our own buffer: %ld, \"%s\"\n",
         pvr(getpid(), &l, 1, &self, 1, 0), got);
  expect("flags 1", pvr(getpid(), &l, 1, &self, 1, 1), "EINVAL");
  expect("1025 local segments", pvr(getpid(), &l, 1025, &self, 1, 0), "EINVAL");
  struct iovec empty = {got, 0};
  expect("nothing to copy, pid 0x7fffffff",
         pvr(0x7fffffff, &empty, 1, &self, 1, 0), "ok");
  expect("pid 0x7fffffff", pvr(0x7fffffff, &l, 1, &self, 1, 0), "ESRCH");
  expect("a reaped child", pvr(c, &l, 1, &self, 1, 0), "ESRCH");

  long page = mm(0, 2 * PG, RW, ANON, -1, 0);
  syscall(SYS_munmap, page + PG, PG);
  memset((void *)page, 'p', PG);
  struct iovec edge = {(void *)(page + PG - 10), 20};
  expect("a remote segment running off its mapping",
         pvr(getpid(), &l, 1, &edge, 1, 0), "ok");
  printf("  it read %ld bytes\n",
         (long)syscall(SYS_process_vm_readv, getpid(), &l, 1, &edge, 1, 0));
  struct iovec gone = {(void *)(page + PG), 8};
  expect("a remote segment that is not mapped",
         pvr(getpid(), &l, 1, &gone, 1, 0), "EFAULT");
  struct iovec lgone = {(void *)(page + PG), 8};
  expect("a local segment that is not mapped",
         pvr(getpid(), &lgone, 1, &self, 1, 0), "EFAULT");
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  struct iovec rov = {(void *)ro, 8};
  expect("writing a read-only page", pvw(getpid(), &self, 1, &rov, 1),
         "EFAULT");

  /* An unprivileged child may not read root's memory. */
  fflush(stdout);
  pid_t me = getpid();
  c = fork();
  if (c == 0) {
    setresgid(1000, 1000, 1000);
    setresuid(1000, 1000, 1000);
    char g[8];
    struct iovec gl = {g, 8}, gr = {buf, 8};
    long e = pvr(me, &gl, 1, &gr, 1, 0);
    printf("an unprivileged child reading us: %s\n", ename(e));
    fflush(stdout);
    _exit(0);
  }
  reap_status(c);
  return finish("process_vm_rules");
}
