/* tmpfs (libos/tmpfs.c) and inodes (libos/inode.c) against a model of the
 * tree over random sequences of create (file, dir, symlink), link, unlink,
 * rename and exchange, sparse writes and reads, setsize, and references
 * taken and dropped. After every step: what each name looks up, nlink of
 * files and directories (2 + subdirectories), directory sizes (40 + 20 per
 * entry), readdir listing exactly the model's names newest first (read in
 * random chunks), sizes, st_blocks, SEEK_DATA/SEEK_HOLE, the live inode
 * count (sb->used_inodes: an unlinked inode lives while a reference does)
 * and the pages used (sb->used_pages, the ENOSPC limit). When everything
 * is removed, every kzalloc block and pmm frame is back. Directed tests
 * add the edges: ENOSPC, EFAULT, EFBIG, failed allocations. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fs_fake.h"
#include <libos/kheap.h>
#include <libos/pmm.h>
#include <libos/tmpfs.h>
#include <uapi/errno.h>

#define PG 4096u
#define MAXN 200
#define MAXE 400
#define MAX_FILE 0x7fffffffffffffffull

enum { T_FILE, T_DIR, T_LINK };

struct mpage {
  uint64_t idx;
  unsigned char *bytes;
};

struct mnode {
  bool live;
  int type;
  struct inode *ino;
  int parent; /* directories */
  int held;   /* references the test holds */
  uint64_t size;
  struct mpage *pages; /* files */
  unsigned npages;
  char *target;      /* symlinks */
  uint64_t next_off; /* directories: the next entry's offset, less 3 */
};

struct mentry {
  bool used;
  int dir, node;
  char name[256];
  size_t len;
  uint64_t seq; /* listing order: the largest first */
  uint64_t off; /* getdents position */
};

static struct mnode nodes[MAXN];
static struct mentry ents[MAXE];
static uint64_t seq;
static struct super *sb;
static unsigned long step;
/* What the random sequences did (printed: a test that never gets there
 * checks nothing). */
static unsigned long n_replaced, n_exchanged, n_enospc, n_orphans;
static const struct vfs_cred cred = {1000, 1000, false, NULL, 0};

