/* ustack_build(): walked word by word, at every buffer size, and compared
 * with the stack Linux itself builds for a static musl program (stackdump,
 * run natively with the same argv, envp and execfn). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "libos/ustack.h"

#define AT_NULL_ 0
#define AT_PAGESZ_ 6
#define AT_ENTRY_ 9
#define AT_PLATFORM_ 15
#define AT_RANDOM_ 25
#define AT_EXECFN_ 31

static unsigned char *g_buf;
static uint64_t g_base; /* user address of g_buf[0] */

static uint64_t rd(uint64_t va) {
  uint64_t v;
  memcpy(&v, g_buf + (va - g_base), 8);
  return v;
}
static const char *str_at(uint64_t va) {
  return (const char *)g_buf + (va - g_base);
}

static struct ustack_spec base_spec(void) {
  static char *argv[] = {"/bin/test", "one", "", "three four"};
  static char *envp[] = {"HOME=/", "TERM=dumb", NULL};
  struct ustack_spec s = {0};
  s.argc = 4;
  s.argv = argv;
  s.envp = envp;
  s.execfn = "/bin/test";
  s.platform = "x86_64";
  for (int i = 0; i < 16; i++)
    s.random[i] = (uint8_t)(0xc0 + i);
  s.aux[s.naux++] = (struct ustack_aux){AT_PAGESZ_, 4096};
  s.aux[s.naux++] = (struct ustack_aux){AT_ENTRY_, 0x401000};
  return s;
}

/* Walk a built stack and check everything the spec promised. */
static void walk(const struct ustack_spec *s, uint64_t sp, uint64_t top) {
  CHECK(sp % 16 == 0);
  uint64_t w = sp;
  CHECK(rd(w) == (uint64_t)s->argc);
  w += 8;
  uint64_t prev_end = 0;
  for (int i = 0; i < s->argc; i++, w += 8) {
    uint64_t p = rd(w);
    CHECK(p > sp && p < top);
    CHECK(!strcmp(str_at(p), s->argv[i]));
    if (i)
      CHECK(p == prev_end); /* packed in order, argv[0] lowest */
    prev_end = p + strlen(s->argv[i]) + 1;
  }
  CHECK(rd(w) == 0);
  w += 8;
  size_t envc = 0;
  for (; s->envp[envc]; envc++, w += 8) {
    uint64_t p = rd(w);
    CHECK(!strcmp(str_at(p), s->envp[envc]));
    CHECK(p == prev_end);
    prev_end = p + strlen(s->envp[envc]) + 1;
  }
  CHECK(rd(w) == 0);
  w += 8;
  /* auxv: caller entries in order, then RANDOM, EXECFN, PLATFORM, NULL. */
  unsigned k = 0;
  uint64_t random_va = 0, execfn_va = 0, platform_va = 0;
  for (;; w += 16) {
    uint64_t type = rd(w), val = rd(w + 8);
    if (type == AT_NULL_) {
      CHECK(val == 0);
      w += 16;
      break;
    }
    if (type == AT_RANDOM_)
      random_va = val;
    else if (type == AT_EXECFN_)
      execfn_va = val;
    else if (type == AT_PLATFORM_)
      platform_va = val;
    else {
      CHECK(k < s->naux && s->aux[k].type == type && s->aux[k].value == val);
      k++;
    }
    CHECK(w < top);
    if (w >= top)
      return;
  }
  CHECK(k == s->naux);
  CHECK(execfn_va == prev_end); /* execfn right after the last env string */
  CHECK(!strcmp(str_at(execfn_va), s->execfn));
  uint64_t marker = execfn_va + strlen(s->execfn) + 1;
  CHECK(marker == top - 8 && rd(marker) == 0);
  CHECK(random_va >= w && memcmp(str_at(random_va), s->random, 16) == 0);
  CHECK(random_va - w < 16); /* only alignment padding below it */
  if (s->platform) {
    CHECK(platform_va == random_va + 16);
    CHECK(!strcmp(str_at(platform_va), s->platform));
    uint64_t pend = platform_va + strlen(s->platform) + 1;
    /* Then alignment up to the first argv string. */
    uint64_t first = s->argc ? rd(sp + 8) : execfn_va;
    CHECK(pend == (first & ~15ull));
  } else {
    CHECK(platform_va == 0);
  }
}

