/* /proc/<pid> and /proc/<pid>/task/<tid>: the tables of their entries
 * (Linux's tgid_base_stuff and tid_base_stuff order, the subset this
 * kernel has) and the small generators: cmdline, environ, auxv (the
 * process's own memory where exec put them), comm, limits, cgroup,
 * oom_score_adj and the exe, cwd and root links. */
#include <linux_shim/exec.h>
#include <linux_shim/proc_format.h>
#include <linux_shim/proc_fs.h>

#include <libos/fmt.h>
#include <libos/kstring.h>
#include <libos/namei.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>

/* Copy the process's memory [start, end) out; a page that cannot be read
 * ends it, as access_remote_vm's short count. */
static void put_user_range(struct seqbuf *s, struct mm *mm, uint64_t start,
                           uint64_t end) {
  char chunk[256];
  while (start < end && !s->overflow) {
    size_t n = end - start < sizeof chunk ? end - start : sizeof chunk;
    if (copy_from_user(mm, chunk, start, n))
      return;
    seq_write(s, chunk, n);
    start += n;
  }
}

/* What exec left on the stack: [start, end) of the process's memory. */
enum stack_range { ARGS, ENV, AUXV };

static int show_range(struct seqbuf *s, const struct procfs_where *w,
                      enum stack_range r) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  struct mm *mm = proc_live_mm(p);
  if (!mm)
    return 0; /* a zombie's: empty */
  uint64_t lo[] = {mm->arg_start, mm->env_start, mm->auxv_start};
  uint64_t hi[] = {mm->arg_end, mm->env_end, mm->auxv_end};
  put_user_range(s, mm, lo[r], hi[r]);
  return 0;
}

static int show_cmdline(struct seqbuf *s, const struct procfs_where *w) {
  return show_range(s, w, ARGS);
}

static int show_environ(struct seqbuf *s, const struct procfs_where *w) {
  return show_range(s, w, ENV);
}

static int show_auxv(struct seqbuf *s, const struct procfs_where *w) {
  return show_range(s, w, AUXV);
}

static int show_comm(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  struct thread *t = w->tid ? procfs_thread(w) : 0;
  seq_printf(s, "%s\n", t ? t->comm : p->name);
  return 0;
}

/* Linux's comm_write: the first 15 bytes as they are (a newline too),
 * only for the writer's own thread group; the whole count is taken. */
static long store_comm(const struct procfs_where *w, const char *buf,
                       size_t n) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  if (p != current_proc())
    return -EINVAL;
  struct thread *t = w->tid ? procfs_thread(w) : thread_find(p->pid);
  if (t) {
    thread_set_comm(t, buf, n);
  } else { /* the main thread is gone: the process keeps its name */
    memset(p->name, 0, sizeof p->name);
    memcpy(p->name, buf, strnlen(buf, n < 15 ? n : 15));
  }
  return (long)n;
}

static int show_oom_score_adj(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  seq_printf(s, "%d\n", p->oom_score_adj);
  return 0;
}

/* oom_score_adj_write: the first 12 bytes (PROC_NUMBUF - 1) as a number,
 * -EINVAL outside -1000..1000; lowering it needs CAP_SYS_RESOURCE
 * (root's): -EACCES otherwise. */
static long store_oom_score_adj(const struct procfs_where *w, const char *buf,
                                size_t n) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  int v;
  int err = proc_parse_int(buf, n, 12, &v);
  if (err)
    return err;
  if (v < -1000 || v > 1000)
    return -EINVAL;
  if (v < p->oom_score_adj && current_proc()->cred.euid != 0)
    return -EACCES;
  p->oom_score_adj = v;
  return (long)n;
}

static int show_cgroup(struct seqbuf *s, const struct procfs_where *w) {
  if (!procfs_proc(w))
    return -ESRCH;
  seq_printf(s, "0::/\n"); /* one cgroup v2 hierarchy, the root */
  return 0;
}

