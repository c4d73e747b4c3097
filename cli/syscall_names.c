/* Tables from the generated syscall list, plus the arm64 equivalences the
 * list cannot know (which call musl makes on arm64 in place of a call that
 * only x86-64 has). */
#include "syscall_names.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"

static const struct sc_info table[] = {
#define SYSCALL_ANY(name, nx, na, nargs, kinds) {#name, {nx, na}, nargs, kinds},
#include "syscalls_all.inc"
#undef SYSCALL_ANY
};
#define NTABLE (sizeof table / sizeof table[0])

/* x86-64-only call -> what musl calls on arm64 for the same libc function.
 * "" means arm64 makes no call. Checked by sc_check_equivalences(). */
static const struct {
  const char *x86, *arm64;
} equiv[] = {
    {"open", "openat"},
    {"creat", "openat"},
    {"stat", "newfstatat"},
    {"lstat", "newfstatat"},
    {"access", "faccessat"},
    {"pipe", "pipe2"},
    {"dup2", "dup3"},
    {"poll", "ppoll"},
    {"select", "pselect6"},
    {"pause", "ppoll"},
    {"alarm", "setitimer"},
    {"fork", "clone"},
    {"vfork", "clone"},
    {"mkdir", "mkdirat"},
    {"rmdir", "unlinkat"},
    {"unlink", "unlinkat"},
    {"rename", "renameat"},
    {"link", "linkat"},
    {"symlink", "symlinkat"},
    {"readlink", "readlinkat"},
    {"chmod", "fchmodat"},
    {"chown", "fchownat"},
    {"lchown", "fchownat"},
    {"mknod", "mknodat"},
    {"getdents", "getdents64"},
    {"getpgrp", "getpgid"},
    {"utimes", "utimensat"},
    {"futimesat", "utimensat"},
    {"epoll_create", "epoll_create1"},
    {"epoll_wait", "epoll_pwait"},
    {"eventfd", "eventfd2"},
    {"signalfd", "signalfd4"},
    {"inotify_init", "inotify_init1"},
    {"time", "clock_gettime"},
    {"arch_prctl", ""},
};

/* Equivalents whose result differs in meaning: alarm returns the seconds
 * left, setitimer 0; time returns the time, clock_gettime 0; getdents and
 * getdents64 count bytes of different record layouts. */
static const char *const other_result[] = {"alarm", "time", "getdents"};
#define NEQUIV (sizeof equiv / sizeof equiv[0])

int kd_arch_parse(const char *s, enum kd_arch *a) {
  if (strcmp(s, "x86_64") == 0)
    *a = ARCH_X86_64;
  else if (strcmp(s, "arm64") == 0 || strcmp(s, "aarch64") == 0)
    *a = ARCH_ARM64;
  else
    return -1;
  return 0;
}

const struct sc_info *sc_by_name(const char *name) {
  for (size_t i = 0; i < NTABLE; i++)
    if (strcmp(table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

const char *sc_name_by_nr(enum kd_arch arch, long nr) {
  for (size_t i = 0; i < NTABLE; i++)
    if (table[i].nr[arch] == nr && nr >= 0)
      return table[i].name;
  return NULL;
}

uint32_t sc_name_id_by_nr(enum kd_arch arch, long long nr) {
  const char *n = sc_name_by_nr(arch, (long)nr);
  if (n)
    return intern(n);
  char buf[32];
  snprintf(buf, sizeof buf, "syscall_%lld", nr);
  return intern(buf);
}

/* Interned id -> parsed kinds, built on first use. */
static uint8_t (*kinds_by_id)[6];
static int8_t *nargs_by_id; /* -1: not described */
static uint32_t nkinds_by_id;

static enum arg_kind parse_kind(const char *k, size_t n) {
  static const char *names[] = {"",    "int", "uint", "fd",  "size",
                                "hex", "oct", "addr", "ptr", "str"};
  for (int i = 1; i < 10; i++)
    if (strlen(names[i]) == n && memcmp(names[i], k, n) == 0)
      return (enum arg_kind)i;
  return AK_RAW;
}

static void build_kinds(void) {
  uint32_t maxid = 0;
  uint32_t *ids = malloc(NTABLE * sizeof *ids);
  if (!ids)
    abort();
  for (size_t i = 0; i < NTABLE; i++) {
    ids[i] = intern(table[i].name);
    if (ids[i] > maxid)
      maxid = ids[i];
  }
  nkinds_by_id = maxid + 1;
  kinds_by_id = calloc(nkinds_by_id, sizeof *kinds_by_id);
  nargs_by_id = malloc(nkinds_by_id);
  if (!kinds_by_id || !nargs_by_id)
    abort();
  memset(nargs_by_id, -1, nkinds_by_id);
  for (size_t i = 0; i < NTABLE; i++) {
    const char *k = table[i].kinds;
    /* "?" (undescribed) generates nargs 6 with no kinds; "-" gives 0. */
    nargs_by_id[ids[i]] =
        (int8_t)(*k || table[i].nargs == 0 ? table[i].nargs : -1);
    for (int a = 0; a < 6 && *k; a++) {
      const char *c = strchr(k, ',');
      size_t n = c ? (size_t)(c - k) : strlen(k);
      kinds_by_id[ids[i]][a] = (uint8_t)parse_kind(k, n);
      k += n + (c ? 1 : 0);
    }
  }
  free(ids);
}

static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;
static bool kinds_built; /* set (release) once build_kinds has run */

static void build_kinds_once(void) {
  build_kinds();
  __atomic_store_n(&kinds_built, true, __ATOMIC_RELEASE);
}

enum arg_kind sc_arg_kind(uint32_t name_id, int i) {
  /* Asked for every argument of every call: the flag spares the
   * pthread_once call once the tables exist. */
  if (!__atomic_load_n(&kinds_built, __ATOMIC_ACQUIRE))
    pthread_once(&kinds_once, build_kinds_once);
  if (name_id >= nkinds_by_id || i < 0 || i >= 6)
    return AK_RAW;
  return (enum arg_kind)kinds_by_id[name_id][i];
}

int sc_nargs(uint32_t name_id) {
  if (!__atomic_load_n(&kinds_built, __ATOMIC_ACQUIRE))
    pthread_once(&kinds_once, build_kinds_once);
  return name_id < nkinds_by_id ? nargs_by_id[name_id] : -1;
}

const char *sc_arm64_equivalent(const char *x86_name) {
  for (size_t i = 0; i < NEQUIV; i++)
    if (strcmp(equiv[i].x86, x86_name) == 0)
      return equiv[i].arm64[0] ? equiv[i].arm64 : NULL;
  return x86_name;
}

bool sc_arm64_same_result(uint32_t x86_name_id) {
  const char *n = intern_str(x86_name_id);
  for (size_t i = 0; i < sizeof other_result / sizeof other_result[0]; i++)
    if (strcmp(n, other_result[i]) == 0)
      return false;
  return true;
}

const char *sc_check_equivalences(void) {
  for (size_t i = 0; i < NEQUIV; i++) {
    const struct sc_info *s = sc_by_name(equiv[i].x86);
    if (!s || s->nr[ARCH_ARM64] != -1)
      return equiv[i].x86;
    if (equiv[i].arm64[0]) {
      const struct sc_info *d = sc_by_name(equiv[i].arm64);
      if (!d || d->nr[ARCH_ARM64] == -1)
        return equiv[i].arm64;
    }
  }
  return NULL;
}
