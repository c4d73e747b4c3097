/* wait4 and waitid: which children qualify, what they report (exit,
 * stop, continue), reaping, and blocking until one does. Checks in
 * kernel/exit.c's order. */
#include <libos/kstring.h>
#include <libos/pidfd.h>
#include <libos/proc.h>
#include <libos/sched.h>
#include <libos/uaccess.h>
#include <libos/wait.h>
#include <libos/wstatus.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/io.h>
#include <uapi/signal.h>

#define WNOHANG 0x1
#define WSTOPPED 0x2 /* WUNTRACED */
#define WEXITED 0x4
#define WCONTINUED 0x8
#define WNOWAIT 0x01000000
#define WNOTHREAD 0x20000000
#define WALL 0x40000000
#define WCLONE 0x80000000U

enum { P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3 };

struct wait_query {
  struct proc *self;
  int type, id;
  unsigned options;
  uint64_t serial; /* P_PIDFD: which process of pid `id` (0: any) */
};

/* What a child reports. */
struct report {
  struct proc *child;
  int pid;
  int wstatus;      /* wait4's word */
  int code, status; /* waitid's si_code and si_status */
  uint64_t utime_ns, stime_ns;
  struct ru_counts counts; /* the child's and its reaped children's */
};

static bool eligible(const struct wait_query *q, const struct proc *c) {
  if (c->parent != q->self || c->reaped)
    return false;
  if (q->type == P_PID && c->pid != q->id)
    return false;
  if (q->serial && c->serial != q->serial)
    return false;
  if (q->type == P_PGID && c->pgid != q->id)
    return false;
  /* A "clone" child signals something other than SIGCHLD at death. */
  if (q->options & WALL)
    return true;
  bool clone_child = c->exit_signal != SIGCHLD;
  return clone_child == !!(q->options & WCLONE);
}

/* Look for a reportable child. Returns 1 (filled *r), 0 (children, none
 * ready) or -ECHILD. With `consume`, the report is taken (zombie reaped,
 * stop/continue flag cleared) unless WNOWAIT. */
static int scan(const struct wait_query *q, struct report *r, bool consume) {
  bool any = false;
  bool keep = !consume || (q->options & WNOWAIT);
  for (struct proc *c = proc_list(); c; c = c->next) {
    if (!eligible(q, c))
      continue;
    any = true;
    if (c->state == PROC_ZOMBIE && (q->options & WEXITED)) {
      if (r)
        /* The reaped child's times include those of its reaped
         * children (wait4's rusage is Linux's RUSAGE_BOTH). */
        *r = (struct report){c,
                             c->pid,
                             c->wstatus,
                             wstatus_cld_code(c->wstatus),
                             wstatus_cld_status(c->wstatus),
                             proc_user_ns(c) + c->child_user_ns,
                             proc_sys_ns(c) + c->child_sys_ns,
                             {c->counts.minflt + c->child_counts.minflt,
                              c->counts.nvcsw + c->child_counts.nvcsw,
                              c->counts.nivcsw + c->child_counts.nivcsw}};
      if (!keep)
        proc_reap(c); /* c is freed: nothing of it is used below */
      return 1;
    }
    if (c->state != PROC_ALIVE)
      continue;
    if (c->report_stop && (q->options & WSTOPPED)) {
      if (r)
        *r = (struct report){c,
                             c->pid,
                             wstatus_stopped(c->stop_sig),
                             LINUX_CLD_STOPPED,
                             c->stop_sig,
                             proc_user_ns(c),
                             proc_sys_ns(c),
                             c->counts};
      if (!keep)
        c->report_stop = false;
      return 1;
    }
    if (c->report_cont && (q->options & WCONTINUED)) {
      if (r)
        *r = (struct report){
            c,       c->pid,          WSTATUS_CONTINUED, LINUX_CLD_CONTINUED,
            SIGCONT, proc_user_ns(c), proc_sys_ns(c),    c->counts};
      if (!keep)
        c->report_cont = false;
      return 1;
    }
  }
  return any ? 0 : -ECHILD;
}

static bool child_ready(void *arg) {
  return scan(arg, 0, false) != 0;
}

/* Find (and wait for, unless WNOHANG) a report. 1, 0 (WNOHANG, nothing
 * yet), or a negative errno. */
static long do_wait(struct wait_query *q, struct report *r) {
  for (;;) {
    int n = scan(q, r, true);
    if (n != 0 || (q->options & WNOHANG))
      return n;
    if (wait_event(child_ready, q, WAIT_FOREVER) == WAIT_SIGNAL)
      return -ERESTARTSYS;
  }
}