static uint64_t rng;
static uint64_t rnd64(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static uint64_t rnd(uint64_t n) {
  return n ? rnd64() % n : 0;
}

#define FAIL(...) CHECK_MSG(0, "step %lu: " __VA_ARGS__)

/* ---- The model. */

static int nlink_of(int n) {
  const struct mnode *m = &nodes[n];
  int named = n == 0, subdirs = 0;
  for (int e = 0; e < MAXE; e++) {
    if (!ents[e].used)
      continue;
    named += ents[e].node == n;
    subdirs += ents[e].dir == n && nodes[ents[e].node].type == T_DIR;
  }
  if (m->type != T_DIR)
    return named;
  return named ? 2 + subdirs : 0;
}

static int entries_in(int dir) {
  int k = 0;
  for (int e = 0; e < MAXE; e++)
    k += ents[e].used && ents[e].dir == dir;
  return k;
}

static int find_entry(int dir, const char *name, size_t len) {
  for (int e = 0; e < MAXE; e++)
    if (ents[e].used && ents[e].dir == dir && ents[e].len == len &&
        memcmp(ents[e].name, name, len) == 0)
      return e;
  return -1;
}

static uint64_t model_used_pages(void) {
  uint64_t k = 0;
  for (int n = 0; n < MAXN; n++)
    if (nodes[n].live && nodes[n].type == T_FILE)
      k += nodes[n].npages;
  return k;
}

static uint64_t model_live(void) {
  uint64_t k = 0;
  for (int n = 0; n < MAXN; n++)
    k += nodes[n].live;
  return k;
}

static struct mpage *mpage(struct mnode *m, uint64_t idx) {
  for (unsigned i = 0; i < m->npages; i++)
    if (m->pages[i].idx == idx)
      return &m->pages[i];
  return NULL;
}

static void drop_pages_from(struct mnode *m, uint64_t from) {
  for (unsigned i = 0; i < m->npages;) {
    if (m->pages[i].idx >= from) {
      free(m->pages[i].bytes);
      m->pages[i] = m->pages[--m->npages];
    } else {
      i++;
    }
  }
}

/* A removed directory that still lives (a cwd) keeps its old parent: its
 * ".." leads there. */
static bool pinned(int n) {
  for (int c = 0; c < MAXN; c++)
    if (c != n && nodes[c].live && nodes[c].type == T_DIR &&
        nodes[c].parent == n && !nlink_of(c))
      return true;
  return false;
}

/* The inode is gone in the model once nothing names, holds or pins it. */
static void maybe_free(int n) {
  struct mnode *m = &nodes[n];
  if (!m->live || m->held || nlink_of(n) || pinned(n))
    return;
  int parent = m->type == T_DIR ? m->parent : -1;
  drop_pages_from(m, 0);
  free(m->pages);
  free(m->target);
  memset(m, 0, sizeof *m);
  if (parent >= 0)
    maybe_free(parent);
}

static int new_node(int type) {
  for (int n = 1; n < MAXN; n++)
    if (!nodes[n].live) {
      memset(&nodes[n], 0, sizeof nodes[n]);
      nodes[n].live = true;
      nodes[n].type = type;
      return n;
    }
  return -1;
}

static int add_ent(int dir, const char *name, size_t len, int node) {
  for (int e = 0; e < MAXE; e++)
    if (!ents[e].used) {
      ents[e] = (struct mentry){
          true, dir, node, {0}, len, ++seq, 3 + nodes[dir].next_off++};
      memcpy(ents[e].name, name, len);
      return e;
    }
  return -1;
}

static bool model_full(void) {
  int used = 0;
  for (int e = 0; e < MAXE; e++)
    used += ents[e].used;
  return used > MAXE - 4 || model_live() > MAXN - 4;
}

/* Is `d` `a` or below it? */
static bool below(int d, int a) {
  for (int c = d;; c = nodes[c].parent) {
    if (c == a)
      return true;
    if (c == 0)
      return false;
  }
}

/* A random entry, or -1. */
static int pick_entry(void) {
  int k = 0, pick = -1;
  for (int e = 0; e < MAXE; e++)
    if (ents[e].used && rnd((uint64_t)++k) == 0)
      pick = e;
  return pick;
}

/* A random directory that has a name (or the root). */
static int pick_dir(void) {
  int k = 1, pick = 0;
  for (int e = 0; e < MAXE; e++)
    if (ents[e].used && nodes[ents[e].node].type == T_DIR &&
        rnd((uint64_t)++k) == 0)
      pick = ents[e].node;
  return pick;
}

/* A random live node of `type` (-1: any), or -1. */
static int pick_node(int type) {
  int k = 0, pick = -1;
  for (int n = 0; n < MAXN; n++)
    if (nodes[n].live && (type < 0 || nodes[n].type == type) &&
        rnd((uint64_t)++k) == 0)
      pick = n;
  return pick;
}

static size_t random_name(char *buf) {
  if (rnd(40) == 0) { /* NAME_MAX bytes */
    memset(buf, 'L', 255);
    buf[254] = (char)('a' + rnd(3));
    return 255;
  }
  if (rnd(3) == 0) {
    buf[0] = (char)('a' + rnd(6));
    return 1;
  }
  buf[0] = 'n';
  buf[1] = (char)('0' + rnd(10));
  buf[2] = (char)('0' + rnd(3));
  return 3;
}

/* ---- Checks. */

struct listing {
  char name[64][256];
  size_t len[64];
  uint64_t ino[64];
  unsigned type[64];
  uint64_t pos[64];
  unsigned n, room;
};

static bool emit(void *ctx, const char *name, size_t len, uint64_t ino,
                 unsigned type, uint64_t next_pos) {
  struct listing *l = ctx;
  if (l->room == 0 || l->n == 64)
    return false;
  l->room--;
  memcpy(l->name[l->n], name, len);
  l->len[l->n] = len;
  l->ino[l->n] = ino;
  l->type[l->n] = type;
  l->pos[l->n++] = next_pos;
  return true;
}

static unsigned dtype(int type) {
  return type == T_DIR    ? LINUX_DT_DIR
         : type == T_LINK ? LINUX_DT_LNK
                          : LINUX_DT_REG;
}

#define EOD 0x7fffffffu

/* The model's entries of directory d in listing order (newest first). */
static int model_listing(int d, int *want) {
  int nwant = 0;
  for (int e = 0; e < MAXE; e++)
    if (ents[e].used && ents[e].dir == d)
      want[nwant++] = e;
  for (int i = 1; i < nwant; i++)
    for (int j = i; j > 0 && ents[want[j]].seq > ents[want[j - 1]].seq; j--) {
      int t = want[j];
      want[j] = want[j - 1];
      want[j - 1] = t;
    }
  return nwant;
}

/* Read directory `dir` from `pos` on in random chunks. */
static void read_from(struct inode *dir, uint64_t pos, struct listing *l) {
  for (int calls = 0; calls < 200; calls++) {
    unsigned before = l->n;
    l->room = 1 + (unsigned)rnd(4);
    CHECK(dir->ops->readdir(dir, &pos, emit, l) == 0);
    if (l->n == before)
      break;
  }
  CHECK_MSG(pos == EOD, "step %lu: a listing ends at %llu", step,
            (unsigned long long)pos);
}

static void check_readdir(int d) {
  struct inode *dir = nodes[d].ino;
  struct listing l = {0};
  read_from(dir, 0, &l);
  /* ".", "..", then the entries newest first, each d_off the next one's
   * offset (the last: the end). */
  int want[MAXE];
  int nwant = model_listing(d, want);
  if (l.n != (unsigned)nwant + 2) {
    FAIL("readdir of node %d: %u names, model %d", step, d, l.n, nwant + 2);
    return;
  }
  CHECK(l.len[0] == 1 && l.name[0][0] == '.' && l.ino[0] == dir->ino);
  CHECK(l.pos[0] == 1);
  CHECK(l.len[1] == 2 && memcmp(l.name[1], "..", 2) == 0);
  CHECK(l.ino[1] == nodes[nodes[d].parent].ino->ino);
  for (int i = 0; i < nwant; i++) {
    const struct mentry *e = &ents[want[i]];
    CHECK_MSG(l.len[i + 2] == e->len &&
                  memcmp(l.name[i + 2], e->name, e->len) == 0,
              "step %lu: readdir entry %d", step, i);
    CHECK(l.ino[i + 2] == nodes[e->node].ino->ino);
    CHECK(l.type[i + 2] == dtype(nodes[e->node].type));
    CHECK_MSG(l.pos[i + 1] == e->off, "step %lu: d_off before entry %d", step,
              i);
  }
  CHECK(l.pos[nwant + 1] == EOD);
  /* A listing from any position: the entry with the largest offset at or
   * below it, else the first, then on in listing order. */
  uint64_t pos;
  switch (rnd(4)) {
  case 0:
    pos = nwant ? ents[want[rnd((uint64_t)nwant)]].off : 2;
    break;
  case 1:
    pos = 2 + rnd(3 + nodes[d].next_off + 2);
    break;
  case 2:
    pos = rnd(2) ? EOD : EOD + 1 + rnd(1000);
    break;
  default:
    pos = rnd(3);
  }
  int from = 0;
  if (pos >= 2) {
    int best = -1;
    for (int i = 0; i < nwant; i++)
      if (ents[want[i]].off <= pos &&
          (best < 0 || ents[want[i]].off > ents[want[best]].off))
        best = i;
    from = best < 0 ? 0 : best;
  }
  int expect = pos == 0     ? nwant + 2
               : pos == 1   ? nwant + 1
               : pos == EOD ? 0
                            : nwant - from;
  struct listing r = {0};
  read_from(dir, pos, &r);
  CHECK_MSG(r.n == (unsigned)expect, "step %lu: from %llu: %u, model %d", step,
            (unsigned long long)pos, r.n, expect);
  if (pos >= 2 && pos != EOD && r.n == (unsigned)expect && expect > 0) {
    const struct mentry *e = &ents[want[from]];
    CHECK_MSG(r.len[0] == e->len && memcmp(r.name[0], e->name, e->len) == 0,
              "step %lu: from %llu starts elsewhere", step,
              (unsigned long long)pos);
  }
}

static void check_contents(int n) {
  struct mnode *m = &nodes[n];
  struct inode *ino = m->ino;
  static unsigned char buf[64 * PG];
  /* Small files whole; large (sparse) ones around every page and at
   * random places, holes included. */
  uint64_t starts[40];
  unsigned nstarts = 0;
  if (m->size <= sizeof buf) {
    starts[nstarts++] = 0;
  } else {
    for (unsigned i = 0; i < m->npages && nstarts < 30; i++)
      starts[nstarts++] = m->pages[i].idx * PG - (m->pages[i].idx ? 7 : 0);
    while (nstarts < 40)
      starts[nstarts++] = rnd(m->size + PG);
  }
  for (unsigned s = 0; s < nstarts; s++) {
    uint64_t off = starts[s];
    size_t n_ =
        m->size < sizeof buf ? (size_t)m->size + 1 + rnd(100) : 2 * PG + 9;
    if (n_ > sizeof buf)
      n_ = sizeof buf;
    memset(buf, 0x5a, n_);
    struct fs_user u = fs_user(buf, n_);
    long r = ino->ops->rw(ino, &u.mm, (uint64_t)(uintptr_t)buf, n_, off, false);
    uint64_t want = off >= m->size       ? 0
                    : m->size - off < n_ ? m->size - off
                                         : n_;
    if (r != (long)want) {
      FAIL("read node %d at %llu: %ld, model %llu", step, n,
           (unsigned long long)off, r, (unsigned long long)want);
      continue;
    }
    for (uint64_t i = 0; i < want;) {
      uint64_t at = off + i;
      size_t k = PG - at % PG < want - i ? PG - at % PG : (size_t)(want - i);
      struct mpage *p = mpage(m, at / PG);
      static const unsigned char zeros[PG];
      const unsigned char *c = p ? p->bytes + at % PG : zeros;
      if (memcmp(buf + i, c, k) != 0) {
        FAIL("node %d bytes at %llu differ", step, n, (unsigned long long)at);
        break;
      }
      i += k;
    }
    CHECK(want == n_ || buf[want] == 0x5a); /* nothing past the end */
  }
}

static void check_seek(int n) {
  struct mnode *m = &nodes[n];
  for (int k = 0; k < 4; k++) {
    uint64_t off = rnd(m->size + 2 * PG);
    int64_t wd, wh;
    if (off >= m->size) {
      wd = wh = -ENXIO;
    } else {
      uint64_t d = UINT64_MAX;
      for (unsigned i = 0; i < m->npages; i++)
        if (m->pages[i].idx >= off / PG && m->pages[i].idx < d)
          d = m->pages[i].idx;
      wd = d == UINT64_MAX || d * PG >= m->size ? -ENXIO
           : d * PG > off                       ? (int64_t)(d * PG)
                                                : (int64_t)off;
      uint64_t h = off / PG;
      while (h * PG < m->size && mpage(m, h))
        h++;
      h = h * PG < off ? off : h * PG;
      wh = (int64_t)(h < m->size ? h : m->size);
    }
    CHECK_MSG(m->ino->ops->seek_data(m->ino, off, true) == wd,
              "step %lu: SEEK_DATA %llu", step, (unsigned long long)off);
    CHECK_MSG(m->ino->ops->seek_data(m->ino, off, false) == wh,
              "step %lu: SEEK_HOLE %llu", step, (unsigned long long)off);
  }
}

static void check_all(void) {
  for (int n = 0; n < MAXN; n++) {
    struct mnode *m = &nodes[n];
    if (!m->live)
      continue;
    struct inode *ino = m->ino;
    int nl = nlink_of(n);
    CHECK_MSG(ino->nlink == (uint32_t)nl,
              "step %lu: node %d nlink %u, model %d", step, n, ino->nlink, nl);
    uint64_t blocks = m->type == T_FILE   ? m->npages * 8ull
                      : m->type == T_LINK ? (m->size < 128 ? 0 : 8)
                                          : 0;
    CHECK_MSG(inode_blocks(ino) == blocks, "step %lu: node %d blocks", step, n);
    if (m->type == T_DIR) {
      if (nl)
        CHECK_MSG(ino->size == 40 + 20 * (uint64_t)entries_in(n),
                  "step %lu: dir %d size %llu", step, n,
                  (unsigned long long)ino->size);
      check_readdir(n);
    } else {
      CHECK_MSG(ino->size == m->size, "step %lu: node %d size", step, n);
    }
    if (m->type == T_LINK)
      CHECK(strcmp(ino->target, m->target) == 0);
  }
  for (int e = 0; e < MAXE; e++) {
    if (!ents[e].used)
      continue;
    struct inode *dir = nodes[ents[e].dir].ino, *got = NULL;
    int r = dir->ops->lookup(dir, ents[e].name, ents[e].len, &got);
    CHECK_MSG(r == 0 && got == nodes[ents[e].node].ino, "step %lu: lookup %.*s",
              step, (int)ents[e].len, ents[e].name);
    if (r == 0)
      inode_put(got);
  }
  int d = pick_dir();
  struct inode *got;
  CHECK(nodes[d].ino->ops->lookup(nodes[d].ino, "absent", 6, &got) == -ENOENT);
  CHECK_MSG(sb->used_inodes == model_live(),
            "step %lu: %llu inodes, model %llu", step,
            (unsigned long long)sb->used_inodes,
            (unsigned long long)model_live());
  CHECK_MSG(sb->used_pages == model_used_pages(),
            "step %lu: %llu pages used, model %llu", step,
            (unsigned long long)sb->used_pages,
            (unsigned long long)model_used_pages());
}

/* ---- Operations, each as the VFS would call it (its checks done). */

static void op_create(void) {
  if (model_full())
    return;
  int d = pick_dir();
  char name[256];
  size_t len = random_name(name);
  if (find_entry(d, name, len) >= 0)
    return;
  int type = (int)rnd(3);
  uint32_t mode = type == T_DIR    ? LINUX_S_IFDIR | 0755
                  : type == T_LINK ? LINUX_S_IFLNK | 0777
                                   : LINUX_S_IFREG | 0644;
  char target[300] = {0};
  if (type == T_LINK) {
    size_t tl = 1 + rnd(rnd(4) ? 40 : 250);
    for (size_t i = 0; i < tl; i++)
      target[i] = (char)('a' + rnd(26));
  }
  struct inode *dir = nodes[d].ino, *ino = NULL;
  int r = dir->ops->create(dir, name, len, mode, 0,
                           type == T_LINK ? target : NULL, &cred, &ino);
  if (sb->max_inodes && model_live() >= sb->max_inodes) {
    CHECK_MSG(r == -ENOSPC, "step %lu: create past max_inodes: %d", step, r);
    return;
  }
  if (r != 0) {
    FAIL("create: %d", step, r);
    return;
  }
  int n = new_node(type);
  nodes[n].ino = ino;
  nodes[n].parent = d;
  nodes[n].held = 1;
  if (type == T_LINK) {
    nodes[n].target = strdup(target);
    nodes[n].size = strlen(target);
  }
  CHECK(ino->mode == mode && ino->uid == 1000 && ino->gid == 1000);
  add_ent(d, name, len, n);
  if (rnd(4)) { /* keep the creation's reference sometimes */
    nodes[n].held = 0;
    inode_put(ino);
  }
}

static void op_link(void) {
  if (model_full())
    return;
  int e = pick_entry();
  if (e < 0 || nodes[ents[e].node].type == T_DIR)
    return;
  int d = pick_dir(), n = ents[e].node;
  char name[256];
  size_t len = random_name(name);
  if (find_entry(d, name, len) >= 0)
    return;
  CHECK(nodes[d].ino->ops->link(nodes[d].ino, name, len, nodes[n].ino) == 0);
  add_ent(d, name, len, n);
}

static void op_unlink(void) {
  int e = pick_entry();
  if (e < 0)
    return;
  int n = ents[e].node, d = ents[e].dir;
  if (nodes[n].type == T_DIR && entries_in(n))
    return; /* ENOTEMPTY */
  struct inode *dir = nodes[d].ino;
  CHECK(dir->ops->unlink(dir, ents[e].name, ents[e].len) == 0);
  ents[e].used = false;
  maybe_free(n);
}

static void op_rename(bool exchange) {
  int o = pick_entry();
  if (o < 0)
    return;
  int s = ents[o].node, od = ents[o].dir, nd = pick_dir();
  char name[256];
  size_t len = random_name(name);
  int t = find_entry(nd, name, len);
  if (t == o) { /* the same entry: nothing happens */
    CHECK(nodes[od].ino->ops->rename(nodes[od].ino, name, len, nodes[nd].ino,
                                     name, len, false) == 0);
    return;
  }
  if (t >= 0 && ents[t].node == s)
    return; /* the VFS does nothing */
  if (exchange && t < 0)
    return;
  if (nodes[s].type == T_DIR && below(nd, s))
    return; /* EINVAL */
  if (t >= 0) {
    int dt = ents[t].node;
    if (exchange && nodes[dt].type == T_DIR && below(od, dt))
      return;
    if (!exchange && (nodes[s].type == T_DIR) != (nodes[dt].type == T_DIR))
      return; /* EISDIR / ENOTDIR */
    if (!exchange && nodes[dt].type == T_DIR && entries_in(dt))
      return; /* ENOTEMPTY */
  } else if (model_full()) {
    return;
  }
  int r = nodes[od].ino->ops->rename(nodes[od].ino, ents[o].name, ents[o].len,
                                     nodes[nd].ino, name, len, exchange);
  CHECK_MSG(r == 0, "step %lu: rename: %d", step, r);
  n_replaced += t >= 0 && !exchange;
  n_exchanged += exchange;
  if (exchange) {
    /* Names keep their offsets; both go to the front, the new one first. */
    int dt = ents[t].node;
    ents[o].node = dt;
    ents[t].node = s;
    ents[o].seq = ++seq;
    ents[t].seq = ++seq;
    if (nodes[s].type == T_DIR)
      nodes[s].parent = nd;
    if (nodes[dt].type == T_DIR)
      nodes[dt].parent = od;
    return;
  }
  ents[o].used = false;
  int dt = -1;
  if (t >= 0) { /* the moved name takes the replaced one's offset */
    dt = ents[t].node;
    ents[t].node = s;
    ents[t].seq = ++seq;
  } else {
    add_ent(nd, name, len, s);
  }
  if (nodes[s].type == T_DIR)
    nodes[s].parent = nd;
  if (dt >= 0)
    maybe_free(dt);
}

static uint64_t random_offset(void) {
  switch (rnd(8)) {
  case 0:
    return rnd(1ull << 40);
  case 1:
    return rnd(40) * PG - rnd(2);
  default:
    return rnd(20 * PG);
  }
}

static void op_write(void) {
  int n = pick_node(T_FILE);
  if (n < 0)
    return;
  struct mnode *m = &nodes[n];
  uint64_t off = random_offset();
  if (off > (1ull << 62))
    off = 0;
  size_t len = (size_t)rnd(rnd(4) ? 2 * PG : 6 * PG);
  unsigned char *buf = malloc(len + 1);
  for (size_t i = 0; i < len; i++)
    buf[i] = (unsigned char)(1 + rnd(255));
  /* The model: page by page, stopping where a new page would pass the
   * limit. */
  size_t done = 0;
  while (done < len) {
    uint64_t at = off + done, idx = at / PG;
    size_t k = PG - at % PG < len - done ? PG - at % PG : len - done;
    struct mpage *p = mpage(m, idx);
    if (!p) {
      if (sb->max_pages && model_used_pages() >= sb->max_pages)
        break;
      m->pages = realloc(m->pages, (m->npages + 1) * sizeof *m->pages);
      p = &m->pages[m->npages++];
      p->idx = idx;
      p->bytes = calloc(1, PG);
    }
    memcpy(p->bytes + at % PG, buf + done, k);
    done += k;
  }
  long want = done || !len ? (long)done : -ENOSPC;
  n_enospc += done < len;
  if (done && off + done > m->size)
    m->size = off + done;
  struct fs_user u = fs_user(buf, len);
  long r =
      m->ino->ops->rw(m->ino, &u.mm, (uint64_t)(uintptr_t)buf, len, off, true);
  CHECK_MSG(r == want, "step %lu: write %zu at %llu: %ld, model %ld", step, len,
            (unsigned long long)off, r, want);
  free(buf);
  check_contents(n);
}

static void op_setsize(void) {
  int n = pick_node(T_FILE);
  if (n < 0)
    return;
  struct mnode *m = &nodes[n];
  uint64_t size = rnd(5) == 0 ? 0 : rnd(m->size + 3 * PG);
  if (rnd(20) == 0)
    size = rnd(1ull << 45);
  if (size < m->size) {
    drop_pages_from(m, (size + PG - 1) / PG);
    struct mpage *p = mpage(m, size / PG);
    if (p)
      memset(p->bytes + size % PG, 0, PG - size % PG);
  }
  m->size = size;
  CHECK(m->ino->ops->setsize(m->ino, size) == 0);
  check_contents(n);
}

static void op_hold(void) {
  int e = pick_entry();
  if (e < 0)
    return;
  struct inode *dir = nodes[ents[e].dir].ino, *got;
  CHECK(dir->ops->lookup(dir, ents[e].name, ents[e].len, &got) == 0);
  nodes[ents[e].node].held++;
}

static void op_release(void) {
  int k = 0, pick = -1;
  for (int n = 0; n < MAXN; n++)
    if (nodes[n].live && nodes[n].held && rnd((uint64_t)++k) == 0)
      pick = n;
  if (pick < 0)
    return;
  nodes[pick].held--;
  inode_put(nodes[pick].ino);
  maybe_free(pick);
}

/* Remove everything: references first, then names from the leaves up. */
static void remove_all(void) {
  for (int n = 0; n < MAXN; n++)
    while (nodes[n].live && nodes[n].held) {
      nodes[n].held--;
      inode_put(nodes[n].ino);
      maybe_free(n);
    }
  for (bool again = true; again;) {
    again = false;
    for (int e = 0; e < MAXE; e++) {
      if (!ents[e].used)
        continue;
      int n = ents[e].node;
      if (nodes[n].type == T_DIR && entries_in(n))
        continue;
      struct inode *dir = nodes[ents[e].dir].ino;
      CHECK(dir->ops->unlink(dir, ents[e].name, ents[e].len) == 0);
      ents[e].used = false;
      maybe_free(n);
      again = true;
    }
  }
}

/* A fresh tmpfs; returns its root's model node (0). */
static void mount_fresh(uint64_t max_pages) {
  sb = tmpfs_create(0755, max_pages);
  CHECK(sb != NULL);
  memset(nodes, 0, sizeof nodes);
  memset(ents, 0, sizeof ents);
  nodes[0] = (struct mnode){.live = true, .type = T_DIR, .ino = sb->root};
}

/* Unmount: the root goes with the super (there is no umount yet). */
static void unmount(void) {
  CHECK(sb->used_inodes == 1 && sb->used_pages == 0);
  sb->root->nlink = 0;
  inode_put(sb->root);
  CHECK(sb->used_inodes == 0);
  kfree(sb);
}

static size_t free0, class0;
static long heap0;

static void check_no_leak(const char *what) {
  CHECK_MSG(fs_heap_live == heap0, "%s: %ld kzalloc blocks leaked", what,
            fs_heap_live - heap0);
  CHECK_MSG(pmm_free_count() + (fs_heap_class_pages - class0) == free0,
            "%s: %zu frames leaked", what,
            free0 - pmm_free_count() - (fs_heap_class_pages - class0));
}

static void test_random(void) {
  for (unsigned seed = 1; seed <= 16; seed++) {
    rng = 0x2545f4914f6cdd1dull * seed;
    mount_fresh(seed % 2 ? 48 : 1u << 20); /* tight: ENOSPC, inode limit */
    for (step = 0; step < 1500; step++) {
      unsigned op = (unsigned)rnd(100);
      if (op < 20)
        op_create();
      else if (op < 26)
        op_link();
      else if (op < 38)
        op_unlink();
      else if (op < 48)
        op_rename(false);
      else if (op < 52)
        op_rename(true);
      else if (op < 70)
        op_write();
      else if (op < 76)
        op_setsize();
      else if (op < 82)
        op_hold();
      else if (op < 88)
        op_release();
      else if (op < 94) {
        int n = pick_node(T_FILE);
        if (n >= 0)
          check_contents(n);
      } else {
        int n = pick_node(T_FILE);
        if (n >= 0)
          check_seek(n);
      }
      for (int n = 0; n < MAXN; n++)
        n_orphans += nodes[n].live && nodes[n].held && !nlink_of(n);
      check_all();
      if (check_failures > 20)
        return;
    }
    remove_all();
    check_all();
    unmount();
    check_no_leak("random");
  }
  printf("random: %lu replacing renames, %lu exchanges, %lu short writes, "
         "%lu orphan-steps\n",
         n_replaced, n_exchanged, n_enospc, n_orphans);
  CHECK(n_replaced > 50 && n_exchanged > 50 && n_enospc > 50 &&
        n_orphans > 100);
}

static struct inode *make(struct inode *dir, const char *name, uint32_t mode,
                          const char *target) {
  struct inode *ino = NULL;
  CHECK(dir->ops->create(dir, name, strlen(name), mode, 0, target, &cred,
                         &ino) == 0);
  return ino;
}

static long rw(struct inode *ino, void *buf, size_t n, size_t valid,
               uint64_t off, bool write) {
  struct fs_user u = fs_user(buf, valid);
  return ino->ops->rw(ino, &u.mm, (uint64_t)(uintptr_t)buf, n, off, write);
}

/* An unlinked file lives on while referenced, then goes with its pages. */
static void test_unlinked(void) {
  mount_fresh(1000);
  struct inode *root = sb->root;
  struct inode *f = make(root, "f", LINUX_S_IFREG | 0600, NULL);
  char buf[3 * PG], back[3 * PG];
  memset(buf, 'q', sizeof buf);
  CHECK(rw(f, buf, sizeof buf, sizeof buf, 5, true) == (long)sizeof buf);
  CHECK(sb->used_inodes == 2 && sb->used_pages == 4);
  CHECK(root->ops->unlink(root, "f", 1) == 0);
  CHECK(f->nlink == 0 && sb->used_inodes == 2 && root->size == 40);
  CHECK(rw(f, back, sizeof back, sizeof back, 5, false) == (long)sizeof back);
  CHECK(memcmp(buf, back, sizeof buf) == 0);
  CHECK(rw(f, buf, 10, 10, 5 * PG, true) == 10 && sb->used_pages == 5);
  inode_put(f);
  CHECK(sb->used_inodes == 1 && sb->used_pages == 0);
  /* An unlinked directory, too. */
  struct inode *d = make(root, "d", LINUX_S_IFDIR | 0700, NULL);
  CHECK(root->nlink == 3 && d->nlink == 2);
  CHECK(root->ops->unlink(root, "d", 1) == 0);
  CHECK(root->nlink == 2 && d->nlink == 0 && sb->used_inodes == 2);
  inode_put(d);
  CHECK(sb->used_inodes == 1);
  /* A removed directory still referenced keeps its removed parent: its
   * ".." leads there until it goes. */
  struct inode *p = make(root, "p", LINUX_S_IFDIR | 0700, NULL);
  struct inode *q = make(p, "q", LINUX_S_IFDIR | 0700, NULL);
  inode_put(p);
  CHECK(p->ops->unlink(p, "q", 1) == 0 && p->nlink == 2);
  CHECK(root->ops->unlink(root, "p", 1) == 0 && sb->used_inodes == 3);
  struct listing l = {.room = 2};
  uint64_t pos = 0;
  CHECK(q->ops->readdir(q, &pos, emit, &l) == 0 && l.n == 2);
  CHECK(l.ino[1] == p->ino);
  inode_put(q);
  CHECK(sb->used_inodes == 1);
  unmount();
  check_no_leak("unlinked");
}

static void test_limits(void) {
  /* Data: a short write up to the limit, then ENOSPC; all back after
   * truncation. */
  mount_fresh(4);
  struct inode *root = sb->root;
  struct inode *f = make(root, "f", LINUX_S_IFREG | 0600, NULL);
  static char buf[6 * PG];
  CHECK(rw(f, buf, 5 * PG, 5 * PG, 0, true) == 4 * PG);
  CHECK(f->size == 4 * PG && sb->used_pages == 4);
  CHECK(rw(f, buf, 1, 1, 4 * PG, true) == -ENOSPC);
  CHECK(rw(f, buf, 1, 1, PG + 3, true) == 1); /* an existing page */
  CHECK(f->ops->setsize(f, PG + 1) == 0 && sb->used_pages == 2);
  CHECK(inode_blocks(f) == 16);
  CHECK(rw(f, buf, 2 * PG, 2 * PG, 100 * PG, true) == 2 * PG);
  CHECK(f->size == 102 * PG);
  /* Inodes: as many as pages (root included). */
  struct inode *ino;
  inode_put(make(root, "g", LINUX_S_IFREG, NULL));
  CHECK(sb->used_inodes == 3);
  inode_put(make(root, "h", LINUX_S_IFREG, NULL));
  CHECK(root->ops->create(root, "i", 1, LINUX_S_IFREG, 0, NULL, &cred, &ino) ==
        -ENOSPC);
  CHECK(root->ops->lookup(root, "i", 1, &ino) == -ENOENT);
  CHECK(root->size == 40 + 3 * 20);
  CHECK(root->ops->unlink(root, "g", 1) == 0);
  CHECK(root->ops->unlink(root, "h", 1) == 0);
  inode_put(f);
  CHECK(root->ops->unlink(root, "f", 1) == 0);
  unmount();
  check_no_leak("limits");

  /* Out of frames: ENOSPC too, nothing lost. */
  mount_fresh(0); /* no size limit */
  root = sb->root;
  f = make(root, "f", LINUX_S_IFREG | 0600, NULL);
  uint64_t *taken = malloc(pmm_total_count() * sizeof *taken);
  size_t ntaken = 0;
  for (uint64_t pa; (pa = pmm_alloc()) != 0;)
    taken[ntaken++] = pa;
  CHECK(rw(f, buf, 10, 10, 0, true) == -ENOSPC);
  CHECK(f->size == 0 && sb->used_pages == 0);
  while (ntaken)
    pmm_unref(taken[--ntaken]);
  free(taken);
  inode_put(f);
  CHECK(root->ops->unlink(root, "f", 1) == 0);
  unmount();
  check_no_leak("out of frames");
}

static void test_faults_and_sizes(void) {
  mount_fresh(1000);
  struct inode *root = sb->root;
  struct inode *f = make(root, "f", LINUX_S_IFREG | 0600, NULL);
  static char buf[3 * PG];
  memset(buf, 'w', sizeof buf);
  /* A user buffer ending early: the valid prefix moves, the rest faults. */
  CHECK(rw(f, buf, 100, 0, 0, true) == -EFAULT);
  CHECK(f->size == 0);
  CHECK(rw(f, buf, 2 * PG, PG + 10, 0, true) == PG + 10);
  CHECK(f->size == PG + 10);
  memset(buf, 0, sizeof buf);
  CHECK(rw(f, buf, PG + 10, 20, 0, false) == 20);
  CHECK(rw(f, buf, PG, 0, 0, false) == -EFAULT);
  CHECK(rw(f, buf, PG, PG, PG + 10, false) == 0); /* at the end */
  CHECK(rw(f, buf, 0, 0, 3, true) == 0 && f->size == PG + 10);
  /* The largest file: EFBIG at and past it, writes cut short before it. */
  CHECK(rw(f, buf, 1, 1, MAX_FILE, true) == -EFBIG);
  CHECK(rw(f, buf, 10, 10, MAX_FILE - 4, true) == 4);
  CHECK(f->size == MAX_FILE);
  CHECK(f->ops->seek_data(f, PG + 9, true) == PG + 9);
  CHECK(f->ops->seek_data(f, 2 * PG, true) == (int64_t)(MAX_FILE + 1 - PG));
  CHECK(f->ops->seek_data(f, 0, false) == 2 * PG);
  CHECK(f->ops->setsize(f, MAX_FILE + 1) == -EFBIG);
  CHECK(f->ops->setsize(f, 10) == 0 && sb->used_pages == 1);
  /* Shrinking zeroes the cut tail: growing again reads zeros. */
  CHECK(f->ops->setsize(f, 300) == 0);
  memset(buf, 1, 300);
  CHECK(rw(f, buf, 300, 300, 0, false) == 300);
  CHECK(buf[9] == 'w' && buf[10] == 0 && buf[299] == 0);
  inode_put(f);
  CHECK(root->ops->unlink(root, "f", 1) == 0);
  unmount();
  check_no_leak("faults");
}

/* Allocation failures: each call fails whole, nothing changes, no leak. */
static void test_alloc_failures(void) {
  mount_fresh(1000);
  struct inode *root = sb->root, *ino;
  for (long k = 0; k < 8; k++) {
    long heap = fs_heap_live;
    fs_heap_fail_after = k;
    int r = root->ops->create(root, "s", 1, LINUX_S_IFLNK | 0777, 0,
                              "some/target", &cred, &ino);
    fs_heap_fail_after = -1;
    if (r == 0) {
      CHECK(k >= 6); /* inode, target, entry, the index and its arrays */
      inode_put(ino);
      break;
    }
    CHECK(r == -ENOMEM || r == -ENOSPC);
    CHECK(fs_heap_live == heap && sb->used_inodes == 1 && root->size == 40);
    CHECK(root->ops->lookup(root, "s", 1, &ino) == -ENOENT);
  }
  struct inode *a = make(root, "a", LINUX_S_IFREG | 0600, NULL);
  struct inode *b = make(root, "b", LINUX_S_IFREG | 0600, NULL);
  fs_heap_fail_after = 0;
  CHECK(root->ops->link(root, "c", 1, a) == -ENOMEM);
  CHECK(a->nlink == 1 && root->size == 40 + 3 * 20);
  /* A rename that cannot allocate its entry leaves both names. */
  CHECK(root->ops->rename(root, "a", 1, root, "b", 1, false) == -ENOMEM);
  fs_heap_fail_after = -1;
  CHECK(root->ops->lookup(root, "a", 1, &ino) == 0 && ino == a);
  inode_put(ino);
  CHECK(root->ops->lookup(root, "b", 1, &ino) == 0 && ino == b);
  inode_put(ino);
  CHECK(a->nlink == 1 && b->nlink == 1 && root->size == 40 + 3 * 20);
  /* Writes: a page map node that cannot be had is ENOSPC, no page lost. */
  static char buf[PG];
  fs_heap_fail_after = 0;
  CHECK(rw(a, buf, 10, 10, 0, true) == -ENOSPC);
  fs_heap_fail_after = -1;
  CHECK(a->size == 0 && sb->used_pages == 0);
  inode_put(a);
  inode_put(b);
  CHECK(root->ops->unlink(root, "a", 1) == 0);
  CHECK(root->ops->unlink(root, "b", 1) == 0);
  CHECK(root->ops->unlink(root, "s", 1) == 0);
  unmount();
  check_no_leak("alloc failures");
}

/* A big directory listed a few entries a call while every listed name
 * is removed and a new one added (rm -r's pattern): each old name is seen
 * once, no new one (they go to the front), and what is left looks up. */
#define BIG 5000
static unsigned char seen[BIG];
static unsigned big_chunk, big_new_seen, big_dups;
static char big_last[BIG][8];
static unsigned big_nlast;

static bool big_emit(void *ctx, const char *name, size_t len, uint64_t ino,
                     unsigned type, uint64_t next_pos) {
  (void)ctx, (void)ino, (void)type, (void)next_pos;
  if (big_chunk == 0)
    return false;
  big_chunk--;
  if (name[0] == 'f') {
    unsigned i = (unsigned)atoi(name + 1);
    big_dups += seen[i]++ != 0;
    memcpy(big_last[big_nlast], name, len);
    big_last[big_nlast++][len] = 0;
  } else if (name[0] == 'n') {
    big_new_seen++;
  }
  return true;
}

static void test_big_dir(void) {
  mount_fresh(0);
  struct inode *root = sb->root;
  char name[16];
  for (unsigned i = 0; i < BIG; i++) {
    snprintf(name, sizeof name, "f%u", i);
    inode_put(make(root, name, LINUX_S_IFREG | 0600, NULL));
  }
  uint64_t pos = 0;
  unsigned calls = 0, added = 0;
  for (;;) {
    /* The first call passes "." and "..": a name added before the
     * listing reaches the entries is listed, as on Linux. */
    big_chunk = (calls ? 1 : 3) + (unsigned)rnd(9);
    unsigned before = big_chunk;
    big_nlast = 0;
    CHECK(root->ops->readdir(root, &pos, big_emit, NULL) == 0);
    if (big_chunk == before)
      break;
    calls++;
    for (unsigned k = 0; k < big_nlast; k++)
      CHECK(root->ops->unlink(root, big_last[k], strlen(big_last[k])) == 0);
    snprintf(name, sizeof name, "n%u", added++);
    inode_put(make(root, name, LINUX_S_IFREG | 0600, NULL));
  }
  unsigned missed = 0;
  for (unsigned i = 0; i < BIG; i++)
    missed += seen[i] == 0;
  CHECK_MSG(missed == 0 && big_dups == 0 && big_new_seen == 0,
            "big: %u missed, %u twice, %u new seen", missed, big_dups,
            big_new_seen);
  CHECK(calls > BIG / 10 && pos == EOD);
  CHECK(root->size == 40 + 20ull * added && sb->used_inodes == 1 + added);
  for (unsigned i = 0; i < added; i++) {
    struct inode *ino;
    snprintf(name, sizeof name, "n%u", i);
    CHECK(root->ops->lookup(root, name, strlen(name), &ino) == 0);
    inode_put(ino);
    CHECK(root->ops->unlink(root, name, strlen(name)) == 0);
  }
  unmount();
  check_no_leak("big directory");
}

int main(void) {
  fs_fake_init(16384);
  free0 = pmm_free_count();
  class0 = fs_heap_class_pages;
  heap0 = fs_heap_live;
  test_unlinked();
  test_limits();
  test_faults_and_sizes();
  test_alloc_failures();
  test_big_dir();
  test_random();
  return check_done("unit.fs.tmpfs");
}
