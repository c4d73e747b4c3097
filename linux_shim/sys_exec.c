/* execve of the image's own program (the only file there is): by the
 * name /proc/self/exe or the path it was started as. The new program gets
 * a fresh address space; handled signals return to SIG_DFL, ignored ones
 * stay ignored; close-on-exec descriptors close; other threads die. */
#include <hal/cpu.h>
#include <libos/fd.h>
#include <libos/fmt.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/memfile.h>
#include <libos/namei.h>
#include <libos/proc.h>
#include <libos/ptimer.h>
#include <libos/sighand.h>
#include <libos/signal.h>
#include <libos/trace.h>
#include <libos/uaccess.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/exec.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/futex_ops.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

/* The embedded program (see cmake/payload.S.in). */
extern const char payload_start[], payload_end[], payload_name[];

#define PATH_MAX 4096
#define ARG_MAX_PTRS 1024      /* argv + envp entries */
#define ARG_STRINGS (12 << 10) /* fits the 16 KiB the loader lays out */

struct exec_args {
  char path[PATH_MAX];
  char strings[ARG_STRINGS];
  char *ptr[ARG_MAX_PTRS + 2]; /* argv, NULL, envp, NULL */
  int argc, envc;
};

/* Copy a NULL-terminated user vector of strings. Returns the count or a
 * negative errno. */
static long copy_vector(struct mm *mm, uint64_t uvec, struct exec_args *a,
                        size_t *used, int slot) {
  int n = 0;
  if (!uvec)
    return 0; /* Linux accepts a NULL vector as an empty one */
  for (;;) {
    uint64_t up;
    if (copy_from_user(mm, &up, uvec + (uint64_t)n * 8, 8))
      return -EFAULT;
    if (!up)
      return n;
    if (slot + n >= ARG_MAX_PTRS)
      return -E2BIG;
    long len =
        strncpy_from_user(mm, a->strings + *used, up, ARG_STRINGS - *used);
    if (len == -ENAMETOOLONG)
      return -E2BIG;
    if (len < 0)
      return len;
    a->ptr[slot + n] = a->strings + *used;
    *used += (size_t)len + 1;
    n++;
  }
}

struct inode *linux_program_inode(void) {
  static struct inode *ino;
  if (!ino)
    ino = memfile_inode(payload_start, (size_t)(payload_end - payload_start),
                        0755);
  return ino;
}

static bool is_own_program(const char *path) {
  return strcmp(path, "/proc/self/exe") == 0 || strcmp(path, payload_name) == 0;
}

/* What the path (relative to dirfd, as execveat's flags say) names, when
 * its name is not the program's: the program itself reached another way
 * (/proc/self/fd/N, a descriptor of /proc/self/exe): 0; no such file:
 * the walk's error; a symlink not followed: ELOOP; another file: EACCES
 * (not a regular file, or no x bit), else ENOEXEC (the image can run
 * nothing else). */
