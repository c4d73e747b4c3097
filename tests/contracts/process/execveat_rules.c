/* process.execveat_rules: execveat(2) and fexecve(3). A descriptor of the
 * running program runs it with AT_EMPTY_PATH (comm is the file's name,
 * AT_EXECFN /dev/fd/N), and so does execve of /proc/self/fd/N (comm "N").
 * An empty path without AT_EMPTY_PATH is ENOENT before an unknown flag's
 * EINVAL; a directory or a file without x is EACCES, a text file with x
 * ENOEXEC, a symlink with AT_SYMLINK_NOFOLLOW ELOOP, a closed fd EBADF. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/stat.h>

#include "contract.h"

static char parent_comm[32];
static char *child_argv[] = {"execveat_rules", parent_comm, 0};
static int exe_fd;

static int run(void (*f)(void)) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    f();
    _exit(99);
  }
  return reap_status(c);
}

static void by_fexecve(void) {
  fexecve(exe_fd, child_argv, environ);
}

static void by_execveat(void) {
  syscall(SYS_execveat, exe_fd, "", child_argv, environ, AT_EMPTY_PATH);
}

static void by_proc_fd(void) {
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d", exe_fd);
  execv(p, child_argv);
}

static long xat(int fd, const char *path, int flags) {
  return rs(syscall(SYS_execveat, fd, path, child_argv, environ, flags));
}

int main(int argc, char **argv) {
  if (argc > 1) { /* argv[1]: the comm the program had, its file's name */
    char comm[32] = {0};
    slurp("/proc/self/comm", comm, sizeof comm - 1);
    comm[strcspn(comm, "\n")] = 0;
    char efn[64];
    snprintf(efn, sizeof efn, "%s", (const char *)getauxval(AT_EXECFN));
    char want[64];
    snprintf(want, sizeof want, "/dev/fd/%d", 3);
    printf("  the new program: comm %s, AT_EXECFN %s\n",
           strcmp(comm, "3") == 0       ? "\"N\""
           : strcmp(comm, argv[1]) == 0 ? "the file's name"
                                        : comm,
           strcmp(efn, want) == 0                ? "/dev/fd/N"
           : strcmp(efn, "/proc/self/fd/3") == 0 ? "/proc/self/fd/N"
                                                 : efn);
    fflush(stdout);
    return 7;
  }
  slurp("/proc/self/comm", parent_comm, sizeof parent_comm - 1);
  parent_comm[strcspn(parent_comm, "\n")] = 0;
  exe_fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  check(exe_fd == 3, "/proc/self/exe opens as fd 3");
  printf("fexecve: exit %d\n", run(by_fexecve));
  printf("execveat(fd, \"\", AT_EMPTY_PATH): exit %d\n", run(by_execveat));
  printf("execve(/proc/self/fd/N): exit %d\n", run(by_proc_fd));
  expect("an empty path without AT_EMPTY_PATH", xat(exe_fd, "", 0), "ENOENT");
  expect("and with flag 2 too", xat(exe_fd, "", 2), "ENOENT");
  expect("flag 2 with a path", xat(exe_fd, "x", 2), "EINVAL");
  expect("a closed fd", xat(99, "", AT_EMPTY_PATH), "EBADF");
  int dir = open(".", O_RDONLY);
  expect("a directory", xat(dir, "", AT_EMPTY_PATH), "EACCES");
  int t = open("text", O_CREAT | O_WRONLY, 0755);
  check(write(t, "hello\n", 6) == 6, "a text file with x bits");
  close(t);
  expect("the text file", xat(AT_FDCWD, "text", 0), "ENOEXEC");
  expect("the text file through its directory", xat(dir, "text", 0), "ENOEXEC");
  chmod("text", 0644);
  expect("the text file without x", xat(AT_FDCWD, "text", 0), "EACCES");
  check(symlink("/proc/self/exe", "lnk") == 0, "a symlink to the program");
  expect("the symlink, AT_SYMLINK_NOFOLLOW",
         xat(AT_FDCWD, "lnk", AT_SYMLINK_NOFOLLOW), "ELOOP");
  expect("a name that is not there", xat(AT_FDCWD, "nothere", 0), "ENOENT");
  return finish("execveat_rules");
}
