/* proc.write_errors: writing a read-only /proc file: root's open succeeds
 * (its capabilities pass the mode) and the write fails, EIO for the
 * global files and EINVAL for the per-process ones; after setresuid to an
 * unprivileged user the open itself is EACCES, and so is reading the
 * 0400 files of its own process (no longer dumpable: owned by root). */
#define _GNU_SOURCE
#include "contract.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void try_write(const char *path) {
  long fd = rs(syscall(SYS_openat, -100, path, O_WRONLY));
  printf("open %s O_WRONLY: %s\n", path, ename(fd));
  if (fd < 0)
    return;
  printf("  write %s: %s\n", path, ename(rs(write((int)fd, "1", 1))));
  close((int)fd);
}

static const char *const files[] = {"/proc/version",      "/proc/meminfo",
                                    "/proc/uptime",       "/proc/self/stat",
                                    "/proc/self/status",  "/proc/self/maps",
                                    "/proc/self/cmdline", "/proc/self/environ",
                                    "/proc/self/comm",    0};

int main(void) {
  for (int i = 0; files[i]; i++)
    try_write(files[i]);
  struct stat st;
  check(stat("/proc/self/stat", &st) == 0 && st.st_uid == 0 &&
            (st.st_mode & 07777) == 0444,
        "stat is 0444, owned by root");
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    printf("-- as uid 65534\n");
    expect("setresuid 65534", rs(setresuid(65534, 65534, 65534)), "ok");
    for (int i = 0; files[i]; i++)
      try_write(files[i]);
    char buf[64];
    long r = slurp("/proc/self/environ", buf, sizeof buf);
    expect("read own environ (0400)", r < 0 ? r : 0, "EACCES");
    check(slurp("/proc/self/status", buf, sizeof buf) > 0,
          "status (0444) still reads");
    check(stat("/proc/self/comm", &st) == 0 && st.st_uid == 0,
          "its entries are root's now");
    fflush(stdout);
    _exit(0);
  }
  int ws;
  waitpid(pid, &ws, 0);
  check(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "child done");
  return finish("proc.write_errors");
}
