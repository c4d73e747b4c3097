/* What reads and writes do on regular files and directories (file.h's
 * vfs_open_inode picks these). */
#include <libos/regfile.h>

#include <libos/kstring.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static long reg_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t *pos) {
  struct inode *ino = f->inode;
  if (!ino->ops || !ino->ops->rw)
    return -EINVAL;
  if (n == 0)
    return 0; /* vfs_read returns before the file sees it */
  long r = ino->ops->rw(ino, mm, ubuf, n, *pos, false);
  if (r > 0)
    *pos += (uint64_t)r;
  file_accessed(f); /* shmem_file_read_iter: also at the end, and on EFAULT */
  return r;
}

static long reg_write(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                      uint64_t *pos) {
  struct inode *ino = f->inode;
  if (!ino->ops || !ino->ops->rw)
    return -EINVAL;
  if (n == 0)
    return 0;
  /* memfd seals (memfd_create(2)): no writes at all, or none that would
   * grow the file (the whole write fails). */
  if (ino->seals & (LINUX_F_SEAL_WRITE | LINUX_F_SEAL_FUTURE_WRITE))
    return -EPERM;
  if ((ino->seals & LINUX_F_SEAL_GROW) && *pos + n > ino->size)
    return -EPERM;
  /* RLIMIT_FSIZE (generic_write_check_limits): at or past the limit the
   * writer gets SIGXFSZ and EFBIG; a write across it is cut short. */
  uint64_t limit = current_proc()->rlim[LINUX_RLIMIT_FSIZE].cur;
  if (limit != LINUX_RLIM_INFINITY) {
    if (*pos >= limit) {
      regfile_sigxfsz();
      return -EFBIG;
    }
    if (n > limit - *pos)
      n = (size_t)(limit - *pos);
  }
  long r = ino->ops->rw(ino, mm, ubuf, n, *pos, true);
  if (r > 0) {
    *pos += (uint64_t)r;
    ino->mtime = ino->ctime = vfs_now();
  }
  return r;
}

void regfile_sigxfsz(void) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = SIGXFSZ;
  si.code = SI_USER;
  si.u.kill.pid = current_proc()->pid;
  signal_send(current(), &si);
}

static long dir_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t *pos) {
  (void)f, (void)mm, (void)ubuf, (void)n, (void)pos;
  return -EISDIR;
}

const struct file_ops regfile_ops = {
    .read = reg_read, .write = reg_write}; /* no poll: always ready */
const struct file_ops dir_ops = {.read = dir_read};
