/* Control messages (sockcmsg.h). */
#include <linux_shim/sockcmsg.h>

#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/fsarg.h>
#include <uapi/errno.h>

/* scm_fp_copy: every number must be an open descriptor (O_PATH too);
 * at most SCM_MAX_FD files in one message. */
static int add_fds(const int32_t *fdv, long num, struct usock_msg *m) {
  if (num <= 0)
    return 0;
  if (num > LINUX_SCM_MAX_FD || m->nfds + num > LINUX_SCM_MAX_FD)
    return -EINVAL;
  if (!m->fds) {
    m->fds = kzalloc(LINUX_SCM_MAX_FD * sizeof *m->fds);
    if (!m->fds)
      return -ENOMEM;
  }
  /* too_many_unix_fds: the files count against the sender's user (its
   * real uid), limited by RLIMIT_NOFILE unless CAP_SYS_RESOURCE or
   * CAP_SYS_ADMIN. */
  const struct proc *p = current_proc();
  uint64_t nofile = p->rlim[LINUX_RLIMIT_NOFILE].cur;
  m->fd_uid = p->cred.ruid;
  m->fd_limit = cred_capable(&p->cred, CAP_SYS_RESOURCE) ||
                        cred_capable(&p->cred, CAP_SYS_ADMIN) ||
                        nofile > INT64_MAX
                    ? INT64_MAX
                    : (long)nofile;
  for (long i = 0; i < num; i++) {
    struct file *f =
        fdv[i] < 0 ? 0 : fd_get(current_proc()->fds, (int64_t)fdv[i]);
    if (!f)
      return -EBADF;
    file_get(f);
    m->fds[m->nfds++] = f;
  }
  return 0;
}

/* scm_check_creds: one's own pid and one of one's real, effective or
 * saved ids, unless privileged (root's CAP_SYS_ADMIN, SETUID, SETGID). */
static int check_cred(const struct linux_ucred *c) {
  const struct proc *p = current_proc();
  const struct cred *k = &p->cred;
  bool root = k->euid == 0;
  bool pid_ok = c->pid == (uint32_t)p->pid || root;
  bool uid_ok =
      c->uid == k->ruid || c->uid == k->euid || c->uid == k->suid || root;
  bool gid_ok =
      c->gid == k->rgid || c->gid == k->egid || c->gid == k->sgid || root;
  if (!(pid_ok && uid_ok && gid_ok))
    return -EPERM;
  if (!proc_find((int)c->pid))
    return -ESRCH;
  if (c->uid == UINT32_MAX || c->gid == UINT32_MAX)
    return -EINVAL; /* not a valid id */
  return 0;
}

int cmsg_parse(const char *ctl, uint64_t len, struct usock_msg *m) {
  int err = 0;
  const size_t hdr = sizeof(struct linux_cmsghdr);
  /* for_each_cmsghdr: CMSG_FIRSTHDR needs a whole header; the next one
   * starts CMSG_ALIGN(cmsg_len) on and must fit its header. */
  for (uint64_t off = 0; len >= hdr && off + hdr <= len;) {
    struct linux_cmsghdr c;
    memcpy(&c, ctl + off, hdr);
    if (c.len < hdr || c.len > len - off) {
      err = -EINVAL;
      break;
    }
    if (c.level == LINUX_SOL_SOCKET) {
      if (c.type == LINUX_SCM_RIGHTS) {
        long num = (long)((c.len - hdr) / sizeof(int32_t));
        int32_t fdv[LINUX_SCM_MAX_FD];
        if (num > LINUX_SCM_MAX_FD) {
          err = -EINVAL;
          break;
        }
        memcpy(fdv, ctl + off + hdr, (size_t)(num > 0 ? num : 0) * 4);
        err = add_fds(fdv, num, m);
      } else if (c.type == LINUX_SCM_CREDENTIALS) {
        struct linux_ucred uc;
        if (c.len != LINUX_CMSG_LEN(sizeof uc)) {
          err = -EINVAL;
          break;
        }
        memcpy(&uc, ctl + off + hdr, sizeof uc);
        err = check_cred(&uc);
        if (!err) {
          m->has_cred = true;
          m->cred = (struct sock_cred){uc.pid, uc.uid, uc.gid};
        }
      } else {
        err = -EINVAL;
      }
      if (err)
        break;
    }
    uint64_t next = off + LINUX_CMSG_ALIGN(c.len);
    if (next + hdr > len)
      break;
    off = next;
  }
  if (err) {
    usock_msg_release(m);
    m->has_cred = false;
  }
  return err;
}

