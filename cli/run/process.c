/* run_process(): fork/exec in a fresh process group, capture stdout and
 * stderr through pipes, enforce a wall-clock limit by killing the group. */
#include "run_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Without pidfd (kernels before 5.3) the wait loop wakes this often to
 * check the child with WNOHANG; it changes latency, never the outcome. */
#define FALLBACK_TICK_MS 10
/* After the group is killed, output still held by a process that escaped the
 * group (setsid) is waited for this long at most. */
#define ESCAPED_DRAIN_MS 2000

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_error(run_result *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->error, sizeof r->error, fmt, ap);
  va_end(ap);
}

/* Append what fd has to b; returns 1 at EOF, 0 if more may come, -1 on error.
 */
static int drain_some(int fd, run_buf *b, size_t *cap) {
  char chunk[65536];
  ssize_t n = read(fd, chunk, sizeof chunk);
  if (n < 0)
    return (errno == EINTR || errno == EAGAIN) ? 0 : -1;
  if (n == 0)
    return 1;
  if (b->len + (size_t)n + 1 > *cap) {
    size_t want = *cap ? *cap : 4096;
    while (want < b->len + (size_t)n + 1)
      want *= 2;
    char *grown = realloc(b->data, want);
    if (!grown)
      return -1;
    b->data = grown;
    *cap = want;
  }
  memcpy(b->data + b->len, chunk, (size_t)n);
  b->len += (size_t)n;
  b->data[b->len] = '\0';
  return 0;
}

static void ensure_terminated(run_buf *b) {
  if (!b->data) {
    b->data = calloc(1, 1);
    b->len = 0;
  }
}

/* Child side: never returns. Reports an exec failure's errno on errfd.
 * in_fd: what becomes stdin (-1: /dev/null). */
static void child(const char *const *argv, int out_w, int err_w, int errfd,
                  int in_fd, const run_spawn *sp) {
  int keep_fd = sp->keep_fd;
  /* Its own session and group, led by itself, as the image's pid 1 is:
   * nothing of the harness's job control shows through getpgid/getsid. */
  setsid();
  int devnull = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull >= 0)
    dup2(devnull, 0);
  dup2(out_w, 1);
  dup2(sp->merge_stderr ? out_w : err_w, 2);
  /* The program starts with 0-2 only, like the image's: nothing the
   * harness (or ctest, or make's jobserver) holds leaks into it. */
  close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  if (keep_fd >= 3)
    fcntl(keep_fd, F_SETFD, 0);
  /* Defaults, so the program starts as it would from a shell. */
  signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  if (sp->envp)
    execvpe(argv[0], (char *const *)argv, sp->envp); /* PATH: the caller's */
  else
    execvp(argv[0], (char *const *)argv);
  int e = errno;
  if (write(errfd, &e, sizeof e) < 0) {
    /* nothing more can be said */
  }
  _exit(127);
}

static void kill_group(pid_t pgid) {
  if (kill(-pgid, SIGKILL) < 0 && errno != ESRCH) {
    /* the group is gone or not ours: nothing left to kill */
  }
}

/* The parent and process group of pid from /proc/PID/stat (0 if gone). */
static int proc_parent(pid_t pid, pid_t *ppid, pid_t *pgrp, char *state) {
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return 0;
  buf[n] = 0;
  const char *p = strrchr(buf, ')'); /* comm may hold anything but this */
  int pp, pg;
  if (!p || sscanf(p + 1, " %c %d %d", state, &pp, &pg) != 3)
    return 0;
  *ppid = pp;
  *pgrp = pg;
  return 1;
}

/* Kills and reaps every process reparented to us (we are a subreaper),
 * round after round, since a killed one's children come to us next.
 * Returns how many of them were alive outside the run's group `pgid`. */
static int sweep_orphans(pid_t pgid) {
  int escaped = 0;
  pid_t self = getpid();
  for (int round = 0; round < 64; round++) {
    pid_t found[256];
    int nf = 0;
    DIR *d = opendir("/proc");
    if (!d)
      return escaped;
    for (struct dirent *de; (de = readdir(d)) && nf < 256;) {
      char *end;
      long pid = strtol(de->d_name, &end, 10);
      pid_t pp, pg;
      char st;
      if (*end || pid <= 0 || !proc_parent((pid_t)pid, &pp, &pg, &st) ||
          pp != self)
        continue;
      if (pg != pgid && st != 'Z')
        escaped++;
      kill((pid_t)pid, SIGKILL);
      found[nf++] = (pid_t)pid;
    }
    closedir(d);
    for (int i = 0; i < nf; i++)
      while (waitpid(found[i], NULL, 0) < 0 && errno == EINTR)
        ;
    if (nf == 0)
      break;
  }
  return escaped;
}