/* Linux's lnames[] (fs/proc/base.c), in RLIMIT_* order. */
static const struct {
  const char *name, *unit;
} limit_names[LINUX_RLIM_NLIMITS] = {
    {"Max cpu time", "seconds"},     {"Max file size", "bytes"},
    {"Max data size", "bytes"},      {"Max stack size", "bytes"},
    {"Max core file size", "bytes"}, {"Max resident set", "bytes"},
    {"Max processes", "processes"},  {"Max open files", "files"},
    {"Max locked memory", "bytes"},  {"Max address space", "bytes"},
    {"Max file locks", "locks"},     {"Max pending signals", "signals"},
    {"Max msgqueue size", "bytes"},  {"Max nice priority", 0},
    {"Max realtime priority", 0},    {"Max realtime timeout", "us"},
};

static void put_limit(struct seqbuf *s, uint64_t v) {
  if (v == ~0ULL)
    seq_printf(s, "%-20s ", "unlimited");
  else
    seq_printf(s, "%-20llu ", (unsigned long long)v);
}

static int show_limits(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  seq_printf(s, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit",
             "Hard Limit", "Units");
  for (int i = 0; i < LINUX_RLIM_NLIMITS; i++) {
    seq_printf(s, "%-25s ", limit_names[i].name);
    put_limit(s, p->rlim[i].cur);
    put_limit(s, p->rlim[i].max);
    if (limit_names[i].unit)
      seq_printf(s, "%-10s\n", limit_names[i].unit);
    else
      seq_write(s, "\n", 1);
  }
  return 0;
}

static long copy_link(char *buf, size_t size, const char *path) {
  size_t n = strnlen(path, size - 1);
  memcpy(buf, path, n);
  buf[n] = '\0';
  return (long)n;
}

static long link_exe(const struct procfs_where *w, char *buf, size_t size) {
  struct proc *p = procfs_proc(w);
  if (!p || !proc_live_mm(p))
    return -ENOENT; /* Linux: a zombie has no exe */
  return copy_link(buf, size, p->exe_path);
}

static long dir_link(struct inode *dir, struct proc *p, char *buf,
                     size_t size) {
  long n = vfs_path_of(p->fs->root, dir, buf, size);
  return n < 0 ? n : n - 1;
}

/* A live process's cwd or root directory, or NULL. */
static struct inode *dir_of(const struct procfs_where *w, bool root,
                            struct proc **pp) {
  struct proc *p = procfs_proc(w);
  if (!p || p->state != PROC_ALIVE)
    return 0;
  *pp = p;
  return root ? p->fs->root : p->fs->cwd;
}

static long link_cwd(const struct procfs_where *w, char *buf, size_t size) {
  struct proc *p;
  struct inode *d = dir_of(w, false, &p);
  return d ? dir_link(d, p, buf, size) : -ENOENT;
}

static long link_root(const struct procfs_where *w, char *buf, size_t size) {
  struct proc *p;
  struct inode *d = dir_of(w, true, &p);
  return d ? dir_link(d, current_proc(), buf, size) : -ENOENT;
}

static int magic_exe(const struct procfs_where *w, struct inode **out) {
  struct proc *p = procfs_proc(w);
  struct inode *ino = linux_program_inode();
  if (!p || !proc_live_mm(p) || !ino)
    return -ENOENT;
  *out = inode_get(ino);
  return 0;
}

/* The magic links of cwd and root: the directory itself. */
static int magic_dir(const struct procfs_where *w, bool root,
                     struct inode **out) {
  struct proc *p;
  struct inode *d = dir_of(w, root, &p);
  if (!d)
    return -ENOENT;
  *out = inode_get(d);
  return 0;
}

static int magic_cwd(const struct procfs_where *w, struct inode **out) {
  return magic_dir(w, false, out);
}

static int magic_root(const struct procfs_where *w, struct inode **out) {
  return magic_dir(w, true, out);
}

