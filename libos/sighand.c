/* sighand.h: a table is freed when its last process lets go. */
#include <libos/sighand.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <uapi/errno.h>

static void use(struct proc *p, struct sighand *s) {
  p->sighand = s;
  p->action = s->action;
}

int sighand_give(struct proc *p, const struct proc *from) {
  struct sighand *s = kzalloc(sizeof *s);
  if (!s)
    return -ENOMEM;
  s->refs = 1;
  if (from)
    memcpy(s->action, from->action, sizeof s->action);
  sighand_drop(p);
  use(p, s);
  return 0;
}

void sighand_share(struct proc *c, struct proc *p) {
  p->sighand->refs++;
  sighand_drop(c);
  use(c, p->sighand);
}

int sighand_unshare(struct proc *p) {
  if (p->sighand->refs == 1)
    return 0;
  return sighand_give(p, p);
}

void sighand_drop(struct proc *p) {
  struct sighand *s = p->sighand;
  p->sighand = 0;
  p->action = 0;
  if (s && --s->refs == 0)
    kfree(s);
}