static void test_walk_and_sizes(void) {
  struct ustack_spec s = base_spec();
  const uint64_t top = 0x7ffffffff000ull;
  g_buf = malloc(8192 + 64);
  /* The smallest size that works; every smaller one fails without writing
   * outside [top - len, top). */
  uint64_t min_ok = 0;
  for (size_t len = 0; len <= 8192; len++) {
    memset(g_buf, 0xee, 8192 + 64);
    unsigned char *user = g_buf + 64; /* 64 guard bytes in front */
    uint64_t sp = ustack_build(user, len, top, &s);
    g_base = top - len;
    unsigned char *save = g_buf;
    g_buf = user;
    for (int i = 0; i < 64; i++)
      CHECK_MSG(save[i] == 0xee, "len %zu guard byte %d", len, i);
    if (sp) {
      if (!min_ok)
        min_ok = len;
      CHECK(sp >= top - len);
      if (len == min_ok || len == 8192)
        walk(&s, sp, top);
    } else {
      CHECK_MSG(min_ok == 0, "len %zu failed after %llu worked", len,
                (unsigned long long)min_ok);
    }
    g_buf = save;
  }
  CHECK(min_ok > 0 && min_ok < 1024);
  free(g_buf);

  /* Without a platform string, a placeholder for it, AT_NULL in aux. */
  static unsigned char big[8192];
  g_buf = big;
  g_base = top - sizeof big;
  s.platform = NULL;
  s.aux[s.naux++] = (struct ustack_aux){AT_PLATFORM_, 0};
  s.aux[s.naux++] = (struct ustack_aux){AT_NULL_, 0};
  s.aux[s.naux++] = (struct ustack_aux){7, 0x1234}; /* AT_BASE */
  uint64_t sp = ustack_build(big, sizeof big, top, &s);
  CHECK(sp != 0);
  s.naux -= 3;
  s.aux[s.naux++] = (struct ustack_aux){7, 0x1234};
  if (sp)
    walk(&s, sp, top);

  /* Placeholders keep their position. */
  s = base_spec();
  s.naux = 0;
  s.aux[s.naux++] = (struct ustack_aux){AT_RANDOM_, 0};
  s.aux[s.naux++] = (struct ustack_aux){AT_PAGESZ_, 4096};
  s.aux[s.naux++] = (struct ustack_aux){AT_EXECFN_, 0};
  sp = ustack_build(big, sizeof big, top, &s);
  uint64_t a = sp + 8 * (1 + 5 + 3); /* argc, argv+NULL, envp+NULL */
  CHECK(rd(a) == AT_RANDOM_ && rd(a + 16) == AT_PAGESZ_ &&
        rd(a + 32) == AT_EXECFN_ && rd(a + 48) == AT_PLATFORM_ &&
        rd(a + 64) == AT_NULL_);
  CHECK(!strcmp(str_at(rd(a + 40)), "/bin/test"));
  CHECK(memcmp(str_at(rd(a + 8)), s.random, 16) == 0);

  /* Invalid requests. */
  s = base_spec();
  s.argc = -1;
  CHECK(ustack_build(big, sizeof big, top, &s) == 0);
  s = base_spec();
  s.naux = USTACK_MAX_AUXV + 1;
  CHECK(ustack_build(big, sizeof big, top, &s) == 0);
  s = base_spec();
  CHECK(ustack_build(big, sizeof big, top + 8, &s) == 0); /* unaligned top */
  CHECK(ustack_build(big, sizeof big, 100, &s) == 0);     /* len > top */
  /* argc 0 and an empty environment are fine. */
  static char *noenv[] = {NULL};
  s.argc = 0;
  s.envp = noenv;
  sp = ustack_build(big, sizeof big, top, &s);
  CHECK(sp && rd(sp) == 0 && rd(sp + 8) == 0 && rd(sp + 16) == 0);
}

/* ---- Against Linux ---- */

struct linux_stack {
  uint64_t top, sp, strings_va;
  uint64_t words[256];
  size_t nwords;
  unsigned char strings[4096];
  size_t nstrings;
  unsigned char random[16];
  char platform[64];
};

static int unhex(const char *h, unsigned char *out, size_t max) {
  size_t n = 0;
  while (h[0] && h[1] && h[0] != '\n' && n < max) {
    unsigned v;
    if (sscanf(h, "%2x", &v) != 1)
      return -1;
    out[n++] = (unsigned char)v;
    h += 2;
  }
  return (int)n;
}

