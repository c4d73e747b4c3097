/* kdiff-ref-init: /init of the reference Linux VM (docs/reference.md).
 *
 * Runs every test listed in /kdiff/batch ("<id>", or "<id> trace": under
 * /kdiff/trace, kdiff-ref-trace, whose JSONL trace follows the result) the way
 * the native harness runs a contract (cli/run/, docs/contracts.md): a fresh
 * tmpfs on /tmp as its cwd, stdin /dev/null, stdout and stderr on two pipes, no
 * other fd, a session of its own, an empty environment (as in the library OS),
 * a time limit. Each result goes to the results port (kdiff_out= on the kernel
 * command line, a serial port apart from the kernel's console) in the framing
 * that cli/harness/refvm_parse.c reads, then the VM powers off.
 *
 * Framing (text header lines, raw payloads of stated length):
 *   KDIFF-REF 1 <uname -r>|<uname -v>\n           once, first
 *   S <id>\n                                       a test starts
 *   R <id> <kind> <code> <ms> <timed_out> <escaped> <outlen> <errlen>\n
 *   <outlen bytes of stdout><errlen bytes of stderr>\n
 *   X <id> <len>\n<len bytes>\n                  its syscall trace (traced
 * tests) DONE\n                                         last, before power off
 * kind is "exit" or "signal" (code: the exit status or signal number). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define BATCH_FILE "/kdiff/batch"
#define TEST_DIR "/kdiff/t"
#define OUT_MAX (4u << 20) /* per stream; the rest is dropped, counted */

static int out_fd = -1;
static int chld_fd = -1; /* signalfd for SIGCHLD: a child's exit wakes poll */

/* A line on the kernel log, so the console shows which test ran when. */
static void klog(const char *fmt, ...) {
  char buf[512] = "<4>"; /* warning: shown with loglevel=5, not quiet */
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf + 3, sizeof buf - 3, fmt, ap) + 3;
  va_end(ap);
  int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    fd = 2;
  if (n > 0 &&
      write(fd, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1) < 0)
    n = 0; /* nowhere to say it */
  if (fd != 2)
    close(fd);
}

static void put(const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t w = write(out_fd, c, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return;
    c += w;
    n -= (size_t)w;
  }
}

