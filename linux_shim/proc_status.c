/* /proc/<pid>/stat, status and statm, in the fields and formats of Linux
 * 6.18's fs/proc/array.c (do_task_stat, proc_pid_status, proc_pid_statm).
 * Major faults are 0 (nothing is paged in from a disk); the memory figures
 * come from the areas. */
#include <linux_shim/proc_format.h>
#include <linux_shim/proc_fs.h>

#include <abi.h>
#include <libos/fd.h>
#include <libos/kstring.h>
#include <uapi/errno.h>

#define TICK_NS 10000000ULL /* USER_HZ 100 */
#define KB(pages) ((unsigned long long)(pages)*4)

void proc_mem_counts(struct mm *mm, struct proc_mem *m) {
  memset(m, 0, sizeof *m);
  for (unsigned i = 0; i < mm->vmas->n; i++) {
    const struct vma *v = &mm->vmas->v[i];
    uint64_t pages = (v->end - v->start) / 4096;
    m->total += pages;
    if (vma_is_special(v))
      continue; /* Linux counts no RSS for the vDSO's special pages */
    uint64_t rss = vm_area_resident(mm, v);
    m->resident += rss;
    if (v->kind == VMA_SHARED)
      m->shmem += rss;
    else if (vma_is_file(v) || v->kind == VMA_PROGRAM)
      m->file += rss;
    else
      m->anon += rss;
    m->lazy += vm_area_lazy(mm, v);
    if (v->flags & VMA_F_LOCKED)
      m->locked += rss;
    if (v->flags & VMA_F_GROWSDOWN)
      m->stack += pages;
    else if ((v->prot & HAL_PROT_EXEC) && !(v->prot & HAL_PROT_WRITE))
      m->exec += pages;
  }
  m->data = vm_data_bytes(mm) / 4096;
}

/* The program's text and data, as exec's start_code..end_data: the
 * executable and the writable program areas. */
static void program_bounds(struct mm *mm, uint64_t b[4]) {
  memset(b, 0, 4 * sizeof b[0]);
  for (unsigned i = 0; i < mm->vmas->n; i++) {
    const struct vma *v = &mm->vmas->v[i];
    if (v->kind != VMA_PROGRAM)
      continue;
    int k = (v->prot & HAL_PROT_EXEC) ? 0 : (v->prot & HAL_PROT_WRITE) ? 2 : -1;
    if (k < 0)
      continue;
    if (!b[k] || v->start < b[k])
      b[k] = v->start;
    if (v->end > b[k + 1])
      b[k + 1] = v->end;
  }
}

/* The figures of p's address space (zeros for a zombie's). */
static struct mm *memory_of(struct proc *p, struct proc_mem *m, uint64_t b[4]) {
  struct mm *mm = proc_live_mm(p);
  memset(m, 0, sizeof *m);
  memset(b, 0, 4 * sizeof b[0]);
  if (mm) {
    proc_mem_counts(mm, m);
    program_bounds(mm, b);
  }
  return mm;
}

static char state_of(struct proc *p, struct thread *t) {
  if (p->state == PROC_ZOMBIE || !t)
    return 'Z';
  if (p->stopped)
    return 'T';
  return t->state == THREAD_WAITING ? 'S' : 'R';
}

static const char *state_name(char c) {
  switch (c) {
  case 'R':
    return "R (running)";
  case 'S':
    return "S (sleeping)";
  case 'T':
    return "T (stopped)";
  default:
    return "Z (zombie)";
  }
}

static linux_sigset_t caught(struct proc *p, bool ign) {
  linux_sigset_t set = 0;
  for (int i = 0; p->action && i < LINUX_NSIG; i++) {
    uint64_t h = p->action[i].handler;
    if (ign ? h == LINUX_SIG_IGN : (h != LINUX_SIG_IGN && h != LINUX_SIG_DFL))
      set |= 1ULL << i;
  }
  return set;
}

static int the_id(const struct procfs_where *w, struct proc *p) {
  return w->tid ? w->tid : p->pid;
}