static bool run_stackdump(const char *path, char *const argv[],
                          char *const envp[], struct linux_stack *ls) {
  int fds[2];
  if (pipe(fds))
    return false;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    execve(path, argv, envp);
    _exit(127);
  }
  close(fds[1]);
  FILE *in = fdopen(fds[0], "r");
  static char line[16384];
  memset(ls, 0, sizeof *ls);
  while (fgets(line, sizeof line, in)) {
    unsigned long long a, b;
    if (sscanf(line, "top %llx", &a) == 1)
      ls->top = a;
    else if (sscanf(line, "sp %llx", &a) == 1)
      ls->sp = a;
    else if (sscanf(line, "word %llu %llx", &a, &b) == 2 && ls->nwords < 256)
      ls->words[ls->nwords++] = b;
    else if (sscanf(line, "strings %llx", &a) == 1) {
      ls->strings_va = a;
      int n = unhex(strchr(line + 8, ' ') + 1, ls->strings,
                    sizeof ls->strings);
      ls->nstrings = n > 0 ? (size_t)n : 0;
    } else if (!strncmp(line, "random ", 7))
      unhex(line + 7, ls->random, 16);
    else if (!strncmp(line, "platform ", 9))
      sscanf(line + 9, "%63s", ls->platform);
  }
  fclose(in);
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) && WEXITSTATUS(st) == 0 && ls->top && ls->nwords;
}

static void test_against_linux(const char *dump) {
  char *argv[] = {"stackdump", "x", "", "two words", "\xff\x01", NULL};
  char *envp[] = {"A=1", "LONGER_NAME=some value", "E=", NULL};
  struct linux_stack ls;
  CHECK_MSG(run_stackdump(dump, argv, envp, &ls), "running %s", dump);
  if (!ls.top)
    return;

  /* Rebuild it: same strings, random bytes, and Linux's auxv in order
   * (pointer-valued entries become placeholders). */
  struct ustack_spec s = {0};
  s.argc = 5;
  s.argv = argv;
  s.envp = envp;
  s.execfn = dump; /* AT_EXECFN is the path given to execve */
  s.platform = ls.platform[0] ? ls.platform : NULL;
  memcpy(s.random, ls.random, 16);
  size_t auxw = 1 + 6 + 4; /* argc, argv + NULL, envp + NULL */
  for (size_t i = auxw; i + 1 < ls.nwords && ls.words[i]; i += 2)
    if (s.naux < USTACK_MAX_AUXV)
      s.aux[s.naux++] = (struct ustack_aux){ls.words[i], ls.words[i + 1]};

  static unsigned char mem[16384];
  g_buf = mem;
  g_base = ls.top - sizeof mem;
  uint64_t sp = ustack_build(mem, sizeof mem, ls.top, &s);
  CHECK(sp != 0);
  if (!sp)
    return;

  /* The strings area is byte-identical, at the same addresses. */
  CHECK(ls.nstrings > 0 && ls.strings_va + ls.nstrings == ls.top);
  CHECK(rd(sp + 8) == ls.strings_va);
  CHECK(memcmp(mem + (ls.strings_va - g_base), ls.strings, ls.nstrings) == 0);

  /* Below the strings Linux subtracts a random multiple of 16
   * (arch_align_stack); we subtract none. Everything below is the same
   * layout shifted by that amount. */
  int64_t delta = (int64_t)(ls.sp - sp);
  CHECK(delta <= 0 && delta % 16 == 0);
  CHECK(ls.nwords == (size_t)(auxw + 2 * (s.naux + 1)));
  for (size_t i = 0; i < ls.nwords; i++) {
    uint64_t ours = rd(sp + 8 * i), theirs = ls.words[i];
    bool is_val = i >= auxw && (i - auxw) % 2 == 1;
    uint64_t type = is_val ? ls.words[i - 1] : 0;
    if (is_val && (type == AT_RANDOM_ || type == AT_PLATFORM_))
      ours += (uint64_t)delta; /* below the shift point */
    CHECK_MSG(ours == theirs, "word %zu: ours %llx linux %llx", i,
              (unsigned long long)ours, (unsigned long long)theirs);
  }
  printf("linux stack: %zu words, %zu string bytes, shift %lld\n", ls.nwords,
         ls.nstrings, (long long)delta);
}

int main(int argc, char **argv) {
  test_walk_and_sizes();
  if (argc > 1)
    test_against_linux(argv[1]);
  return check_done("test_ustack");
}
