/*
 * The Linux /proc on procfs's mechanics (libos/procfs.h): the node tables
 * and generators, split by what they describe. proc_root.c holds the root
 * (pids, self, thread-self, the global files' table) and the mount;
 * proc_pid.c the per-process and per-thread directories; proc_status.c
 * stat, status and statm; proc_maps.c maps and smaps_rollup; proc_fd.c
 * fd/ and fdinfo/; proc_mounts.c mounts and mountinfo; proc_global.c the
 * files about the whole system; arch/<arch>/proc_cpuinfo.c cpuinfo.
 * docs/procfs.md says how to add a file.
 */
#ifndef LINUX_SHIM_PROC_FS_H
#define LINUX_SHIM_PROC_FS_H

#include <libos/procfs.h>
#include <libos/task.h>
#include <uapi/stat.h>

/* The modes Linux gives its /proc entries. */
#define PROC_DIR (LINUX_S_IFDIR | 0555)
#define PROC_FILE (LINUX_S_IFREG | 0444)
#define PROC_RW (LINUX_S_IFREG | 0644)
#define PROC_PRIV (LINUX_S_IFREG | 0400)
#define PROC_LINK (LINUX_S_IFLNK | 0777)

/* Mount procfs on /proc (boot). 0 or -ENOMEM. */
int linux_procfs_mount(void);

/* The process a per-process node stands for (zombies too), or NULL once
 * it is gone. */
struct proc *procfs_proc(const struct procfs_where *w);

/* The thread of a task/<tid> node, or for a /proc/<pid> node the process's
 * main thread (its first live one when the main thread has exited); NULL
 * for a zombie. */
struct thread *procfs_thread(const struct procfs_where *w);

/* A directory entry's name as a pid, tid or descriptor number: a decimal
 * without sign or leading zero, at most 9 digits; -1 for anything else. */
long procfs_parse_id(const char *name, size_t len);

/* The /proc/<pid> and /proc/<pid>/task/<tid> directories. */
extern const struct procfs_node proc_pid_dir, proc_tid_dir;
extern const struct procfs_dyn proc_fd_dyn, proc_fdinfo_dyn;

/* The global files under /proc (proc_global.c), a table ending with a
 * NULL name. */
extern const struct procfs_node proc_global_entries[];

/* Generators shared between tables. */
int proc_show_stat(struct seqbuf *s, const struct procfs_where *w);
int proc_show_status(struct seqbuf *s, const struct procfs_where *w);
int proc_show_statm(struct seqbuf *s, const struct procfs_where *w);
int proc_show_maps(struct seqbuf *s, const struct procfs_where *w);
int proc_show_smaps_rollup(struct seqbuf *s, const struct procfs_where *w);
int proc_show_mounts(struct seqbuf *s, const struct procfs_where *w);
int proc_show_mountinfo(struct seqbuf *s, const struct procfs_where *w);
int proc_show_cpuinfo(struct seqbuf *s, const struct procfs_where *w);

/* The lines fdinfo adds after the common ones for eventfds, timerfds,
 * signalfds, epoll sets and pidfds, in Linux's formats; none for others. */
void proc_fdinfo_kind(struct seqbuf *s, struct file *f);

/* The mount id (mountinfo's first field, fdinfo's mnt_id) of the
 * filesystem `sb`; 0 for one that is not mounted (pipefs). */
int proc_mount_id(const struct super *sb);

/* What an address space holds, in pages (status, statm, stat). */
struct proc_mem {
  uint64_t total, resident, anon, file, shmem, data, stack, exec, lazy;
  uint64_t locked; /* resident pages of mlocked areas (smaps' Locked) */
};
void proc_mem_counts(struct mm *mm, struct proc_mem *m);

/* The process's address space while it has one (a zombie's is gone). */
static inline struct mm *proc_live_mm(struct proc *p) {
  return p->state == PROC_ALIVE && p->mm ? p->mm : 0;
}

#endif
