/* Signal-driven I/O: file owners and the lists readiness sources signal. */
#include <libos/fasync.h>

#include <libos/file.h>
#include <libos/jobctl.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <uapi/errno.h>
#include <uapi/io.h>
#include <uapi/poll.h>
#include <uapi/signal.h>

/* Whether some process has `id` as its process group (or is `id`). */
static bool group_exists(int id) {
  for (struct proc *p = proc_list(); p; p = p->next)
    if (p->pgid == id || p->pid == id)
      return true;
  return false;
}

int fown_set(struct file *f, enum fown_kind kind, int id) {
  /* Linux looks the number up as a struct pid: any task's id, or a group
   * some process is in. */
  if (id && !(kind == FOWN_GROUP ? group_exists(id) : thread_find(id) != 0))
    return -ESRCH;
  const struct cred *c = &current_proc()->cred;
  f->owner = (struct fown){kind, id, f->owner.sig, c->ruid, c->euid};
  return 0;
}

int fasync_update(struct fasync **list, struct file *f, int fd, bool on) {
  struct fasync **at = list;
  while (*at && (*at)->file != f)
    at = &(*at)->next;
  if (!on) {
    if (*at) {
      struct fasync *gone = *at;
      *at = gone->next;
      kfree(gone);
    }
    return 0;
  }
  if (*at) {
    (*at)->fd = fd;
    return 0;
  }
  struct fasync *n = kzalloc(sizeof *n);
  if (!n)
    return -ENOMEM;
  *n = (struct fasync){f, fd, *list};
  *list = n;
  return 0;
}

/* Linux's band_table: the poll bits each si_code stands for. */
static int64_t band_of(int code) {
  switch (code) {
  case LINUX_POLL_IN:
    return LINUX_POLLIN | LINUX_POLLRDNORM;
  case LINUX_POLL_OUT:
    return LINUX_POLLOUT | LINUX_POLLWRNORM | LINUX_POLLWRBAND;
  case LINUX_POLL_MSG:
    return LINUX_POLLIN | LINUX_POLLRDNORM | LINUX_POLLMSG;
  case LINUX_POLL_ERR:
    return LINUX_POLLERR;
  case LINUX_POLL_PRI:
    return LINUX_POLLPRI | LINUX_POLLRDBAND;
  default:
    return LINUX_POLLHUP | LINUX_POLLERR;
  }
}

/* sigio_perm: the setter's ids must match the target's, or be root's. */
static bool may_signal(const struct fown *o, const struct proc *p) {
  const struct cred *c = &p->cred;
  return o->euid == 0 || o->euid == c->suid || o->euid == c->ruid ||
         o->uid == c->suid || o->uid == c->ruid;
}

/* What one signal to an owner needs: the descriptor and code (SIGIO's),
 * or neither (SIGURG). */
struct owner_sig {
  int fd, code;
  bool urg;
};

/* A thread's own queue, or the process's (0 when it was queued). */
static int send_to(struct proc *p, struct thread *t,
                   const struct linux_siginfo *si) {
  return t ? signal_send(t, si) : jobctl_send(p, si);
}

/* send_sigio_to_task: the chosen signal, falling back on plain SIGIO
 * when a real-time one cannot be queued; send_sigurg_to_task: SIGURG
 * from the kernel, whatever F_SETSIG says. */
static void signal_one(const struct fown *o, struct proc *p, struct thread *t,
                       const struct owner_sig *s) {
  if (!may_signal(o, p))
    return;
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  if (!s->urg && o->sig) {
    si.signo = o->sig;
    si.code = s->code;
    si.u.poll.band = band_of(s->code);
    si.u.poll.fd = s->fd;
    if (send_to(p, t, &si) == 0)
      return;
    memset(&si, 0, sizeof si);
  }
  si.signo = s->urg ? SIGURG : SIGIO;
  si.code = SI_KERNEL;
  send_to(p, t, &si);
}

/* f_getown's targets: each live member of a group, or one task (a thread
 * for FOWN_THREAD, else its process); nobody when the id is 0. */
static void to_owner(const struct fown *o, const struct owner_sig *s) {
  if (!o->id)
    return;
  if (o->kind == FOWN_GROUP) {
    for (struct proc *p = proc_list(); p; p = p->next)
      if (p->pgid == o->id && p->state == PROC_ALIVE)
        signal_one(o, p, 0, s);
    return;
  }
  struct thread *t = thread_find(o->id);
  if (t && t->proc->state == PROC_ALIVE)
    signal_one(o, t->proc, o->kind == FOWN_THREAD ? t : 0, s);
}

void fasync_signal(const struct fasync *list, int code) {
  for (; list; list = list->next) {
    struct owner_sig s = {list->fd, code, false};
    to_owner(&list->file->owner, &s);
  }
}

void fown_send_sigurg(const struct file *f) {
  struct owner_sig s = {0, 0, true};
  to_owner(&f->owner, &s);
}
