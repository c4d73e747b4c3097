/* fs.access_eaccess: access(2) and faccessat(2) check with the real ids,
 * faccessat2's AT_EACCESS with the effective ones: after setresuid so
 * that real and effective differ (both ways), with group bits, X_OK on a
 * file without any x bit (EACCES even for root), F_OK through a
 * directory one cannot search; bad mode and flags are EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static long fa2(const char *p, int mode, int flags) {
  return rs(syscall(SYS_faccessat2, AT_FDCWD, p, mode, flags));
}

static void show(const char *who) {
  printf("%s: access R %s W %s | AT_EACCESS R %s W %s | search F %s eaccess F %s\n", who,
         ename(rs(access("mine", R_OK))), ename(rs(access("mine", W_OK))),
         ename(fa2("mine", R_OK, AT_EACCESS)), ename(fa2("mine", W_OK, AT_EACCESS)),
         ename(rs(access("closed/f", F_OK))), ename(fa2("closed/f", F_OK, AT_EACCESS)));
}

static void run(const char *who, uid_t r, uid_t e) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    setresgid(1000, 1000, 0);
    if (setresuid(r, e, 0)) {
      printf("setresuid: %s\n", errno_name(errno));
      _exit(1);
    }
    show(who);
    fflush(stdout);
    _exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
}

int main(void) {
  close(open("mine", O_CREAT | O_WRONLY, 0600));
  chown("mine", 1000, 1000);
  mkdir("closed", 0700);
  close(open("closed/f", O_CREAT | O_WRONLY, 0600));
  close(open("noexec", O_CREAT | O_WRONLY, 0644));
  close(open("grp", O_CREAT | O_WRONLY, 0));
  chmod("grp", 0070);
  chown("grp", 0, 1000);
  show("root");
  run("real 1000, effective 0", 1000, 0);
  run("real 0, effective 1000", 0, 1000);
  run("real 2000, effective 2000", 2000, 2000);
  expect("root X_OK on a 0644 file", rs(access("noexec", X_OK)), "EACCES");
  chmod("noexec", 0100);
  expect("root X_OK with the owner x bit only", rs(access("noexec", X_OK)), "ok");
  expect("root R_OK|W_OK on a 0100 file", rs(access("noexec", R_OK | W_OK)), "ok");
  fflush(stdout);
  if (fork() == 0) {
    setresgid(1000, 1000, 1000);
    setresuid(1001, 1001, 1001);
    expect("group 1000 reads a 0070 file of its group", rs(access("grp", R_OK)), "ok");
    expect("and executes it", rs(access("grp", X_OK)), "ok");
    fflush(stdout);
    _exit(failed);
  }
  int st;
  wait(&st);
  if (WEXITSTATUS(st))
    failed = 1;
  expect("bad mode", rs(access("mine", 8)), "EINVAL");
  expect("faccessat2 bad flag", fa2("mine", R_OK, 0x1), "EINVAL");
  expect("faccessat2 AT_SYMLINK_NOFOLLOW", fa2("mine", R_OK, AT_SYMLINK_NOFOLLOW), "ok");
  expect("faccessat ignores flags (3-arg syscall)",
         rs(syscall(SYS_faccessat, AT_FDCWD, "mine", R_OK, 0x1)), "ok");
  expect("missing", rs(access("nx", F_OK)), "ENOENT");
  return finish("access_eaccess");
}
