/* /proc/<pid>/maps and smaps_rollup as fs/proc/task_mmu.c prints them:
 * "start-end perms offset major:minor inode", then, for an area with a
 * name, spaces up to column 73 and the name ([heap], [stack], [vdso],
 * [vvar], a file's path). */
#include <linux_shim/proc_fs.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/namei.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

#define PATH_MAX 4096
#define NAME_COLUMN 72 /* Linux: 25 + sizeof(void *) * 6 - 1 */

/* The name maps gives area `v`, written into buf (may be ""). */
static void area_name(struct proc *p, struct mm *mm, const struct vma *v,
                      char *buf, size_t size) {
  buf[0] = '\0';
  const char *fixed = 0;
  switch (v->kind) {
  case VMA_VDSO:
    fixed = "[vdso]";
    break;
  case VMA_VVAR:
    fixed = "[vvar]";
    break;
  case VMA_SHARED:
    fixed = "/dev/zero (deleted)";
    break;
  case VMA_PROGRAM:
    fixed = p->exe_path;
    break;
  case VMA_FILE:
  case VMA_FILE_SHARED:
    if (vfs_inode_path(p->root, v->file, buf, size) < 0)
      fixed = "(deleted)"; /* no directory names it any more */
    break;
  default:
    if (v->start <= mm->brk && v->end >= mm->brk_start && mm->brk_start &&
        v->kind == VMA_HEAP)
      fixed = "[heap]";
    else if (v->start <= mm->start_stack && v->end >= mm->start_stack)
      fixed = "[stack]";
    break;
  }
  if (fixed) {
    size_t n = strnlen(fixed, size - 1);
    memcpy(buf, fixed, n);
    buf[n] = '\0';
  }
}

static void show_area(struct seqbuf *s, struct proc *p, struct mm *mm,
                      const struct vma *v, char *name) {
  size_t line = s->len;
  uint64_t dev = 0, ino = 0, off = 0;
  if (vma_is_file(v)) {
    dev = v->file->sb->dev;
    ino = v->file->ino;
    off = v->pgoff * 4096;
  } else if (v->kind == VMA_SHARED) {
    dev = linux_makedev(0, 1); /* shmem's anonymous device */
  }
  seq_printf(s, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
             (unsigned long long)v->start, (unsigned long long)v->end,
             v->prot & HAL_PROT_READ ? 'r' : '-',
             v->prot & HAL_PROT_WRITE ? 'w' : '-',
             v->prot & HAL_PROT_EXEC ? 'x' : '-', vma_is_shared(v) ? 's' : 'p',
             (unsigned long long)off, linux_major(dev), linux_minor(dev),
             (unsigned long long)ino);
  area_name(p, mm, v, name, PATH_MAX);
  if (name[0]) {
    seq_pad_to(s, line + NAME_COLUMN);
    seq_printf(s, " %s", name);
  }
  seq_write(s, "\n", 1);
}

int proc_show_maps(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  struct mm *mm = proc_live_mm(p);
  if (!mm)
    return 0;
  char *name = kzalloc(PATH_MAX);
  if (!name)
    return -ENOMEM;
  for (unsigned i = 0; i < mm->vmas->n && !s->overflow; i++)
    show_area(s, p, mm, &mm->vmas->v[i], name);
  kfree(name);
  return 0;
}

static void rollup_line(struct seqbuf *s, const char *name, uint64_t kb) {
  seq_printf(s, "%-16s%8llu kB\n", name, (unsigned long long)kb);
}

int proc_show_smaps_rollup(struct seqbuf *s, const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  if (!p)
    return -ESRCH;
  struct mm *mm = proc_live_mm(p);
  if (!mm || !mm->vmas->n)
    return 0;
  struct proc_mem m;
  proc_mem_counts(mm, &m);
  size_t line = s->len;
  seq_printf(s, "%08llx-%08llx ---p 00000000 00:00 0",
             (unsigned long long)mm->vmas->v[0].start,
             (unsigned long long)mm->vmas->v[mm->vmas->n - 1].end);
  seq_pad_to(s, line + NAME_COLUMN);
  seq_printf(s, " [rollup]\n");
  /* Every frame here is the process's own as far as it can tell (shared
   * copy-on-write frames are not told apart): Pss is Rss. */
  uint64_t rss = m.resident * 4, anon = m.anon * 4, file = m.file * 4;
  uint64_t shmem = m.shmem * 4;
  rollup_line(s, "Rss:", rss);
  rollup_line(s, "Pss:", rss);
  rollup_line(s, "Pss_Dirty:", anon + shmem);
  rollup_line(s, "Pss_Anon:", anon);
  rollup_line(s, "Pss_File:", file);
  rollup_line(s, "Pss_Shmem:", shmem);
  rollup_line(s, "Shared_Clean:", 0);
  rollup_line(s, "Shared_Dirty:", 0);
  rollup_line(s, "Private_Clean:", file);
  rollup_line(s, "Private_Dirty:", anon + shmem);
  rollup_line(s, "Referenced:", rss);
  rollup_line(s, "Anonymous:", anon);
  static const char *const zero[] = {"KSM:",
                                     "LazyFree:",
                                     "AnonHugePages:",
                                     "ShmemPmdMapped:",
                                     "FilePmdMapped:",
                                     "Shared_Hugetlb:",
                                     "Private_Hugetlb:",
                                     "Swap:",
                                     "SwapPss:",
                                     "Locked:"};
  for (unsigned i = 0; i < sizeof zero / sizeof zero[0]; i++)
    rollup_line(s, zero[i], 0);
  return 0;
}