static void putf(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0)
    put(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void power_off(void) {
  if (out_fd >= 0)
    tcdrain(out_fd);
  sync();
  reboot(RB_POWER_OFF);
  /* No power-off driver: a reboot, which QEMU's -no-reboot turns into an
   * exit. */
  reboot(RB_AUTOBOOT);
  for (;;)
    pause();
}

/* The value of key=... on the kernel command line, or def. */
static const char *cmdline_value(const char *key, const char *def) {
  static char buf[4096];
  int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return def;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return def;
  buf[n] = 0;
  size_t kl = strlen(key);
  for (char *p = strtok(buf, " \n"); p; p = strtok(NULL, " \n"))
    if (!strncmp(p, key, kl) && p[kl] == '=')
      return p + kl + 1;
  return def;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct buf {
  char *p;
  size_t len, cap;
} buf;

/* Read what is there from fd into b; returns 0 at EOF or error, else 1. */
static int drain(int fd, buf *b) {
  char tmp[8192];
  ssize_t n = read(fd, tmp, sizeof tmp);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return 1;
  if (n <= 0)
    return 0;
  if (b->len + (size_t)n > OUT_MAX)
    return 1;
  if (b->len + (size_t)n > b->cap) {
    size_t cap = (b->len + (size_t)n) * 2;
    char *g = realloc(b->p, cap);
    if (!g)
      return 1;
    b->p = g;
    b->cap = cap;
  }
  memcpy(b->p + b->len, tmp, (size_t)n);
  b->len += (size_t)n;
  return 1;
}

/* User processes other than init still alive: what a test left behind. */
static int count_leftovers(void) {
  DIR *d = opendir("/proc");
  if (!d)
    return 0;
  int n = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    int pid = atoi(de->d_name);
    if (pid <= 1)
      continue;
    char path[64], c[4];
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      continue;
    /* Kernel threads have an empty cmdline; zombies too, but they are gone
     * by the time anyone could count them as running. */
    if (read(fd, c, sizeof c) > 0)
      n++;
    close(fd);
  }
  closedir(d);
  return n;
}

#define TRACER "/kdiff/trace"
#define TRACE_OUT "/kdiff/trace.jsonl"

/* Send the trace file of test id, if there is one. */
static void send_trace(const char *id) {
  int fd = open(TRACE_OUT, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  struct stat st;
  char *p = NULL;
  if (fstat(fd, &st) == 0 && (p = malloc((size_t)st.st_size + 1))) {
    size_t got = 0;
    ssize_t n;
    while (got < (size_t)st.st_size &&
           (n = read(fd, p + got, (size_t)st.st_size - got)) > 0)
      got += (size_t)n;
    putf("X %s %zu\n", id, got);
    put(p, got);
    put("\n", 1);
  }
  free(p);
  close(fd);
  unlink(TRACE_OUT);
}

static void run_one(const char *id, int traced, double limit) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", TEST_DIR, id);
  putf("S %s\n", id);
  tcdrain(out_fd);
  klog("kdiff-ref: start %s\n", id);
  /* A fresh tmpfs per test: mounted here, over the last one's mount point
   * after that was detached, so nothing a test wrote is seen by the next. */
  if (mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777") < 0)
    klog("kdiff-ref: mount /tmp: %s\n", strerror(errno));
  int po[2], pe[2];
  if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
    putf("R %s exit 125 0 0 0 0 0\n\n", id);
    return;
  }
  double t0 = now();
  pid_t pid = fork();
  if (pid == 0) {
    /* The mount above is shared with init: the child only needs its cwd. */
    if (chdir("/tmp") < 0)
      _exit(125);
    setsid();
    int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, 0) < 0 || dup2(po[1], 1) < 0 ||
        dup2(pe[1], 2) < 0)
      _exit(125);
    for (int fd = 3; fd < 1024; fd++)
      close(fd);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    char *argv[] = {path, NULL};
    char *targv[] = {TRACER, TRACE_OUT, path, NULL};
    char *envp[] = {NULL};
    if (traced)
      execve(TRACER, targv, envp);
    else
      execve(path, argv, envp);
    dprintf(2, "kdiff-ref-init: exec %s: %s\n", path, strerror(errno));
    _exit(127);
  }
  close(po[1]);
  close(pe[1]);
  buf out = {0}, err = {0};
  int status = 0, done = 0, timed_out = 0, escaped = 0;
  int open_o = 1, open_e = 1;
  while (!done) {
    struct pollfd pf[3] = {{open_o ? po[0] : -1, POLLIN, 0},
                           {open_e ? pe[0] : -1, POLLIN, 0},
                           {chld_fd, POLLIN, 0}};
    double left = limit - (now() - t0);
    if (left <= 0) {
      timed_out = 1;
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    if (poll(pf, 3, (int)(left * 1000) + 1) > 0) {
      if (pf[0].revents && !drain(po[0], &out))
        open_o = 0;
      if (pf[1].revents && !drain(pe[0], &err))
        open_e = 0;
      if (pf[2].revents) {
        struct signalfd_siginfo si;
        if (read(chld_fd, &si, sizeof si) < 0)
          si.ssi_signo = 0; /* spurious: waitpid below decides */
      }
    }
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid)
      done = 1;
  }
  double secs = now() - t0;
  /* The test's group first, then whatever escaped it (setsid, double fork):
   * init is the reaper of everything, and kill(-1) spares only init. */
  kill(-pid, SIGKILL);
  escaped = count_leftovers();
  kill(-1, SIGKILL);
  while (open_o && drain(po[0], &out))
    ;
  while (open_e && drain(pe[0], &err))
    ;
  close(po[0]);
  close(pe[0]);
  while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
    ;
  umount2("/tmp", MNT_DETACH);
  const char *kind = WIFSIGNALED(status) ? "signal" : "exit";
  int code = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
  putf("R %s %s %d %ld %d %d %zu %zu\n", id, kind, code, (long)(secs * 1000),
       timed_out, escaped, out.len, err.len);
  put(out.p, out.len);
  put(err.p, err.len);
  put("\n", 1);
  free(out.p);
  free(err.p);
  if (traced)
    send_trace(id);
  klog("kdiff-ref: end %s %s %d\n", id, kind, code);
}

int main(void) {
  mkdir("/proc", 0555);
  mkdir("/dev", 0755);
  mkdir("/tmp", 01777);
  mount("proc", "/proc", "proc", 0, NULL);
  mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  mkdir("/dev/shm", 01777);
  mount("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777");
  mkdir("/sys", 0555);
  mount("sysfs", "/sys", "sysfs", 0, NULL);
  const char *port = cmdline_value("kdiff_out", "/dev/ttyS1");
  out_fd = open(port, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (out_fd < 0) {
    klog("kdiff-ref: cannot open the results port %s: %s\n", port,
         strerror(errno));
    power_off();
  }
  struct termios t;
  if (tcgetattr(out_fd, &t) == 0) {
    cfmakeraw(&t); /* bytes as they are: no \n -> \r\n */
    cfsetospeed(&t, B115200);
    tcsetattr(out_fd, TCSANOW, &t);
  }
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  chld_fd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  struct utsname u;
  uname(&u);
  putf("KDIFF-REF 1 %s|%s\n", u.release, u.version);
  double limit = atof(cmdline_value("kdiff_timeout", "30"));
  if (limit <= 0)
    limit = 30;
  FILE *f = fopen(BATCH_FILE, "re");
  char line[512];
  while (f && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = 0;
    char *sp = strchr(line, ' ');
    int traced = sp && !strcmp(sp, " trace");
    if (sp)
      *sp = 0;
    if (line[0])
      run_one(line, traced, limit);
  }
  if (f)
    fclose(f);
  putf("DONE\n");
  power_off();
  return 0;
}
