/* fs.permissions: file permission checks after dropping root with
 * setresuid/setresgid (in a child): owner, group and other bits, search
 * permission on directories, creating in a directory one cannot write,
 * the sticky /tmp, chmod and chown by a non-owner, access() using the
 * real ids, and that the saved id does not bring root back. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static void make(const char *p, int mode) {
  close(open(p, O_CREAT | O_WRONLY, 0600));
  chmod(p, mode);
}

static int as_user(int uid, int gid, void (*fn)(void)) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (setresgid(gid, gid, gid) || setresuid(uid, uid, uid)) {
      printf("cannot drop privileges: %s\n", errno_name(errno));
      _exit(2);
    }
    fn();
    fflush(stdout);
    _exit(failed);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 99;
}

static void user_1000(void) {
  uid_t r, e, s;
  getresuid(&r, &e, &s);
  printf("ids now %u %u %u\n", r, e, s);
  expect("read a 0600 root file", rs(open("secret", O_RDONLY)), "EACCES");
  expect("read a 0644 root file", rs(open("public", O_RDONLY) >= 0 ? 0 : -errno), "ok");
  expect("write a 0644 root file", rs(open("public", O_WRONLY)), "EACCES");
  expect("read a 0640 file of group 1000",
         rs(open("groupfile", O_RDONLY) >= 0 ? 0 : -errno), "ok");
  expect("write it", rs(open("groupfile", O_WRONLY)), "EACCES");
  expect("stat through a 0600 dir", rs(access("closed/inner", F_OK)), "EACCES");
  expect("list a 0711 dir", rs(open("search", O_RDONLY | O_DIRECTORY)), "EACCES");
  expect("open a file in a 0711 dir",
         rs(open("search/inner", O_RDONLY) >= 0 ? 0 : -errno), "ok");
  expect("create in a 0711 root dir", rs(open("search/new", O_CREAT | O_WRONLY, 0600)),
         "EACCES");
  expect("mkdir in a 0711 root dir", rs(mkdir("search/d", 0700)), "EACCES");
  expect("unlink in a 0711 root dir", rs(unlink("search/inner")), "EACCES");
  int fd = open("mine", O_CREAT | O_WRONLY, 0644);
  check(fd >= 0, "create in sticky /tmp");
  struct stat st;
  fstat(fd, &st);
  printf("my file: uid %u gid %u mode %o\n", st.st_uid, st.st_gid, st.st_mode & 0777);
  expect("chmod my file", rs(fchmod(fd, 0600)), "ok");
  expect("chmod a root file", rs(chmod("public", 0666)), "EPERM");
  expect("chown my file to another user", rs(fchown(fd, 1001, -1)), "EPERM");
  expect("chown a root file", rs(chown("public", 1000, 1000)), "EPERM");
  expect("utimensat NULL on a root file", rs(utimensat(AT_FDCWD, "public", 0, 0)),
         "EACCES");
  expect("access W_OK on a root 0644 file", rs(access("public", W_OK)), "EACCES");
  expect("access R_OK", rs(access("public", R_OK)), "ok");
  expect("setuid(0) back", rs(setuid(0)), "EPERM");
  expect("setresuid to another user", rs(setresuid(-1, 1001, -1)), "EPERM");
}

static void user_1001(void) {
  expect("unlink another user's file in sticky /tmp", rs(unlink("mine")), "EPERM");
  expect("rename it", rs(rename("mine", "stolen")), "EPERM");
  expect("write it (0600 after chmod)", rs(open("mine", O_WRONLY)), "EACCES");
}

static void saved_root(void) {
  /* effective 1000 with root saved: access() checks the real id (root) */
  expect("access as real root", rs(access("secret", R_OK)), "ok");
  expect("open as effective 1000", rs(open("secret", O_RDONLY)), "EACCES");
  expect("seteuid(0) from the saved id", rs(setresuid(-1, 0, -1)), "ok");
  expect("open as root again", rs(open("secret", O_RDONLY) >= 0 ? 0 : -errno), "ok");
}

int main(void) {
  make("secret", 0600);
  make("public", 0644);
  make("groupfile", 0640);
  chown("groupfile", 0, 1000);
  mkdir("closed", 0600);
  make("closed/inner", 0644);
  mkdir("search", 0711);
  make("search/inner", 0644);
  printf("child 1000: status %d\n", as_user(1000, 1000, user_1000));
  printf("child 1001: status %d\n", as_user(1001, 1001, user_1001));
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    setresgid(1000, 1000, 0);
    setresuid(0, 1000, 0);
    saved_root();
    fflush(stdout);
    _exit(failed);
  }
  int st;
  waitpid(pid, &st, 0);
  printf("child with saved root: status %d\n", WEXITSTATUS(st));
  if (WEXITSTATUS(st))
    failed = 1;
  return finish("permissions");
}
