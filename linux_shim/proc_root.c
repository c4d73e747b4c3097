/* The root of /proc: the global files (proc_global.c's table), then one
 * directory per process in pid order, zombies included as Linux lists
 * them; the owner of a process's entries is its effective user and group,
 * or root once it is not dumpable, as Linux's task_dump_owner; and the
 * mount. */
#include <linux_shim/proc_fs.h>

#include <libos/fmt.h>
#include <libos/kstring.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

struct proc *procfs_proc(const struct procfs_where *w) {
  struct proc *p = proc_find(w->pid);
  return p && !p->reaped ? p : 0;
}

struct thread *procfs_thread(const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p || p->state != PROC_ALIVE)
    return 0;
  if (w->tid) {
    struct thread *t = thread_find(w->tid);
    return t && t->proc == p ? t : 0;
  }
  for (struct thread *t = p->threads; t; t = t->next_in_proc)
    if (t == p->main)
      return t;
  return p->threads;
}

long procfs_parse_id(const char *name, size_t len) {
  if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
    return -1;
  long v = 0;
  for (size_t i = 0; i < len; i++) {
    if (name[i] < '0' || name[i] > '9')
      return -1;
    v = v * 10 + (name[i] - '0');
  }
  return v;
}

static bool pid_next(const struct procfs_where *dir, uint64_t *key, char *name,
                     const struct procfs_node **node,
                     struct procfs_where *child) {
  (void)dir;
  struct proc *best = 0;
  for (struct proc *p = proc_list(); p; p = p->next)
    if (!p->reaped && (uint64_t)p->pid >= *key && (!best || p->pid < best->pid))
      best = p;
  if (!best)
    return false;
  *key = (uint64_t)best->pid;
  ksnprintf(name, 32, "%d", best->pid);
  *node = &proc_pid_dir;
  *child = (struct procfs_where){.pid = best->pid};
  return true;
}

static int pid_lookup(const struct procfs_where *dir, const char *name,
                      size_t len, const struct procfs_node **node,
                      struct procfs_where *child) {
  (void)dir;
  long pid = procfs_parse_id(name, len);
  struct procfs_where w = {.pid = (int)pid};
  if (pid <= 0 || !procfs_proc(&w))
    return -ENOENT;
  *node = &proc_pid_dir;
  *child = w;
  return 0;
}

static const struct procfs_dyn pid_dyn = {.next = pid_next,
                                          .lookup = pid_lookup};

static const struct procfs_node root_node = {.name = "",
                                             .mode = PROC_DIR,
                                             .entries = proc_global_entries,
                                             .dyn = &pid_dyn};

static bool owner(const struct procfs_where *w, uint32_t *uid, uint32_t *gid) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return false;
  if (w->tid) {
    struct procfs_where t = *w;
    if (!procfs_thread(&t))
      return false;
  }
  *uid = p->dumpable != 1 ? 0 : p->cred.euid; /* SUID_DUMP_USER or root's */
  *gid = p->dumpable != 1 ? 0 : p->cred.egid;
  return true;
}

static const struct procfs_hooks hooks = {.owner = owner};

/* proc's st_dev: an anonymous device as Linux gives it (0:21 on the
 * reference machines; any minor of major 0 is as good). */
#define PROC_DEV 0x15

int linux_procfs_mount(void) {
  struct super *sb = procfs_create(&root_node, PROC_DEV, &hooks);
  if (!sb)
    return -ENOMEM;
  return vfs_mount_at("proc", sb);
}