static int put_rusage(uint64_t uaddr, const struct report *r) {
  struct linux_rusage ru;
  memset(&ru, 0, sizeof ru);
  if (r) {
    ru.utime.sec = (int64_t)(r->utime_ns / 1000000000);
    ru.utime.usec = (int64_t)(r->utime_ns % 1000000000 / 1000);
    ru.stime.sec = (int64_t)(r->stime_ns / 1000000000);
    ru.stime.usec = (int64_t)(r->stime_ns % 1000000000 / 1000);
    ru.minflt = (int64_t)r->counts.minflt;
    ru.nvcsw = (int64_t)r->counts.nvcsw;
    ru.nivcsw = (int64_t)r->counts.nivcsw;
  }
  return copy_to_user(current_proc()->mm, uaddr, &ru, sizeof ru) ? -EFAULT : 0;
}

SYSCALL_DEFINE(wait4) {
  int64_t upid = (int32_t)a0;
  unsigned options = (unsigned)a2;
  if (options &
      ~(unsigned)(WNOHANG | WSTOPPED | WCONTINUED | WNOTHREAD | WCLONE | WALL))
    return -EINVAL;
  if (upid == INT32_MIN) /* -INT_MIN overflows */
    return -ESRCH;
  struct proc *self = current_proc();
  struct wait_query q = {self, P_ALL, 0, options | WEXITED, 0};
  if (upid < -1) {
    q.type = P_PGID;
    q.id = (int)-upid;
  } else if (upid == 0) {
    q.type = P_PGID;
    q.id = self->pgid;
  } else if (upid > 0) {
    q.type = P_PID;
    q.id = (int)upid;
  }
  struct report r;
  long n = do_wait(&q, &r);
  if (n <= 0)
    return n;
  int32_t st = r.wstatus;
  if (a1 && copy_to_user(self->mm, a1, &st, sizeof st))
    return -EFAULT;
  if (a3 && put_rusage(a3, &r))
    return -EFAULT;
  return r.pid;
}

/* Linux's kernel_waitid: the checks, the selection (P_PIDFD: the pidfd's
 * process, which must be a child; O_NONBLOCK on it is WNOHANG, and
 * EAGAIN when the caller did not ask for WNOHANG), and the wait. 1 with
 * *r, 0 (nothing yet) or a negative errno. */
static long kernel_waitid(struct proc *self, int64_t which, int64_t upid,
                          unsigned options, struct report *r) {
  if (options & ~(unsigned)(WNOHANG | WNOWAIT | WEXITED | WSTOPPED |
                            WCONTINUED | WNOTHREAD | WCLONE | WALL))
    return -EINVAL;
  if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
    return -EINVAL;
  struct wait_query q = {self, (int)which, (int)upid, options, 0};
  bool nonblock = false;
  switch (which) {
  case P_ALL:
    break;
  case P_PID:
    if (upid <= 0)
      return -EINVAL;
    break;
  case P_PGID:
    if (upid < 0)
      return -EINVAL;
    if (upid == 0)
      q.id = self->pgid;
    break;
  case P_PIDFD: {
    if (upid < 0)
      return -EINVAL;
    struct file *f = fd_get_pidfd(self->fds, upid);
    if (!f)
      return -EBADF;
    struct proc *p = pidfd_proc(f);
    q.type = P_PID;
    q.id = p ? p->pid : 0; /* reaped: nothing qualifies (ECHILD) */
    q.serial = p ? p->serial : 0;
    nonblock = (f->flags & LINUX_O_NONBLOCK) != 0;
    if (nonblock)
      q.options |= WNOHANG;
    break;
  }
  default:
    return -EINVAL;
  }
  long n = do_wait(&q, r);
  if (n == 0 && nonblock && !(options & WNOHANG))
    return -EAGAIN;
  return n;
}

SYSCALL_DEFINE(waitid) {
  struct proc *self = current_proc();
  struct report r;
  long n = kernel_waitid(self, (int32_t)a0, (int32_t)a1, (unsigned)a3, &r);
  if (n > 0 && a4 && put_rusage(a4, &r))
    return -EFAULT;
  if (!a2)
    return n < 0 ? n : 0;
  /* The fields Linux writes, also when nothing was found (WNOHANG) or the
   * call failed: zeros then. */
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  if (n > 0) {
    si.signo = SIGCHLD;
    si.code = r.code;
    si.u.chld.pid = r.pid;
    si.u.chld.status = r.status;
  }
  if (copy_to_user(self->mm, a2, &si, 28))
    return -EFAULT;
  return n < 0 ? n : 0;
}
