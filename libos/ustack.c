/* The initial user stack, laid out byte for byte as Linux's execve does
 * (fs/exec.c copies the strings, fs/binfmt_elf.c create_elf_tables() the
 * rest), so a program that inspects its stack sees the same shape. */
#include "libos/ustack.h"

#include <stdbool.h>

#define AT_NULL 0
#define AT_PLATFORM 15
#define AT_RANDOM 25
#define AT_EXECFN 31

/* A downward-growing cursor over [top_va - len, top_va) backed by buf. */
struct cursor {
  unsigned char *buf;
  uint64_t base_va, sp;
  bool ok;
};

static size_t slen(const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

/* Reserve n bytes below the cursor; returns their user address. */
static uint64_t reserve(struct cursor *c, uint64_t n) {
  if (!c->ok || c->sp - c->base_va < n) {
    c->ok = false;
    return 0;
  }
  c->sp -= n;
  return c->sp;
}

static void put_bytes(struct cursor *c, uint64_t va, const void *src,
                      size_t n) {
  if (!c->ok)
    return;
  const unsigned char *s = src;
  for (size_t i = 0; i < n; i++)
    c->buf[va - c->base_va + i] = s[i];
}

static uint64_t push_string(struct cursor *c, const char *s) {
  size_t n = slen(s) + 1;
  uint64_t va = reserve(c, n);
  put_bytes(c, va, s, n);
  return va;
}

static void put_word(struct cursor *c, uint64_t va, uint64_t v) {
  unsigned char b[8];
  for (int i = 0; i < 8; i++)
    b[i] = (unsigned char)(v >> (8 * i)); /* both arches are little-endian */
  put_bytes(c, va, b, 8);
}

/* The value ustack_build() supplies for an entry type, if it owns it. */
static bool own_value(uint64_t type, uint64_t random_va, uint64_t execfn_va,
                      uint64_t platform_va, uint64_t *v) {
  switch (type) {
  case AT_RANDOM: *v = random_va; return true;
  case AT_EXECFN: *v = execfn_va; return true;
  case AT_PLATFORM: *v = platform_va; return true;
  default: return false;
  }
}

/* Whether aux[] holds an entry of `type` (a placeholder to fill in). */
static bool has_type(const struct ustack_spec *s, uint64_t type) {
  for (unsigned i = 0; i < s->naux; i++)
    if (s->aux[i].type == type)
      return true;
  return false;
}

/* Entries skipped from aux[]: AT_NULL (added last) and AT_PLATFORM when
 * there is no platform string. */
static bool skipped(const struct ustack_spec *s, uint64_t type) {
  return type == AT_NULL || (type == AT_PLATFORM && !s->platform);
}

uint64_t ustack_build(void *buf, size_t len, uint64_t top_va,
                      const struct ustack_spec *s) {
  if (!buf || !s || s->argc < 0 || s->naux > USTACK_MAX_AUXV ||
      len > top_va || (top_va & 15))
    return 0;
  struct cursor c = {buf, top_va - len, top_va, true};

  /* Strings: the end marker, execfn, then envp and argv strings with the
   * last one highest, as exec copies them from the end backwards. */
  uint64_t marker = reserve(&c, 8);
  put_word(&c, marker, 0);
  uint64_t execfn_va = push_string(&c, s->execfn ? s->execfn : "");
  size_t envc = 0;
  while (s->envp && s->envp[envc])
    envc++;
  /* Addresses are recorded while pushing and written out further down. */
  for (size_t i = envc; i-- > 0;)
    push_string(&c, s->envp[i]);
  for (int i = s->argc; i-- > 0;)
    push_string(&c, s->argv[i]);
  uint64_t strings_lo = c.sp;

  /* Linux aligns here (arch_align_stack, minus its randomisation). */
  if (c.ok && (c.sp & ~(uint64_t)15) >= c.base_va)
    c.sp &= ~(uint64_t)15;
  else
    c.ok = false;
  uint64_t platform_va = s->platform ? push_string(&c, s->platform) : 0;
  uint64_t random_va = reserve(&c, 16);
  put_bytes(&c, random_va, s->random, 16);

  /* The table: argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL. */
  bool add_random = !has_type(s, AT_RANDOM);
  bool add_execfn = !has_type(s, AT_EXECFN);
  bool add_platform = s->platform && !has_type(s, AT_PLATFORM);
  uint64_t naux = 1; /* AT_NULL */
  for (unsigned i = 0; i < s->naux; i++)
    if (!skipped(s, s->aux[i].type))
      naux++;
  naux += add_random + add_execfn + add_platform;
  uint64_t words = 1 + ((uint64_t)s->argc + 1) + (envc + 1) + 2 * naux;
  if (!c.ok || words > (c.sp - c.base_va) / 8)
    return 0;
  c.sp = (c.sp - words * 8) & ~(uint64_t)15;
  if (c.sp < c.base_va)
    return 0;
  uint64_t sp = c.sp, w = sp;

  put_word(&c, w, (uint64_t)s->argc);
  w += 8;
  /* Walk the strings area again, in the order it was laid out. */
  uint64_t str = strings_lo;
  for (int i = 0; i < s->argc; i++, w += 8) {
    put_word(&c, w, str);
    str += slen(s->argv[i]) + 1;
  }
  put_word(&c, w, 0);
  w += 8;
  for (size_t i = 0; i < envc; i++, w += 8) {
    put_word(&c, w, str);
    str += slen(s->envp[i]) + 1;
  }
  put_word(&c, w, 0);
  w += 8;
  for (unsigned i = 0; i < s->naux; i++) {
    uint64_t type = s->aux[i].type, v = s->aux[i].value;
    if (skipped(s, type))
      continue;
    own_value(type, random_va, execfn_va, platform_va, &v);
    put_word(&c, w, type);
    put_word(&c, w + 8, v);
    w += 16;
  }
  if (add_random) {
    put_word(&c, w, AT_RANDOM);
    put_word(&c, w + 8, random_va);
    w += 16;
  }
  if (add_execfn) {
    put_word(&c, w, AT_EXECFN);
    put_word(&c, w + 8, execfn_va);
    w += 16;
  }
  if (add_platform) {
    put_word(&c, w, AT_PLATFORM);
    put_word(&c, w + 8, platform_va);
    w += 16;
  }
  put_word(&c, w, AT_NULL);
  put_word(&c, w + 8, 0);
  return c.ok ? sp : 0;
}