int run_process(const char *const *argv, double timeout_s, run_result *r) {
  return run_process_grace(argv, timeout_s, 0, r);
}

int run_process_grace(const char *const *argv, double timeout_s, double grace_s,
                      run_result *r) {
  run_spawn none = {.keep_fd = -1};
  return run_process_spawn(argv, timeout_s, grace_s, &none, r);
}

static int spawn_open(const char *const *argv, double timeout_s, double grace_s,
                      const run_spawn *sp, int in_fd, run_result *r);

int run_process_idle(const char *const *argv, double timeout_s, double idle_s,
                     run_result *r) {
  run_spawn sp = {.keep_fd = -1, .idle_s = idle_s};
  return run_process_spawn(argv, timeout_s, 0, &sp, r);
}

int run_process_spawn(const char *const *argv, double timeout_s, double grace_s,
                      const run_spawn *sp, run_result *r) {
  memset(r, 0, sizeof *r);
  r->end = RUN_FAILED;
  int in_fd = -1;
  if (sp->stdin_file &&
      (in_fd = open(sp->stdin_file, O_RDONLY | O_CLOEXEC)) < 0) {
    set_error(r, "stdin %s: %s", sp->stdin_file, strerror(errno));
    return -1;
  }
  int rc = spawn_open(argv, timeout_s, grace_s, sp, in_fd, r);
  if (in_fd >= 0)
    close(in_fd);
  return rc;
}

