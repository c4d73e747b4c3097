/* /proc/<pid>/maps and smaps_rollup as fs/proc/task_mmu.c prints them:
 * "start-end perms offset major:minor inode", then, for an area with a
 * name, spaces up to column 73 and the name ([heap], [stack], [vdso],
 * [vvar], a file's path). */
#include <linux_shim/proc_format.h>
#include <linux_shim/proc_fs.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/namei.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

#define PATH_MAX 4096

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
    if (vfs_inode_path(p->fs->root, v->file, buf, size) < 0)
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
  struct proc_map_line l = {.start = v->start,
                            .end = v->end,
                            .r = v->prot & HAL_PROT_READ,
                            .w = v->prot & HAL_PROT_WRITE,
                            .x = v->prot & HAL_PROT_EXEC,
                            .shared = vma_is_shared(v),
                            .name = name};
  if (vma_is_file(v)) {
    l.major = linux_major(v->file->sb->dev);
    l.minor = linux_minor(v->file->sb->dev);
    l.inode = v->file->ino;
    l.offset = v->pgoff * 4096;
  } else if (vma_has_offset(v)) {
    l.offset = v->pgoff * 4096; /* a program segment's place in the file */
  } else if (v->kind == VMA_SHARED) {
    l.minor = 1; /* shmem's anonymous device, 00:01 */
  }
  area_name(p, mm, v, name, PATH_MAX);
  proc_put_map_line(s, &l);
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
  struct proc_map_line head = {.start = mm->vmas->v[0].start,
                               .end = mm->vmas->v[mm->vmas->n - 1].end,
                               .name = "[rollup]"};
  proc_put_map_line(s, &head);
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
  rollup_line(s, "KSM:", 0);
  rollup_line(s, "LazyFree:", m.lazy * 4);
  static const char *const zero[] = {
      "AnonHugePages:",  "ShmemPmdMapped:",  "FilePmdMapped:",
      "Shared_Hugetlb:", "Private_Hugetlb:", "Swap:",
      "SwapPss:"};
  for (unsigned i = 0; i < sizeof zero / sizeof zero[0]; i++)
    rollup_line(s, zero[i], 0);
  rollup_line(s, "Locked:", m.locked * 4);
  return 0;
}
