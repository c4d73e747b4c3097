/* kdiff-ref-trace OUT PROGRAM [ARG...]: run PROGRAM under ptrace and write
 * its syscall trace to OUT as JSONL schema v1 (docs/trace.md), the format
 * the library OS writes: a boot record, then for every task (fork, vfork,
 * clone and exec followed) syscall_entry (six raw args, str for the list's
 * str arguments) and syscall_exit (ret, errno name), signal (name, si_code
 * name) at each delivery, and exit once per process (status or signal).
 * Exits with the program's status, or dies of the signal that killed it.
 *
 * Built per arch with the syscall table generated from
 * linux_shim/syscalls.list (SYSCALLS_INC) and cli/errno_names.c. Uses
 * PTRACE_GET_SYSCALL_INFO (Linux 5.3+), so no register layout per arch. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errno_names.h"

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif

/* The kernel's struct ptrace_syscall_info (uapi linux/ptrace.h). */
struct sysinfo_k {
  uint8_t op; /* 1 entry, 2 exit, 3 seccomp */
  uint8_t pad[3];
  uint32_t arch;
  uint64_t ip, sp;
  union {
    struct {
      uint64_t nr, args[6];
    } entry;
    struct {
      int64_t rval;
      uint8_t is_error;
    } exit;
  };
};

/* AUDIT_ARCH_X86_64 / AUDIT_ARCH_AARCH64 (linux/audit.h). */
#if defined(__x86_64__)
#define NATIVE_AUDIT_ARCH 0xc000003eu
#elif defined(__aarch64__)
#define NATIVE_AUDIT_ARCH 0xc00000b7u
#else
#error "kdiff-ref-trace: x86-64 or arm64 only"
#endif

static const struct {
  int nr;
  const char *name, *kinds;
} calls[] = {
#define SYSCALL(nr, name, nargs, kinds) {nr, #name, kinds},
#include SYSCALLS_INC
#undef SYSCALL
};

static const char *call_name(long nr, const char **kinds) {
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
    if (calls[i].nr == nr) {
      *kinds = calls[i].kinds;
      return calls[i].name;
    }
  *kinds = "";
  return NULL;
}

static const char *const sig_names[] = {
    NULL,      "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",    "SIGTRAP",
    "SIGABRT", "SIGBUS",  "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV",
    "SIGUSR2", "SIGPIPE", "SIGALRM",   "SIGTERM", "SIGSTKFLT", "SIGCHLD",
    "SIGCONT", "SIGSTOP", "SIGTSTP",   "SIGTTIN", "SIGTTOU",   "SIGURG",
    "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",  "SIGIO",
    "SIGPWR",  "SIGSYS"};

/* strace's spelling: SIGRTMIN, SIGRT_n. */
static const char *sig_name(int s, char *buf, size_t n) {
  if (s > 0 && s < 32)
    return sig_names[s];
  if (s == 32)
    return "SIGRTMIN";
  snprintf(buf, n, s > 32 && s <= 64 ? "SIGRT_%d" : "SIG%d",
           s > 32 ? s - 32 : s);
  return buf;
}