/* run_process_spawn() once stdin is open (in_fd, -1: /dev/null). */
static int spawn_open(const char *const *argv, double timeout_s, double grace_s,
                      const run_spawn *sp, int in_fd, run_result *r) {
  static int subreaper;
  if (!subreaper)
    subreaper = prctl(PR_SET_CHILD_SUBREAPER, 1) == 0 ? 1 : -1;
  int outp[2], errp[2], execp[2];
  if (pipe2(outp, O_CLOEXEC) < 0) {
    set_error(r, "pipe: %s", strerror(errno));
    return -1;
  }
  if (pipe2(errp, O_CLOEXEC) < 0) {
    set_error(r, "pipe: %s", strerror(errno));
    close(outp[0]), close(outp[1]);
    return -1;
  }
  if (pipe2(execp, O_CLOEXEC) < 0) {
    set_error(r, "pipe: %s", strerror(errno));
    close(outp[0]), close(outp[1]), close(errp[0]), close(errp[1]);
    return -1;
  }
  double start = now_s();
  pid_t pid = fork();
  if (pid < 0) {
    set_error(r, "fork: %s", strerror(errno));
    close(outp[0]), close(outp[1]), close(errp[0]), close(errp[1]);
    close(execp[0]), close(execp[1]);
    return -1;
  }
  if (pid == 0)
    child(argv, outp[1], errp[1], execp[1], in_fd, sp);
  /* No setpgid here: the child's setsid() runs before its exec, and the
   * exec pipe below is read before anything signals the group. */
  close(outp[1]);
  close(errp[1]);
  close(execp[1]);

  int exec_errno = 0;
  ssize_t got;
  do
    got = read(execp[0], &exec_errno, sizeof exec_errno);
  while (got < 0 && errno == EINTR);
  close(execp[0]);

  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  fcntl(outp[0], F_SETFL, O_NONBLOCK);
  fcntl(errp[0], F_SETFL, O_NONBLOCK);

  size_t outcap = 0, errcap = 0;
  int out_open = 1, err_open = 1, reaped = 0, timed_out = 0, status = 0;
  double deadline = timeout_s > 0 ? start + timeout_s : 0;
  double idle_s = sp->idle_s; /* > 0: a silent stdout times out too */
  double last_out = start;    /* when stdout last grew */
  double drain_deadline = 0;
  double grace_deadline = 0; /* the group is killed when this passes */

  while (out_open || err_open || !reaped) {
    struct pollfd p[3];
    int n = 0, iout = -1, ierr = -1, ipid = -1;
    if (out_open)
      p[iout = n++] = (struct pollfd){.fd = outp[0], .events = POLLIN};
    if (err_open)
      p[ierr = n++] = (struct pollfd){.fd = errp[0], .events = POLLIN};
    if (!reaped && pidfd >= 0)
      p[ipid = n++] = (struct pollfd){.fd = pidfd, .events = POLLIN};

    int wait_ms = -1;
    double t = now_s();
    if (!reaped && deadline > 0)
      wait_ms = deadline > t ? (int)((deadline - t) * 1000) + 1 : 0;
    if (!reaped && idle_s > 0) {
      double idle_end = last_out + idle_s;
      int ms = idle_end > t ? (int)((idle_end - t) * 1000) + 1 : 0;
      if (wait_ms < 0 || ms < wait_ms)
        wait_ms = ms;
    }
    if (reaped && drain_deadline > 0)
      wait_ms = drain_deadline > t ? (int)((drain_deadline - t) * 1000) + 1 : 0;
    if (reaped && grace_deadline > 0)
      wait_ms = grace_deadline > t ? (int)((grace_deadline - t) * 1000) + 1 : 0;
    if (!reaped && pidfd < 0 && (wait_ms < 0 || wait_ms > FALLBACK_TICK_MS))
      wait_ms = FALLBACK_TICK_MS;

    int ready = poll(p, (nfds_t)n, wait_ms);
    if (ready < 0 && errno != EINTR)
      break;
    if (iout >= 0 && (p[iout].revents & (POLLIN | POLLHUP | POLLERR))) {
      size_t before = r->out.len;
      if (drain_some(outp[0], &r->out, &outcap) != 0)
        out_open = 0;
      if (r->out.len != before)
        last_out = now_s();
    }
    if (ierr >= 0 && (p[ierr].revents & (POLLIN | POLLHUP | POLLERR)))
      if (drain_some(errp[0], &r->err, &errcap) != 0)
        err_open = 0;

    if (!reaped) {
      pid_t w = waitpid(pid, &status, WNOHANG);
      if (w == pid) {
        reaped = 1;
        r->seconds = now_s() - start;
        if (grace_s > 0) {
          grace_deadline = now_s() + grace_s;
        } else {
          /* Leftovers in the group would hold the pipes open forever. */
          kill_group(pid);
          r->escaped += sweep_orphans(pid);
          drain_deadline = now_s() + ESCAPED_DRAIN_MS / 1000.0;
        }
      } else if ((deadline > 0 && now_s() >= deadline) ||
                 (idle_s > 0 && now_s() >= last_out + idle_s)) {
        timed_out = 1;
        kill_group(pid);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
          ;
        r->escaped += sweep_orphans(pid);
        reaped = 1;
        r->seconds = now_s() - start;
        drain_deadline = now_s() + ESCAPED_DRAIN_MS / 1000.0;
      }
    } else if (grace_deadline > 0 && now_s() >= grace_deadline) {
      grace_deadline = 0; /* the group had its time: end it, then drain */
      kill_group(pid);
      r->escaped += sweep_orphans(pid);
      drain_deadline = now_s() + ESCAPED_DRAIN_MS / 1000.0;
    } else if (drain_deadline > 0 && now_s() >= drain_deadline) {
      break; /* a process outside the group holds the pipes: stop waiting */
    }
  }
  if (!reaped) { /* poll failed hard: do not leave the child behind */
    kill_group(pid);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
    r->seconds = now_s() - start;
  }
  r->escaped += sweep_orphans(pid); /* whatever is left, after the drain */
  if (pidfd >= 0)
    close(pidfd);
  close(outp[0]);
  close(errp[0]);
  ensure_terminated(&r->out);
  ensure_terminated(&r->err);

  if (got == (ssize_t)sizeof exec_errno && exec_errno != 0) {
    r->end = RUN_FAILED;
    set_error(r, "cannot run %s: %s", argv[0], strerror(exec_errno));
  } else if (timed_out) {
    r->end = RUN_TIMED_OUT;
  } else if (WIFSIGNALED(status)) {
    r->end = RUN_SIGNALED;
    r->code = WTERMSIG(status);
  } else {
    r->end = RUN_EXITED;
    r->code = WEXITSTATUS(status);
  }
  return 0;
}
