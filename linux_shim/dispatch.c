/* A syscall from the saved frame to its handler and back, with the trace
 * records kdiff compares against strace; then signal delivery and the
 * restart rules (deliver.c) before user mode resumes. */
#include <linux_shim/entry.h>

#include <hal/time.h>
#include <libos/sched.h>
#include <libos/task.h>
#include <libos/trace.h>
#include <libos/uaccess.h>
#include <linux_shim/deliver.h>
#include <linux_shim/names.h>
#include <linux_shim/syscall_table.h>
#include <uapi/errno.h>

static bool is_error(long ret) {
  return ret < 0 && ret >= -MAX_ERRNO;
}

/* Kernel-internal results have names strace prints but no errno entry. */
static const char *error_name(long ret) {
  switch (-ret) {
  case ERESTARTSYS: return "ERESTARTSYS";
  case ERESTARTNOINTR: return "ERESTARTNOINTR";
  case ERESTARTNOHAND: return "ERESTARTNOHAND";
  case ERESTART_RESTARTBLOCK: return "ERESTART_RESTARTBLOCK";
  default: return linux_errno_name((int)-ret);
  }
}

/* The strings of the call's `str` arguments, for its entry record: read
 * like any user string (a bad pointer gives none, never a fault), at most
 * TRACE_STR_MAX bytes (without a NUL by then: the prefix, marked cut). Only
 * with debug=syscall. */
static const struct trace_strs *read_strs(const struct syscall_entry *e,
                                          const uint64_t a[6]) {
  static char buf[TRACE_STR_ARGS][TRACE_STR_MAX];
  static struct trace_strs ts;
  ts.n = 0;
  if (!e || !e->kinds)
    return &ts;
  unsigned i = 0;
  for (const char *k = e->kinds; *k && i < 6 && ts.n < TRACE_STR_ARGS; i++) {
    bool str = k[0] == 's' && k[1] == 't' && k[2] == 'r' &&
               (k[3] == ',' || k[3] == '\0');
    while (*k && *k != ',')
      k++;
    if (*k == ',')
      k++;
    if (!str || a[i] == 0)
      continue;
    char *b = buf[ts.n];
    long n = strncpy_from_user(current_proc()->mm, b, a[i], TRACE_STR_MAX);
    if (n == -EFAULT)
      continue;
    ts.idx[ts.n] = i;
    ts.s[ts.n] = b;
    ts.cut[ts.n] = n < 0; /* -ENAMETOOLONG: all TRACE_STR_MAX bytes read */
    ts.len[ts.n] = n < 0 ? TRACE_STR_MAX : (size_t)n;
    ts.n++;
  }
  return &ts;
}

void syscall_dispatch(struct hal_regs *r) {
  struct thread *t = current();
  struct proc *p = t->proc;
  long nr = (long)hal_regs_syscall_nr(r);
  uint64_t a[6];
  for (unsigned i = 0; i < 6; i++)
    a[i] = hal_regs_syscall_arg(r, i);

  const struct syscall_entry *e = syscall_lookup(nr);
  const char *name = e ? e->name : "unknown";
  bool traced = trace_enabled(TRACE_SYSCALL);
  int pid = p->pid;
  if (traced)
    trace_syscall_entry(pid, t->tid, nr, name, a, read_strs(e, a));

  t->sys_entry_ns = hal_clock_ns();
  t->sys_entry_cpu_ns = proc_cpu_ns(p);
  long ret;
  if (e && syscall_implemented(e)) {
    ret = e->fn(a[0], a[1], a[2], a[3], a[4], a[5]);
  } else {
    trace_unimplemented(pid, t->tid, nr, e ? e->name : 0);
    ret = -ENOSYS;
  }
  p->sys_ns += proc_cpu_ns(p) - t->sys_entry_cpu_ns; /* waits excluded */

  if (traced)
    trace_syscall_exit(pid, t->tid, nr, name, ret,
                       is_error(ret) ? error_name(ret) : 0);
  if (t->in_sigreturn) {
    /* The frame is the restored context; never restart it. */
    t->in_sigreturn = false;
    hal_regs_set_return(r, (uint64_t)ret);
    signal_deliver(r, false, 0);
    return;
  }
  signal_deliver(r, true, ret);
}