/* si_code names as strace prints them; others as a decimal string. */
static const char *code_name(int sig, int code, char *buf, size_t n) {
  static const struct {
    int sig, code;
    const char *name;
  } t[] = {
      {0, 0, "SI_USER"},           {0, 0x80, "SI_KERNEL"},
      {0, -1, "SI_QUEUE"},         {0, -2, "SI_TIMER"},
      {0, -3, "SI_MESGQ"},         {0, -4, "SI_ASYNCIO"},
      {0, -5, "SI_SIGIO"},         {0, -6, "SI_TKILL"},
      {SIGSEGV, 1, "SEGV_MAPERR"}, {SIGSEGV, 2, "SEGV_ACCERR"},
      {SIGSEGV, 4, "SEGV_PKUERR"}, {SIGILL, 1, "ILL_ILLOPC"},
      {SIGILL, 2, "ILL_ILLOPN"},   {SIGILL, 5, "ILL_PRVOPC"},
      {SIGFPE, 1, "FPE_INTDIV"},   {SIGFPE, 3, "FPE_FLTDIV"},
      {SIGBUS, 1, "BUS_ADRALN"},   {SIGBUS, 2, "BUS_ADRERR"},
      {SIGTRAP, 1, "TRAP_BRKPT"},  {SIGTRAP, 2, "TRAP_TRACE"},
      {SIGCHLD, 1, "CLD_EXITED"},  {SIGCHLD, 2, "CLD_KILLED"},
      {SIGCHLD, 3, "CLD_DUMPED"},  {SIGCHLD, 4, "CLD_TRAPPED"},
      {SIGCHLD, 5, "CLD_STOPPED"}, {SIGCHLD, 6, "CLD_CONTINUED"},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if ((t[i].sig == 0 || t[i].sig == sig) && t[i].code == code)
      return t[i].name;
  snprintf(buf, n, "%d", code);
  return buf;
}

static FILE *out;
static unsigned long seq;
/* The trace starts where the library OS's does, at the program's first
 * instruction: the tracer's own child's calls up to its exec are left out. */
static int started;

/* A JSON string of n bytes: quote, backslash, control and high bytes
 * escaped as docs/trace.md says (\u00XX: the code point is the byte). */
static void put_str(const char *s, size_t n) {
  fputc('"', out);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      fprintf(out, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f)
      fprintf(out, "\\u%04x", c);
    else
      fputc(c, out);
  }
  fputc('"', out);
}

/* The C string at addr in tid, at most 4096 bytes; *cut when no NUL came.
 * Returns its length, or -1 when nothing could be read. */
static long read_str(pid_t tid, uint64_t addr, char *buf, int *cut) {
  size_t got = 0;
  *cut = 0;
  while (got < 4096) {
    /* Page by page, so a string ending before an unmapped page reads. */
    size_t room = 4096 - ((addr + got) & 4095);
    if (room > 4096 - got)
      room = 4096 - got;
    struct iovec l = {buf + got, room},
                 r = {(void *)(uintptr_t)(addr + got), room};
    ssize_t n = process_vm_readv(tid, &l, 1, &r, 1, 0);
    if (n <= 0)
      return got ? (long)got : -1;
    char *z = memchr(buf + got, 0, (size_t)n);
    if (z)
      return z - buf;
    got += (size_t)n;
  }
  *cut = 1;
  return 4096;
}

typedef struct task {
  pid_t tid;
  pid_t tgid; /* its process, read when it was first seen */
  long nr;    /* the call it is in, -1 between calls */
  int compat; /* that call is another ABI's (int 0x80 on x86-64) */
  int seen;   /* its first stop (the attach SIGSTOP) has been taken */
} task;

static task tasks[4096];
static size_t ntasks;
static pid_t tgid_of(pid_t tid);

static task *task_of(pid_t tid) {
  for (size_t i = 0; i < ntasks; i++)
    if (tasks[i].tid == tid)
      return &tasks[i];
  if (ntasks == sizeof tasks / sizeof tasks[0])
    return &tasks[0]; /* out of slots: share one, the trace stays valid */
  tasks[ntasks] = (task){.tid = tid, .tgid = tgid_of(tid), .nr = -1};
  return &tasks[ntasks++];
}

/* What delivering sig to tid does, as the library OS's signal record says
 * it (docs/trace.md): handler, ignore, terminate, core, stop, or NULL for
 * a signal ignored by default, which the library OS does not record. */
static const char *action_of(pid_t tid, int sig) {
  char path[64], line[256];
  unsigned long long ign = 0, cgt = 0;
  snprintf(path, sizeof path, "/proc/%d/status", tid);
  FILE *f = fopen(path, "re");
  while (f && fgets(line, sizeof line, f)) {
    if (!strncmp(line, "SigIgn:", 7))
      ign = strtoull(line + 7, NULL, 16);
    else if (!strncmp(line, "SigCgt:", 7))
      cgt = strtoull(line + 7, NULL, 16);
  }
  if (f)
    fclose(f);
  unsigned long long bit = 1ull << (sig - 1);
  if (sig != SIGKILL && sig != SIGSTOP) {
    if (cgt & bit)
      return "handler";
    if (ign & bit)
      return NULL;
  }
  switch (sig) {
  case SIGCHLD:
  case SIGURG:
  case SIGWINCH:
  case SIGCONT:
    return NULL;
  case SIGSTOP:
  case SIGTSTP:
  case SIGTTIN:
  case SIGTTOU:
    return "stop";
  case SIGQUIT:
  case SIGILL:
  case SIGTRAP:
  case SIGABRT:
  case SIGBUS:
  case SIGFPE:
  case SIGSEGV:
  case SIGXCPU:
  case SIGXFSZ:
  case SIGSYS:
    return "core";
  default:
    return "terminate";
  }
}