/* The entries both directories have (tid_base_stuff's order). */
#define COMMON_ENTRIES                                                         \
  {.name = "fd", .mode = LINUX_S_IFDIR | 0500, .dyn = &proc_fd_dyn},           \
      {.name = "fdinfo", .mode = PROC_DIR, .dyn = &proc_fdinfo_dyn},           \
      {.name = "environ", .mode = PROC_PRIV, .show = show_environ},            \
      {.name = "auxv", .mode = PROC_PRIV, .show = show_auxv},                  \
      {.name = "status", .mode = PROC_FILE, .show = proc_show_status},         \
      {.name = "limits", .mode = PROC_FILE, .show = show_limits},              \
      {.name = "comm",                                                         \
       .mode = PROC_RW,                                                        \
       .show = show_comm,                                                      \
       .store = store_comm},                                                   \
      {.name = "cmdline", .mode = PROC_FILE, .show = show_cmdline},            \
      {.name = "stat", .mode = PROC_FILE, .show = proc_show_stat},             \
      {.name = "statm", .mode = PROC_FILE, .show = proc_show_statm},           \
      {.name = "maps", .mode = PROC_FILE, .show = proc_show_maps},             \
      {.name = "cwd",                                                          \
       .mode = PROC_LINK,                                                      \
       .readlink = link_cwd,                                                   \
       .get_link = magic_cwd},                                                 \
      {.name = "root",                                                         \
       .mode = PROC_LINK,                                                      \
       .readlink = link_root,                                                  \
       .get_link = magic_root},                                                \
      {.name = "exe",                                                          \
       .mode = PROC_LINK,                                                      \
       .readlink = link_exe,                                                   \
       .get_link = magic_exe},                                                 \
      {.name = "mounts",                                                       \
       .mode = PROC_FILE,                                                      \
       .show = proc_show_mounts,                                               \
       .splice_read = true},                                                   \
      {.name = "mountinfo",                                                    \
       .mode = PROC_FILE,                                                      \
       .show = proc_show_mountinfo,                                            \
       .splice_read = true},                                                   \
      {.name = "smaps_rollup",                                                 \
       .mode = PROC_FILE,                                                      \
       .show = proc_show_smaps_rollup},                                        \
      {.name = "cgroup", .mode = PROC_FILE, .show = show_cgroup}, {            \
    .name = "oom_score_adj", .mode = PROC_RW, .show = show_oom_score_adj,      \
    .store = store_oom_score_adj                                               \
  }

static const struct procfs_node tid_entries[] = {COMMON_ENTRIES, {0}};

const struct procfs_node proc_tid_dir = {
    .name = "", .mode = PROC_DIR, .entries = tid_entries};

static bool task_next(const struct procfs_where *dir, uint64_t *key, char *name,
                      const struct procfs_node **node,
                      struct procfs_where *child) {
  struct proc *p = procfs_proc(dir);
  struct thread *best = 0;
  for (struct thread *t = p && p->state == PROC_ALIVE ? p->threads : 0; t;
       t = t->next_in_proc)
    if ((uint64_t)t->tid >= *key && (!best || t->tid < best->tid))
      best = t;
  if (!best)
    return false;
  *key = (uint64_t)best->tid;
  ksnprintf(name, 32, "%d", best->tid);
  *node = &proc_tid_dir;
  *child = (struct procfs_where){.pid = dir->pid, .tid = best->tid};
  return true;
}

static int task_lookup(const struct procfs_where *dir, const char *name,
                       size_t len, const struct procfs_node **node,
                       struct procfs_where *child) {
  struct procfs_where w = {.pid = dir->pid,
                           .tid = (int)procfs_parse_id(name, len)};
  if (w.tid <= 0 || !procfs_thread(&w))
    return -ENOENT;
  *node = &proc_tid_dir;
  *child = w;
  return 0;
}

static const struct procfs_dyn task_dyn = {.next = task_next,
                                           .lookup = task_lookup};

static const struct procfs_node pid_entries[] = {
    {.name = "task", .mode = PROC_DIR, .dyn = &task_dyn}, COMMON_ENTRIES, {0}};

const struct procfs_node proc_pid_dir = {
    .name = "", .mode = PROC_DIR, .entries = pid_entries};