static long resolve_program(int dirfd, uint64_t upath, uint64_t flags) {
  unsigned lf = (flags & LINUX_AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
                (flags & LINUX_AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
  struct inode *ino;
  int err = fs_lookup(dirfd, upath, lf, &ino);
  if (err)
    return err;
  long ret = 0;
  if (ino == linux_program_inode())
    ret = 0;
  else if (inode_is(ino, LINUX_S_IFLNK))
    ret = -ELOOP; /* AT_SYMLINK_NOFOLLOW's open */
  else if (!inode_is(ino, LINUX_S_IFREG) || !(ino->mode & 0111))
    ret = -EACCES;
  else
    ret = -ENOEXEC;
  inode_put(ino);
  return ret;
}

/* bprm->filename: the path, or /dev/fd/N[/path] for one relative to a
 * descriptor (what comm, AT_EXECFN and argv's reader see). */
static long exec_filename(char *path, int dirfd) {
  if (dirfd == LINUX_AT_FDCWD || path[0] == '/')
    return 0;
  char *buf = kzalloc(PATH_MAX);
  if (!buf)
    return -ENOMEM;
  if (path[0])
    ksnprintf(buf, PATH_MAX, "/dev/fd/%d/%s", dirfd, path);
  else
    ksnprintf(buf, PATH_MAX, "/dev/fd/%d", dirfd);
  memcpy(path, buf, PATH_MAX);
  kfree(buf);
  return 0;
}

static long do_execve(struct exec_args *a, int dirfd, uint64_t upath,
                      uint64_t uargv, uint64_t uenvp, uint64_t flags) {
  struct thread *t = current();
  struct proc *p = t->proc;
  long len = strncpy_from_user(p->mm, a->path, upath, PATH_MAX);
  if (len < 0)
    return len;
  size_t used = 0;
  long argc = copy_vector(p->mm, uargv, a, &used, 0);
  if (argc < 0)
    return argc;
  a->ptr[argc] = 0;
  long envc = copy_vector(p->mm, uenvp, a, &used, (int)argc + 1);
  if (envc < 0)
    return envc;
  a->ptr[argc + 1 + envc] = 0;
  if (len == 0 && !(flags & LINUX_AT_EMPTY_PATH))
    return -ENOENT; /* getname's answer comes before the flags' */
  if (flags & ~(uint64_t)(LINUX_AT_EMPTY_PATH | LINUX_AT_SYMLINK_NOFOLLOW))
    return -EINVAL; /* do_open_execat */
  /* By name, or by what the name leads to. */
  bool by_name = dirfd == LINUX_AT_FDCWD && is_own_program(a->path);
  if (!by_name) {
    long err = resolve_program(dirfd, upath, flags);
    if (err)
      return err;
  }
  if (exec_filename(a->path, dirfd))
    return -ENOMEM;

  /* unshare_files and unshare_sighand: a descriptor table or a table of
   * dispositions shared through CLONE_FILES or CLONE_SIGHAND becomes a
   * copy of our own before close-on-exec and the handler reset act (done
   * before anything else can fail, so ENOMEM leaves the old image
   * running). */
  if (fdtable_unshare(&p->fds) || sighand_unshare(p))
    return -ENOMEM;
  proc_kill_other_threads();
  p->main = t;
  /* Linux's exec_mm_release: the locks the old image held die with it.
   * Done while the old space is still the active one; only running out
   * of memory can fail the exec after this. */
  futex_exit_release(t, p->mm);
  /* The new image goes into a fresh own_mm; the old space is destroyed
   * only on success, and only if it was ours (a vfork child runs in its
   * parent's until here). */
  struct mm *old = p->mm;
  struct mm saved = p->own_mm;
  bool owned = old == &p->own_mm;
  const char *why = "";
  p->mm = &p->own_mm;
  if (mm_init(p->mm) != 0) {
    p->own_mm = saved;
    p->mm = old;
    return -ENOMEM;
  }
  p->mm->data_limit = old == &p->own_mm ? saved.data_limit : old->data_limit;
  p->mm->stack_limit = old == &p->own_mm ? saved.stack_limit : old->stack_limit;
  long ret = linux_exec(p, payload_start, (size_t)(payload_end - payload_start),
                        (int)argc, a->ptr, a->ptr + argc + 1, a->path, &why);
  if (ret != 0) {
    mm_destroy(p->mm);
    p->own_mm = saved;
    p->mm = old;
    trace_log("execve: %s", why);
    return ret;
  }
  hal_aspace_activate(p->mm->as);
  if (owned && !proc_hand_over_mm(p, &saved))
    mm_destroy(&saved);
  p->mm_live = true;
  signal_flush_handlers(p);
  ptimer_delete_all(p); /* exit_itimers: POSIX timers end at exec */
  t->altstack = (struct linux_stack){0, SS_DISABLE, 0, 0};
  t->clear_child_tid = 0;
  t->robust_list = t->robust_len = 0;
  t->rseq = 0; /* the area went with the old image */
  t->rseq_len = t->rseq_sig = 0;
  t->tls = 0;
  hal_set_tls(0);
  fd_close_on_exec(p->fds);
  p->did_exec = true;
  if (by_name) /* else it is the same file: exe stays where it was */
    linux_set_program(p, a->path);
  /* comm is the file name's last part: for a descriptor's own file
   * (AT_EMPTY_PATH) the file's, as Linux names it from the dentry. */
  proc_set_comm(t, len ? a->path : p->exe_path);
  cred_exec(&p->cred);
  p->dumpable = 1; /* no set-id file: SUID_DUMP_USER (begin_new_exec) */
  proc_vfork_release(p);
  if (trace_enabled(TRACE_PROCESS))
    trace_process(p->pid, "exec", 0);
  return 0;
}

SYSCALL_DEFINE(execve) {
  struct exec_args *a = kzalloc(sizeof *a);
  if (!a)
    return -ENOMEM;
  long ret = do_execve(a, LINUX_AT_FDCWD, a0, a1, a2, 0);
  kfree(a);
  return ret;
}

SYSCALL_DEFINE(execveat) {
  struct exec_args *a = kzalloc(sizeof *a);
  if (!a)
    return -ENOMEM;
  long ret = do_execve(a, (int32_t)a0, a1, a2, a3, a4);
  kfree(a);
  return ret;
}