/* The thread group of tid (its pid). */
static pid_t tgid_of(pid_t tid) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", tid);
  FILE *f = fopen(path, "re");
  pid_t pid = tid;
  while (f && fgets(line, sizeof line, f))
    if (!strncmp(line, "Tgid:", 5)) {
      pid = atoi(line + 5);
      break;
    }
  if (f)
    fclose(f);
  return pid;
}

static void syscall_stop(pid_t tid, task *t) {
  struct sysinfo_k si;
  memset(&si, 0, sizeof si);
  if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof si, &si) <= 0)
    return;
  pid_t pid = t->tgid;
  const char *kinds;
  if (!started)
    return;
  if (si.op == 2 && t->nr == -2) { /* the exit of the exec that started it */
    t->nr = -1;
    return;
  }
  if (si.op == 1) {
    t->nr = (long)si.entry.nr;
    /* Another ABI's number (i386 through int 0x80): no name from this
     * arch's table (a known limit: strace names it from i386's). */
    t->compat = si.arch != NATIVE_AUDIT_ARCH;
    const char *name = t->compat ? NULL : call_name(t->nr, &kinds);
    if (t->compat)
      kinds = "";
    fprintf(out,
            "{\"ev\":\"syscall_entry\",\"seq\":%lu,\"pid\":%d,\"tid\":%d,"
            "\"nr\":%ld",
            seq++, pid, tid, t->nr);
    if (name)
      fprintf(out, ",\"name\":\"%s\"", name);
    fputs(",\"args\":[", out);
    for (int i = 0; i < 6; i++)
      fprintf(out, "%s\"0x%llx\"", i ? "," : "",
              (unsigned long long)si.entry.args[i]);
    fputc(']', out);
    /* str arguments: the kinds are "fd,str,..." in argument order. */
    int first = 1, cuts = 0, cut_at[6];
    char k[128];
    snprintf(k, sizeof k, "%s", kinds);
    int ai = 0;
    for (char *p = strtok(k, ","); p && ai < 6; p = strtok(NULL, ","), ai++) {
      if (strcmp(p, "str") || !si.entry.args[ai])
        continue;
      static char sbuf[4097];
      int cut;
      long n = read_str(tid, si.entry.args[ai], sbuf, &cut);
      if (n < 0)
        continue;
      fprintf(out, "%s\"%d\":", first ? ",\"str\":{" : ",", ai);
      put_str(sbuf, (size_t)n);
      first = 0;
      if (cut)
        cut_at[cuts++] = ai;
    }
    if (!first)
      fputc('}', out);
    if (cuts) {
      fputs(",\"str_cut\":[", out);
      for (int i = 0; i < cuts; i++)
        fprintf(out, "%s%d", i ? "," : "", cut_at[i]);
      fputc(']', out);
    }
    fputs("}\n", out);
  } else if (si.op == 2) {
    const char *name = t->compat ? NULL : call_name(t->nr, &kinds);
    fprintf(
        out,
        "{\"ev\":\"syscall_exit\",\"seq\":%lu,\"pid\":%d,\"tid\":%d,\"nr\":%ld",
        seq++, pid, tid, t->nr);
    if (name)
      fprintf(out, ",\"name\":\"%s\"", name);
    fprintf(out, ",\"ret\":%lld", (long long)si.exit.rval);
    const char *e = si.exit.is_error ? errno_name(si.exit.rval) : NULL;
    if (e)
      fprintf(out, ",\"errno\":\"%s\"", e);
    fputs("}\n", out);
    t->nr = -1;
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: kdiff-ref-trace OUT PROGRAM [ARG...]\n");
    return 2;
  }
  out = fopen(argv[1], "we");
  if (!out) {
    perror(argv[1]);
    return 2;
  }
  /* A line at a time: a tracer killed at the time limit leaves every
   * record up to the hang. */
  setvbuf(out, NULL, _IOLBF, 0);
  pid_t child = fork();
  if (child < 0) {
    perror("fork");
    return 2;
  }
  if (child == 0) {
    fclose(out);
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    raise(SIGSTOP); /* the tracer sets its options before the exec */
    extern char **environ;
    execve(argv[2], argv + 2, environ);
    _exit(127);
  }
  int st;
  waitpid(child, &st, 0);
  ptrace(PTRACE_SETOPTIONS, child, 0,
         PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
             PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
  task_of(child)->seen = 1;
  fprintf(out,
          "{\"ev\":\"boot\",\"v\":1,\"arch\":\"%s\",\"cmdline\":"
          "\"debug=syscall,signal\",\"tracer\":\"kdiff-ref-trace\"}\n",
          TRACE_ARCH);
  ptrace(PTRACE_SYSCALL, child, 0, 0);
  int result = 0;
  for (;;) {
    pid_t tid = waitpid(-1, &st, __WALL);
    if (tid < 0) {
      if (errno == EINTR)
        continue;
      break; /* no tracee left */
    }
    task *t = task_of(tid);
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
      /* A thread's end is not a process's: only the leader's wait status
       * is the process's (the others' exits are reported as exits too,
       * but with their tid != pid, which the schema does not know). */
      if (t->tgid == tid) {
        char b[16];
        if (WIFEXITED(st))
          fprintf(out,
                  "{\"ev\":\"exit\",\"seq\":%lu,\"pid\":%d,\"status\":%d}\n",
                  seq++, tid, WEXITSTATUS(st));
        else
          fprintf(
              out,
              "{\"ev\":\"exit\",\"seq\":%lu,\"pid\":%d,\"signal\":\"%s\"%s}\n",
              seq++, tid, sig_name(WTERMSIG(st), b, sizeof b),
              WCOREDUMP(st) ? ",\"core\":true" : "");
      }
      if (tid == child)
        result = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      t->tid = -1;
      continue;
    }
    if (!WIFSTOPPED(st))
      continue;
    int sig = WSTOPSIG(st), inject = 0;
    if (sig == (SIGTRAP | 0x80)) {
      syscall_stop(tid, t);
    } else if (st >> 16) {
      /* fork/vfork/clone/exec event: the new task is traced already. */
      if ((st >> 16) == PTRACE_EVENT_EXEC && !started) {
        started = 1;
        t->nr = -2;
      } else if ((st >> 16) != PTRACE_EVENT_EXEC) {
        unsigned long nt;
        ptrace(PTRACE_GETEVENTMSG, tid, 0, &nt);
        task_of((pid_t)nt);
      }
    } else if (!t->seen && sig == SIGSTOP) {
      t->seen = 1; /* a new tracee's attach stop, not the program's */
    } else {
      siginfo_t si;
      if (ptrace(PTRACE_GETSIGINFO, tid, 0, &si) == 0) {
        char b1[16], b2[16];
        const char *act = started ? action_of(tid, sig) : NULL;
        /* A signal its disposition ignores is discarded before delivery
         * unless traced: not recorded, as the library OS records none. */
        if (act)
          fprintf(out,
                  "{\"ev\":\"signal\",\"seq\":%lu,\"pid\":%d,\"tid\":%d,"
                  "\"sig\":\"%s\",\"code\":\"%s\",\"addr\":\"0x%llx\","
                  "\"action\":\"%s\"}\n",
                  seq++, t->tgid, tid, sig_name(sig, b1, sizeof b1),
                  code_name(sig, si.si_code, b2, sizeof b2),
                  (unsigned long long)(uintptr_t)si.si_addr, act);
        inject = sig;
      } /* else a group-stop: resume it */
    }
    t->seen = 1;
    ptrace(PTRACE_SYSCALL, tid, 0, inject);
  }
  fclose(out);
  if (result > 128) { /* die as the program died, so our parent sees it */
    signal(result - 128, SIG_DFL);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    kill(getpid(), result - 128);
  }
  return result;
}
