/* UTS namespaces (uts.h): reference-counted pairs of names. */
#include <libos/uts.h>

#include <libos/kheap.h>
#include <libos/kstring.h>

static struct uts_ns initial = {1, "kdiff", "(none)"};

struct uts_ns *uts_initial(void) {
  return uts_get(&initial);
}

struct uts_ns *uts_get(struct uts_ns *u) {
  if (u)
    u->refs++;
  return u;
}

void uts_put(struct uts_ns *u) {
  if (u && --u->refs == 0 && u != &initial)
    kfree(u);
}

struct uts_ns *uts_copy(const struct uts_ns *u) {
  struct uts_ns *n = kzalloc(sizeof *n);
  if (!n)
    return 0;
  memcpy(n->nodename, u->nodename, sizeof n->nodename);
  memcpy(n->domainname, u->domainname, sizeof n->domainname);
  n->refs = 1;
  return n;
}
