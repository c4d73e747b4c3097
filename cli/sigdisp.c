/* Per-process signal dispositions from the strace text (sigdisp.h), for
 * normalise()'s dropping of ignored signals on the Linux side. */
#include "sigdisp.h"

#include <stdlib.h>
#include <string.h>

enum { DISP_DFL, DISP_IGN, DISP_HANDLER };
#define SD_MAXSIG 64 /* distinct signal names a trace sets dispositions for */

static bool default_ignored(const char *sig) {
  return !strcmp(sig, "SIGCHLD") || !strcmp(sig, "SIGURG") || !strcmp(sig, "SIGWINCH") ||
         !strcmp(sig, "SIGCONT");
}

/* The slot of signal name `sig` (SD_MAXSIG: no room, treated as default). */
static size_t sig_slot(uint32_t *names, size_t *n, uint32_t sig, bool add) {
  for (size_t k = 0; k < *n; k++)
    if (names[k] == sig)
      return k;
  if (!add || *n == SD_MAXSIG)
    return SD_MAXSIG;
  names[*n] = sig;
  return (*n)++;
}

void sig_drop_ignored(struct trace *t, struct task_map *m) {
  uint32_t sigaction = intern("rt_sigaction"), execve = intern("execve");
  const uint32_t made[4] = {intern("fork"), intern("vfork"), intern("clone"), intern("clone3")};
  uint32_t names[SD_MAXSIG];
  size_t nn = 0;
  /* One row of dispositions per task; a task uses its process's row. */
  unsigned char *d = calloc((m->n + 1) * SD_MAXSIG, 1);
  if (!d)
    abort();
  for (size_t i = 0; i < t->n; i++) {
    struct event *e = &t->ev[i];
    if (e->flags & EVF_DROP)
      continue;
    struct task *k = tasks_find(m, e->pid);
    if (!k)
      continue;
    unsigned char *row = d + k->proc * SD_MAXSIG;
    if (e->kind == EV_SIGNAL) {
      size_t s = sig_slot(names, &nn, e->name, false);
      int disp = s < SD_MAXSIG ? row[s] : DISP_DFL;
      if (disp == DISP_IGN || (disp == DISP_DFL && default_ignored(intern_str(e->name)))) {
        e->flags |= EVF_DROP;
        rule_fire(&t->fired, RULE_IGNORED_SIGNAL);
      }
      continue;
    }
    if (e->kind != EV_SYSCALL || (e->flags & EVF_ERR))
      continue;
    if (e->name == execve) {
      for (size_t s = 0; s < SD_MAXSIG; s++)
        if (row[s] == DISP_HANDLER)
          row[s] = DISP_DFL;
    } else if ((e->name == made[0] || e->name == made[1] || e->name == made[2] ||
                e->name == made[3]) && e->ret > 0 && e->ret <= INT32_MAX) {
      struct task *c = tasks_find(m, (int32_t)e->ret);
      if (c && !c->thread && c->proc != k->proc)
        memcpy(d + c->proc * SD_MAXSIG, row, SD_MAXSIG);
    } else if (e->name == sigaction && e->text) {
      /* "rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, ..." */
      const char *p = memchr(e->text, '(', e->textlen), *end = e->text + e->textlen;
      if (!p)
        continue;
      const char *c = memchr(p, ',', (size_t)(end - p));
      if (!c || end - c < 14 || memcmp(c, ", {sa_handler=", 14) != 0)
        continue; /* a query (NULL new action) */
      const char *h = c + 14;
      size_t s = sig_slot(names, &nn, intern_n(p + 1, (size_t)(c - p - 1)), true);
      if (s < SD_MAXSIG)
        row[s] = end - h >= 7 && !memcmp(h, "SIG_IGN", 7)   ? DISP_IGN
                 : end - h >= 7 && !memcmp(h, "SIG_DFL", 7) ? DISP_DFL
                                                             : DISP_HANDLER;
    }
  }
  free(d);
}
