/* A minimal reader for the flattened device tree QEMU hands us: a linear
 * walk of the structure block, enough for /memory, /chosen, /psci and the
 * reg of a few root-level devices. Reads bytes, so alignment never matters. */
#include <hal/hstring.h>

#include "arm64.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

static uint32_t be32(const void *p) {
  const uint8_t *b = p;
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be_cells(const uint8_t *p, uint32_t cells) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < cells; i++)
    v = v << 32 | be32(p + 4 * i);
  return v;
}

bool fdt_valid(const void *fdt) {
  return be32(fdt) == FDT_MAGIC && be32((const uint8_t *)fdt + 4) >= 40;
}

uint32_t fdt_total_size(const void *fdt) { return be32((const uint8_t *)fdt + 4); }

/* Called for every node start (prop == NULL) and every property. `name` is
 * the node's name (unit address included), depth 1 = child of root. */
typedef bool (*fdt_visit)(void *ctx, unsigned depth, const char *node,
                          const char *prop, const uint8_t *val, uint32_t len);

static void fdt_walk(const void *fdt, fdt_visit visit, void *ctx) {
  const uint8_t *base = fdt;
  uint32_t total = fdt_total_size(fdt);
  const uint8_t *p = base + be32(base + 8);
  const uint8_t *end = base + total;
  const char *strings = (const char *)base + be32(base + 12);
  const char *names[16] = {""};
  unsigned depth = 0; /* 1 while inside the root node */
  while (p + 4 <= end) {
    uint32_t tok = be32(p);
    p += 4;
    if (tok == FDT_BEGIN_NODE) {
      const char *name = (const char *)p;
      size_t n = hal_strlen(name);
      p += (n + 1 + 3) & ~(size_t)3;
      if (depth < 16)
        names[depth] = name;
      if (depth >= 1 && !visit(ctx, depth, name, NULL, NULL, 0))
        return;
      depth++;
    } else if (tok == FDT_END_NODE) {
      if (depth == 0)
        return;
      depth--;
    } else if (tok == FDT_PROP) {
      if (p + 8 > end)
        return;
      uint32_t len = be32(p), nameoff = be32(p + 4);
      const uint8_t *val = p + 8;
      p = val + ((len + 3) & ~3u);
      if (p > end || depth == 0)
        return;
      unsigned d = depth - 1;
      if (!visit(ctx, d, names[d < 16 ? d : 15], strings + nameoff, val, len))
        return;
    } else if (tok == FDT_NOP) {
      continue;
    } else {
      return; /* FDT_END or garbage */
    }
  }
}

/* ---- /memory ---- */
struct mem_walk {
  uint32_t acells, scells;
  void (*fn)(void *, uint64_t, uint64_t);
  void *ctx;
  unsigned found;
};

static bool is_prefix(const char *pre, const char *s) {
  while (*pre)
    if (*pre++ != *s++)
      return false;
  return true;
}

static bool mem_visit(void *ctx, unsigned depth, const char *node,
                      const char *prop, const uint8_t *val, uint32_t len) {
  struct mem_walk *w = ctx;
  if (!prop)
    return true;
  if (depth == 0 && len == 4 && hal_strcmp(prop, "#address-cells") == 0)
    w->acells = be32(val);
  else if (depth == 0 && len == 4 && hal_strcmp(prop, "#size-cells") == 0)
    w->scells = be32(val);
  else if (depth == 1 && is_prefix("memory", node) &&
           (node[6] == '\0' || node[6] == '@') && hal_strcmp(prop, "reg") == 0) {
    uint32_t step = 4 * (w->acells + w->scells);
    for (uint32_t off = 0; step && off + step <= len; off += step) {
      uint64_t b = be_cells(val + off, w->acells);
      uint64_t s = be_cells(val + off + 4 * w->acells, w->scells);
      if (s) {
        w->fn(w->ctx, b, s);
        w->found++;
      }
    }
  }
  return true;
}

unsigned fdt_memory(const void *fdt, void (*fn)(void *, uint64_t, uint64_t),
                    void *ctx) {
  struct mem_walk w = {2, 1, fn, ctx, 0};
  fdt_walk(fdt, mem_visit, &w);
  return w.found;
}

void fdt_reserved(const void *fdt, void (*fn)(void *, uint64_t, uint64_t),
                  void *ctx) {
  const uint8_t *base = fdt;
  const uint8_t *p = base + be32(base + 16);
  const uint8_t *end = base + fdt_total_size(fdt);
  for (; p + 16 <= end; p += 16) {
    uint64_t b = be_cells(p, 2), s = be_cells(p + 8, 2);
    if (b == 0 && s == 0)
      break;
    fn(ctx, b, s);
  }
}

/* ---- a property by path (root or one level: "/chosen") ---- */
struct prop_walk {
  const char *node, *prop;
  const void *val;
  uint32_t len;
};

static bool prop_visit(void *ctx, unsigned depth, const char *node,
                       const char *prop, const uint8_t *val, uint32_t len) {
  struct prop_walk *w = ctx;
  if (!prop)
    return true;
  bool node_match = (*w->node == '\0') ? depth == 0
                                       : depth == 1 && hal_strcmp(node, w->node) == 0;
  if (node_match && hal_strcmp(prop, w->prop) == 0) {
    w->val = val;
    w->len = len;
    return false;
  }
  return true;
}

const void *fdt_getprop(const void *fdt, const char *path, const char *name,
                        uint32_t *len) {
  struct prop_walk w = {path[0] == '/' ? path + 1 : path, name, NULL, 0};
  fdt_walk(fdt, prop_visit, &w);
  if (len)
    *len = w.len;
  return w.val;
}

/* ---- reg of a root-level node by compatible ---- */
struct compat_walk {
  const char *compat;
  unsigned index;
  const char *node; /* node the two facts below belong to */
  bool compat_ok;
  const uint8_t *reg;
  uint32_t reg_len;
  bool found;
};

static bool list_contains(const uint8_t *val, uint32_t len, const char *s) {
  uint32_t i = 0;
  while (i < len) {
    const char *item = (const char *)val + i;
    if (hal_strcmp(item, s) == 0)
      return true;
    i += (uint32_t)hal_strlen(item) + 1;
  }
  return false;
}

static bool compat_visit(void *ctx, unsigned depth, const char *node,
                         const char *prop, const uint8_t *val, uint32_t len) {
  struct compat_walk *w = ctx;
  if (!prop || depth != 1)
    return true;
  if (w->node != node) { /* a new node: forget the previous one's facts */
    w->node = node;
    w->compat_ok = false;
    w->reg = NULL;
  }
  if (hal_strcmp(prop, "compatible") == 0)
    w->compat_ok = list_contains(val, len, w->compat);
  else if (hal_strcmp(prop, "reg") == 0) {
    w->reg = val;
    w->reg_len = len;
  }
  if (w->compat_ok && w->reg && w->reg_len >= 16 * (w->index + 1)) {
    w->found = true;
    return false;
  }
  return true;
}

bool fdt_compat_reg(const void *fdt, const char *compat, unsigned index,
                    uint64_t *base) {
  struct compat_walk w = {compat, index, NULL, false, NULL, 0, false};
  fdt_walk(fdt, compat_visit, &w);
  if (w.found)
    *base = be_cells(w.reg + 16 * index, 2);
  return w.found;
}
