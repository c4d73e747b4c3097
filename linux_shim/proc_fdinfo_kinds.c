/* The lines /proc/<pid>/fdinfo/N adds for a kind of file after the common
 * four, in Linux 6.18's formats: eventfd_show_fdinfo, timerfd_show,
 * signalfd_show_fdinfo, ep_show_fdinfo and pidfd_show_fdinfo. */
#include <linux_shim/proc_fs.h>

#include <libos/epoll.h>
#include <libos/eventfd.h>
#include <libos/pidfd.h>
#include <libos/signalfd.h>
#include <libos/timerfd.h>
#include <uapi/stat.h>

#define NSEC 1000000000ULL

static void show_timerfd(struct seqbuf *s, const struct file *f) {
  struct timerfd_view v;
  timerfd_peek(f, &v);
  seq_printf(s,
             "clockid: %d\nticks: %llu\nsettime flags: 0%o\n"
             "it_value: (%llu, %llu)\nit_interval: (%llu, %llu)\n",
             v.clockid, (unsigned long long)v.ticks, v.flags,
             (unsigned long long)(v.value / NSEC),
             (unsigned long long)(v.value % NSEC),
             (unsigned long long)(v.interval / NSEC),
             (unsigned long long)(v.interval % NSEC));
}

/* The kernel's own dev_t (MKDEV: major above bit 20), which sdev shows. */
static unsigned kernel_dev(uint64_t dev) {
  return linux_major(dev) << 20 | linux_minor(dev);
}

static void show_item(void *ctx, const struct file *tf, int fd, uint32_t events,
                      uint64_t data) {
  const struct inode *ino = tf->inode;
  seq_printf((struct seqbuf *)ctx,
             "tfd: %8d events: %8x data: %16llx  pos:%lld ino:%llx sdev:%x\n",
             fd, events, (unsigned long long)data, (long long)tf->pos,
             (unsigned long long)(ino ? ino->ino : 0),
             ino ? kernel_dev(ino->sb->dev) : 0);
}

void proc_fdinfo_kind(struct seqbuf *s, struct file *f) {
  uint64_t count;
  bool sem;
  int id;
  if (eventfd_peek(f, &count, &sem, &id)) {
    seq_printf(s,
               "eventfd-count: %16llx\neventfd-id: %d\neventfd-semaphore: %d\n",
               (unsigned long long)count, id, sem);
  } else if (is_timerfd(f)) {
    show_timerfd(s, f);
  } else if (is_signalfd(f)) {
    /* render_sigset_t: one hex digit per four signals, 64 down to 1. */
    seq_printf(s, "sigmask:\t%016llx\n", (unsigned long long)signalfd_mask(f));
  } else if (file_is_epoll(f)) {
    epoll_for_each_item(f, show_item, s);
  } else if (file_is_pidfd(f)) {
    /* -1 once the process is reaped (pid_has_task fails). */
    struct proc *p = pidfd_proc(f);
    int pid = p ? p->pid : -1;
    seq_printf(s, "Pid:\t%d\nNSpid:\t%d\n", pid, pid);
  }
}