int proc_show_stat(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  struct thread *t = procfs_thread(w);
  struct proc_mem m;
  uint64_t b[4];
  struct mm *mm = memory_of(p, &m, b);
  uint64_t sys = p->sys_ns, run = p->run_ns > sys ? p->run_ns : sys;
  seq_printf(s, "%d (%s) %c %d %d %d 0 -1 4194304 %llu %llu 0 0", the_id(w, p),
             p->name, state_of(p, t), p->parent ? p->parent->pid : 0, p->pgid,
             p->sid, (unsigned long long)p->counts.minflt,
             (unsigned long long)p->child_counts.minflt);
  seq_printf(s, " %llu %llu %llu %llu %d %d %d 0 %llu",
             (unsigned long long)((run - sys) / TICK_NS),
             (unsigned long long)(sys / TICK_NS),
             (unsigned long long)(p->child_user_ns / TICK_NS),
             (unsigned long long)(p->child_sys_ns / TICK_NS), 20 + p->nice,
             p->nice, p->nthreads, (unsigned long long)(p->start_ns / TICK_NS));
  seq_printf(s, " %llu %llu %llu", (unsigned long long)m.total * 4096,
             (unsigned long long)m.resident,
             (unsigned long long)p->rlim[LINUX_RLIMIT_RSS].cur);
  seq_printf(s, " %llu %llu %llu 0 0", (unsigned long long)b[0],
             (unsigned long long)b[1],
             (unsigned long long)(mm ? mm->start_stack : 0));
  linux_sigset_t pend = p->shared_pending.set | (t ? t->pending.set : 0);
  seq_printf(s, " %llu %llu %llu %llu 0 0 0 %d 0 %d %d 0 0 0",
             (unsigned long long)pend, (unsigned long long)(t ? t->blocked : 0),
             (unsigned long long)caught(p, true),
             (unsigned long long)caught(p, false), p->exit_signal,
             p->sched_prio, p->sched_policy & 0xff);
  if (mm)
    seq_printf(
        s, " %llu %llu %llu %llu %llu %llu %llu", (unsigned long long)b[2],
        (unsigned long long)b[3], (unsigned long long)mm->brk_start,
        (unsigned long long)mm->arg_start, (unsigned long long)mm->arg_end,
        (unsigned long long)mm->env_start, (unsigned long long)mm->env_end);
  else
    seq_printf(s, " 0 0 0 0 0 0 0");
  seq_printf(s, " %d\n", p->state == PROC_ZOMBIE ? p->wstatus : 0);
  return 0;
}

static void put_kb(struct seqbuf *s, const char *name, uint64_t pages) {
  seq_printf(s, "%s\t%8llu kB\n", name, KB(pages));
}

static void put_memory(struct seqbuf *s, struct mm *mm) {
  struct proc_mem m;
  proc_mem_counts(mm, &m);
  uint64_t b[4];
  program_bounds(mm, b);
  uint64_t exe = (b[1] - b[0]) / 4096;
  put_kb(s, "VmPeak:", m.total);
  put_kb(s, "VmSize:", m.total);
  put_kb(s, "VmLck:", vm_locked_bytes(mm) / 4096);
  put_kb(s, "VmPin:", 0);
  put_kb(s, "VmHWM:", m.resident);
  put_kb(s, "VmRSS:", m.resident);
  put_kb(s, "RssAnon:", m.anon);
  put_kb(s, "RssFile:", m.file);
  put_kb(s, "RssShmem:", m.shmem);
  put_kb(s, "VmData:", m.data);
  put_kb(s, "VmStk:", m.stack);
  put_kb(s, "VmExe:", exe);
  put_kb(s, "VmLib:", m.exec > exe ? m.exec - exe : 0);
  /* One page-table page per 2 MiB of resident memory and the top levels:
   * an estimate, the tables are the HAL's. */
  put_kb(s, "VmPTE:", 3 + m.resident / 512);
  put_kb(s, "VmSwap:", 0);
  seq_printf(s, "HugetlbPages:\t%8u kB\n", 0);
  seq_printf(s, "CoreDumping:\t0\nTHP_enabled:\t1\n");
  if (LINUX_STATUS_UNTAG_MASK)
    seq_printf(s, "untag_mask:\t0xffffffffffffffff\n");
}

