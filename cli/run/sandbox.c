/* The native sandbox's steps (see sandbox.h): open, enter, exec. */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int fail(char *err, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t n, const char *fmt, ...) {
  int e = errno;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
  errno = e;
  return -1;
}

/* Opens `file` into p if it is an executable regular file; errno otherwise. */
static int try_open(const char *file, sandbox_prog *p) {
  struct stat st;
  if (stat(file, &st) < 0)
    return -1;
  if (!S_ISREG(st.st_mode)) {
    errno = EACCES; /* what execve says for a directory or a device */
    return -1;
  }
  if (access(file, X_OK) < 0)
    return -1;
  int fd = open(file, O_PATH | O_CLOEXEC);
  if (fd < 0)
    return -1;
  if (fstat(fd, &st) < 0) {
    close(fd);
    return -1;
  }
  p->fd = fd;
  p->dev = st.st_dev;
  p->ino = st.st_ino;
  return 0;
}

/* p->path = file made absolute against the cwd (symlinks kept, so the name
 * the program runs by is the one it was given). */
static int absolute(const char *file, sandbox_prog *p) {
  if (file[0] == '/') {
    if (strlen(file) >= sizeof p->path)
      return errno = ENAMETOOLONG, -1;
    strcpy(p->path, file);
    return 0;
  }
  char cwd[sizeof p->path];
  if (!getcwd(cwd, sizeof cwd))
    return -1;
  if ((size_t)snprintf(p->path, sizeof p->path, "%s/%s", cwd, file) >=
      sizeof p->path)
    return errno = ENAMETOOLONG, -1;
  return 0;
}

int sandbox_open(const char *name, sandbox_prog *p, char *err, size_t n) {
  memset(p, 0, sizeof *p);
  p->fd = -1;
  if (!*name)
    return errno = ENOENT, fail(err, n, "(empty name): %s", strerror(ENOENT));
  if (strchr(name, '/')) {
    if (try_open(name, p) < 0 || absolute(name, p) < 0)
      return fail(err, n, "%s: %s", name, strerror(errno));
    return 0;
  }
  /* execvp's search: the first entry holding an executable file wins; when
   * none does, the error is EACCES if some entry had a non-executable one. */
  const char *path = getenv("PATH");
  if (!path || !*path)
    path = "/usr/local/bin:/bin:/usr/bin";
  int seen_eacces = 0;
  for (const char *d = path;; d++) {
    const char *end = strchr(d, ':');
    size_t len = end ? (size_t)(end - d) : strlen(d);
    char file[sizeof p->path];
    if ((size_t)snprintf(file, sizeof file, "%.*s%s%s", (int)len, d,
                         len ? "/" : "", name) < sizeof file) {
      if (try_open(file, p) == 0) {
        if (absolute(file, p) < 0) {
          close(p->fd);
          p->fd = -1;
          return fail(err, n, "%s: %s", name, strerror(errno));
        }
        return 0;
      }
      if (errno == EACCES)
        seen_eacces = 1;
    }
    if (!end)
      break;
    d = end;
  }
  errno = seen_eacces ? EACCES : ENOENT;
  return fail(err, n, "%s: %s", name, strerror(errno));
}

/* Writes text to a /proc/self file (the user namespace's maps). */
static int write_proc(const char *file, const char *text) {
  int fd = open(file, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  size_t len = strlen(text);
  ssize_t w = write(fd, text, len);
  int e = errno;
  close(fd);
  if (w != (ssize_t)len)
    return errno = w < 0 ? e : EIO, -1;
  return 0;
}

/* The fallback without CAP_SYS_ADMIN: a user namespace in which the caller
 * is root (sandbox.h says why 0), owning the new mount namespace. */
static int enter_userns(int first_errno, char *err, size_t n) {
  uid_t uid = geteuid();
  gid_t gid = getegid();
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
    return fail(err, n,
                "unshare(CLONE_NEWNS): %s, and no user namespace either: "
                "unshare(CLONE_NEWUSER|CLONE_NEWNS): %s",
                strerror(first_errno), strerror(errno));
  char map[64];
  snprintf(map, sizeof map, "0 %u 1\n", (unsigned)uid);
  if (write_proc("/proc/self/uid_map", map) < 0)
    return fail(err, n, "writing /proc/self/uid_map: %s", strerror(errno));
  /* An unprivileged gid_map needs setgroups() off first. */
  if (write_proc("/proc/self/setgroups", "deny") < 0 && errno != ENOENT)
    return fail(err, n, "writing /proc/self/setgroups: %s", strerror(errno));
  snprintf(map, sizeof map, "0 %u 1\n", (unsigned)gid);
  if (write_proc("/proc/self/gid_map", map) < 0)
    return fail(err, n, "writing /proc/self/gid_map: %s", strerror(errno));
  return 0;
}

int sandbox_enter(char *err, size_t n) {
  if (unshare(CLONE_NEWNS) < 0) {
    if (errno != EPERM)
      return fail(err, n, "unshare(CLONE_NEWNS): %s", strerror(errno));
    if (enter_userns(errno, err, n) < 0)
      return -1;
  }
  /* Private first: the tmpfs below must not propagate to the host's /tmp. */
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
    return fail(err, n, "making / private (mount MS_REC|MS_PRIVATE): %s",
                strerror(errno));
  if (mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777") < 0)
    return fail(err, n, "mounting a tmpfs on /tmp: %s", strerror(errno));
  if (chdir("/tmp") < 0)
    return fail(err, n, "chdir(\"/tmp\"): %s", strerror(errno));
  return 0;
}

int sandbox_exec(const sandbox_prog *p, char *const *argv, char *const *envp,
                 char *err, size_t n) {
  struct stat st;
  if (stat(p->path, &st) == 0 && st.st_dev == p->dev && st.st_ino == p->ino) {
    execve(p->path, argv, envp);
    return fail(err, n, "%s: %s", p->path, strerror(errno));
  }
  /* The mount hid it (it lives under the host's /tmp): run the file opened
   * before. The fd is close-on-exec, so the test still starts with 0-2 only;
   * a #! script would need it open (the kernel gives the interpreter
   * /dev/fd/N) and fails with ENOENT. */
  syscall(SYS_execveat, p->fd, "", argv, envp, AT_EMPTY_PATH);
  if (errno == ENOENT)
    return fail(err, n,
                "%s: hidden by the new /tmp and not runnable from an fd "
                "(a #! script?): %s",
                p->path, strerror(errno));
  return fail(err, n, "%s (from an fd): %s", p->path, strerror(errno));
}