/* put_cmsg: a header and data, cut to the room left (MSG_CTRUNC). */
static int put_cmsg(struct cmsg_out *o, int type, const void *data, size_t n) {
  const size_t hdr = sizeof(struct linux_cmsghdr);
  if (o->null || o->left < hdr) {
    o->flags |= LINUX_MSG_CTRUNC;
    return 0;
  }
  uint64_t cmlen = LINUX_CMSG_LEN(n);
  if (o->left < cmlen) {
    o->flags |= LINUX_MSG_CTRUNC;
    cmlen = o->left;
  }
  struct linux_cmsghdr c = {cmlen, LINUX_SOL_SOCKET, type};
  struct mm *mm = current_proc()->mm;
  if (copy_to_user(mm, o->ptr, &c, hdr) ||
      copy_to_user(mm, o->ptr + hdr, data, cmlen - hdr))
    return -EFAULT;
  uint64_t space = LINUX_CMSG_SPACE(n);
  if (space > o->left)
    space = o->left;
  o->ptr += space;
  o->left -= space;
  return 0;
}

/* scm_detach_fds: as many new descriptors as fit, then one header; the
 * rest are dropped with MSG_CTRUNC. */
static int put_fds(struct cmsg_out *o, struct usock_msg *m, bool cloexec) {
  const size_t hdr = sizeof(struct linux_cmsghdr);
  long room = o->null || o->left <= hdr ? 0 : (long)((o->left - hdr) / 4);
  long fdmax = room < (long)m->nfds ? room : (long)m->nfds;
  struct mm *mm = current_proc()->mm;
  long i = 0;
  int err = 0;
  for (; i < fdmax; i++) {
    int fd =
        fd_install(current_proc()->fds, m->fds[i], 0, cloexec, fs_fd_limit());
    if (fd < 0)
      break;
    int32_t v = fd;
    if (copy_to_user(mm, o->ptr + hdr + (uint64_t)i * 4, &v, 4)) {
      fd_close(current_proc()->fds, fd);
      break;
    }
  }
  if (i > 0) {
    struct linux_cmsghdr c = {LINUX_CMSG_LEN((uint64_t)i * 4), LINUX_SOL_SOCKET,
                              LINUX_SCM_RIGHTS};
    if (copy_to_user(mm, o->ptr, &c, hdr))
      err = -EFAULT;
    uint64_t space = LINUX_CMSG_SPACE((uint64_t)i * 4);
    if (space > o->left)
      space = o->left;
    o->ptr += space;
    o->left -= space;
  }
  if (i < (long)m->nfds)
    o->flags |= LINUX_MSG_CTRUNC;
  usock_msg_release(m); /* installed ones hold their own references */
  return err;
}

int cmsg_deliver(struct cmsg_out *o, struct usock_msg *m, bool passcred,
                 bool cloexec) {
  if (o->null) {
    if (passcred || m->nfds)
      o->flags |= LINUX_MSG_CTRUNC;
    usock_msg_release(m);
    return 0;
  }
  int err = 0;
  if (passcred && m->has_cred) {
    struct linux_ucred uc = {m->cred.pid, m->cred.uid, m->cred.gid};
    err = put_cmsg(o, LINUX_SCM_CREDENTIALS, &uc, sizeof uc);
  }
  if (!err && m->nfds)
    err = put_fds(o, m, cloexec);
  usock_msg_release(m);
  return err;
}