static unsigned long long queued(struct proc *p) {
  unsigned long long n = p->shared_pending.n;
  for (struct thread *t = p->threads; t; t = t->next_in_proc)
    n += t->pending.n;
  return n;
}

/* Root's capabilities, CAP_LAST_CAP 40 (Linux 6.x), while the ids allow. */
#define CAP_ALL 0x000001ffffffffffULL

int proc_show_status(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  struct thread *t = procfs_thread(w);
  const struct cred *c = &p->cred;
  seq_printf(s, "Name:\t");
  proc_put_escaped_name(s, p->name);
  /* A zombie has no fs_struct, and Linux leaves its Umask line out. */
  seq_printf(s, "\n");
  if (p->fs)
    seq_printf(s, "Umask:\t%04o\n", p->fs->umask);
  seq_printf(s, "State:\t%s\n", state_name(state_of(p, t)));
  int ppid = p->parent ? p->parent->pid : 0, id = the_id(w, p);
  seq_printf(s, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
             p->pid, id, ppid);
  seq_printf(s, "Uid:\t%u\t%u\t%u\t%u\n", c->ruid, c->euid, c->suid, c->fsuid);
  seq_printf(s, "Gid:\t%u\t%u\t%u\t%u\n", c->rgid, c->egid, c->sgid, c->fsgid);
  seq_printf(s, "FDSize:\t%u\nGroups:\t",
             p->fds && p->state == PROC_ALIVE ? p->fds->max_fds : 0);
  for (unsigned i = 0; i < c->ngroups && i < CRED_GROUPS_KEPT; i++)
    seq_printf(s, "%s%u", i ? " " : "", c->groups[i]);
  seq_printf(s, " \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid,
             id, p->pgid, p->sid);
  seq_printf(s, "Kthread:\t0\n");
  struct mm *mm = proc_live_mm(p);
  if (mm)
    put_memory(s, mm);
  seq_printf(s, "Threads:\t%d\n", p->nthreads);
  seq_printf(s, "SigQ:\t%llu/%llu\n", queued(p),
             (unsigned long long)p->rlim[LINUX_RLIMIT_SIGPENDING].cur);
  seq_printf(s, "SigPnd:\t%016llx\nShdPnd:\t%016llx\n",
             (unsigned long long)(t ? t->pending.set : 0),
             (unsigned long long)p->shared_pending.set);
  seq_printf(s, "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
             (unsigned long long)(t ? t->blocked : 0),
             (unsigned long long)caught(p, true),
             (unsigned long long)caught(p, false));
  bool any0 = c->ruid == 0 || c->euid == 0 || c->suid == 0;
  unsigned long long prm = any0 ? CAP_ALL : 0, eff = c->euid == 0 ? prm : 0;
  seq_printf(s,
             "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n"
             "CapBnd:\t%016llx\nCapAmb:\t%016llx\n",
             0ULL, prm, eff, CAP_ALL, 0ULL);
  seq_printf(s, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
  seq_printf(s, "Speculation_Store_Bypass:\tthread vulnerable\n"
                "SpeculationIndirectBranch:\tconditional enabled\n");
  seq_printf(s, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t");
  for (int i = 0; i < LINUX_MEMS_ALLOWED_WORDS - 1; i++)
    seq_printf(s, "00000000,");
  seq_printf(s, "00000001\nMems_allowed_list:\t0\n");
  seq_printf(
      s, "voluntary_ctxt_switches:\t%llu\nnonvoluntary_ctxt_switches:\t%llu\n",
      (unsigned long long)p->counts.nvcsw,
      (unsigned long long)p->counts.nivcsw);
  return 0;
}

int proc_show_statm(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  struct proc_mem m;
  uint64_t b[4];
  memory_of(p, &m, b);
  seq_printf(s, "%llu %llu %llu %llu 0 %llu 0\n", (unsigned long long)m.total,
             (unsigned long long)m.resident,
             (unsigned long long)(m.file + m.shmem),
             (unsigned long long)((b[1] - b[0]) / 4096),
             (unsigned long long)(m.data + m.stack));
  return 0;
}
