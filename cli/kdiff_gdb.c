/* kdiff --gdb / --gdb-server (contract in kdiff_gdb.h). */
#define _GNU_SOURCE /* setpgid, kill with a group */
#include "kdiff_gdb.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

/* Seconds QEMU has to create its gdb socket. */
#define SOCKET_WAIT_S 10.0

static int fail(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
  return 2;
}

static volatile sig_atomic_t qemu_group; /* for the signal handler */

static void pass_on(int sig) {
  if (qemu_group > 0)
    kill(-(pid_t)qemu_group, SIGKILL);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Starts argv in a process group of its own, stdin from /dev/null. */
static pid_t spawn(char *const *argv) {
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    int fd = open("/dev/null", O_RDONLY);
    if (fd >= 0) {
      dup2(fd, 0);
      close(fd);
    }
    execvp(argv[0], argv);
    fprintf(stderr, "kdiff: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  if (pid > 0)
    setpgid(pid, pid); /* also here: no race with the kill below */
  return pid;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Waits until QEMU has made its socket (0), or has ended or taken too
 * long (-1). Polling: QEMU says nothing when it is listening. */
static int wait_socket(pid_t qemu, const char *sock) {
  double until = now() + SOCKET_WAIT_S;
  struct timespec tick = {0, 10 * 1000 * 1000};
  while (now() < until) {
    struct stat st;
    if (stat(sock, &st) == 0 && S_ISSOCK(st.st_mode))
      return 0;
    if (waitpid(qemu, NULL, WNOHANG) == qemu)
      return -1;
    nanosleep(&tick, NULL);
  }
  return -1;
}

int kdiff_gdb(const struct kdiff_gdb_opts *o, char *err, size_t errlen) {
  struct kdiff_run_opts ro = *o->run;
  ro.need_linux = false;
  ro.need_libos = true;
  struct kdiff_paths p = {0};
  if (kdiff_locate(&ro, &p, err, errlen))
    return 2;
  char sock[4200], gdbspec[4300], console[4200], trace[4200];
  snprintf(sock, sizeof sock, "%s/gdb.sock", p.dir);
  snprintf(gdbspec, sizeof gdbspec, "unix:%s,server,nowait", sock);
  snprintf(console, sizeof console, "%s/libos.console", p.dir);
  snprintf(trace, sizeof trace, "%s/libos.jsonl", p.dir);
  char cmdline[1024];
  if (kdiff_image_cmdline(&ro, NULL, cmdline, sizeof cmdline, err, errlen))
    return 2;
  if (strcmp(o->run->accel, "kvm") == 0)
    fprintf(stderr, "kdiff: --gdb runs under TCG (breakpoints on KVM need "
                    "hardware help)\n");
  run_qemu_opts qo = {.template_file = p.qemu_args,
                      .image = p.image,
                      .cmdline = cmdline, /* --env words too */
                      .console_file = console,
                      .trace_file = trace,
                      .accel = RUN_ACCEL_TCG};
  char **qargv;
  if (run_qemu_argv(&qo, &qargv, err, errlen))
    return 2;
  size_t qn = 0;
  while (qargv[qn])
    qn++;
  char **full = calloc(qn + 4, sizeof *full);
  if (!full)
    abort();
  memcpy(full, qargv, qn * sizeof *full);
  full[qn] = "-S";
  full[qn + 1] = "-gdb";
  full[qn + 2] = gdbspec;

  /* The gdb command: the kernel's symbols (the image), then the payload's
   * at the addresses its ELF gives (ET_EXEC: no load offset). */
  char ex_file[4300], ex_add[4300], ex_target[4300];
  snprintf(ex_file, sizeof ex_file, "file %s", p.image);
  snprintf(ex_add, sizeof ex_add, "add-symbol-file %s", p.payload);
  snprintf(ex_target, sizeof ex_target, "target remote %s", sock);
  const char *base[] = {
      "gdb-multiarch", "-q",   "-ex", "set confirm off", "-ex", ex_file,
      "-ex",           ex_add, "-ex", "set confirm on",  "-ex", ex_target};
  size_t nb = sizeof base / sizeof base[0];
  char **gargv = calloc(nb + (size_t)o->ngdb_args + 1, sizeof *gargv);
  if (!gargv)
    abort();
  for (size_t i = 0; i < nb; i++)
    gargv[i] = (char *)base[i];
  for (int i = 0; i < o->ngdb_args; i++)
    gargv[nb + (size_t)i] = o->gdb_args[i];
  char cmd[16384] = "";
  for (size_t i = 0; gargv[i]; i++)
    kdiff_shell_word(cmd, sizeof cmd, gargv[i]);

  pid_t qemu = spawn(full);
  int rc = 0;
  if (qemu < 0) {
    rc = fail(err, errlen, "cannot start %s: %s", full[0], strerror(errno));
    goto out;
  }
  qemu_group = qemu;
  signal(SIGTERM, pass_on);
  signal(SIGHUP, pass_on);
  if (wait_socket(qemu, sock)) {
    kill(-qemu, SIGKILL);
    waitpid(qemu, NULL, 0);
    rc = fail(err, errlen, "QEMU (%s) did not open its gdb socket %s", full[0],
              sock);
    goto out;
  }
  fprintf(stderr,
          "kdiff: %s (%s) is halted at its first instruction, gdbstub on %s\n"
          "kdiff: program output goes to %s, the trace to %s (KDIFF_KEEP=1 "
          "keeps them)\n",
          p.image, ro.arch, sock, console, trace);
  if (o->serve_only) {
    signal(SIGINT, pass_on);
    printf("%s\n", cmd);
    fflush(stdout);
    while (waitpid(qemu, NULL, 0) < 0 && errno == EINTR)
      ;
    fprintf(stderr, "kdiff: QEMU has ended\n");
    goto out;
  }
  fprintf(stderr, "kdiff: %s\n", cmd);
  /* gdb owns the terminal; ^C is for it to stop the guest, not for us. */
  signal(SIGINT, SIG_IGN);
  pid_t gdb = fork();
  if (gdb == 0) {
    signal(SIGINT, SIG_DFL);
    execvp(gargv[0], gargv);
    fprintf(stderr,
            "kdiff: cannot run %s: %s (apt-get install gdb-multiarch)\n",
            gargv[0], strerror(errno));
    _exit(127);
  }
  int st = 0;
  while (gdb > 0 && waitpid(gdb, &st, 0) < 0 && errno == EINTR)
    ;
  kill(-qemu, SIGKILL);
  waitpid(qemu, NULL, 0);
  signal(SIGINT, SIG_DFL);
  if (gdb < 0)
    rc = fail(err, errlen, "cannot start gdb: %s", strerror(errno));
  else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
    rc = fail(err, errlen,
              "gdb-multiarch did not run (apt-get install gdb-multiarch)");
  else
    rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
out:
  qemu_group = 0;
  if (getenv("KDIFF_KEEP"))
    fprintf(stderr, "kdiff: console, trace and socket kept in %s\n", p.dir);
  else
    kdiff_remove_dir(p.dir);
  free(gargv);
  free(full);
  run_argv_free(qargv);
  return rc;
}
