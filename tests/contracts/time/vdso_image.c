/* time.vdso_image: AT_SYSINFO_EHDR names an ELF shared object that a
 * dynamic-symbol lookup (SysV hash, versions: what musl does) resolves to
 * the arch's clock_gettime and gettimeofday at Linux's version (x86-64
 * __vdso_* at LINUX_2.6, arm64 __kernel_* at LINUX_2.6.39); called
 * directly, they agree with the syscalls, fill the timezone with UTC, and
 * hand unknown clocks to the kernel (EINVAL). The mapping is not
 * writable. */
#include <elf.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>

#include "contract.h"

#ifdef __x86_64__
#define CGT "__vdso_clock_gettime"
#define GTOD "__vdso_gettimeofday"
#define VER "LINUX_2.6"
#else
#define CGT "__kernel_clock_gettime"
#define GTOD "__kernel_gettimeofday"
#define VER "LINUX_2.6.39"
#endif

struct dso {
  const char *base; /* load bias */
  const Elf64_Sym *syms;
  const char *strs;
  const Elf64_Word *hash;
  const Elf64_Half *versym;
  const Elf64_Verdef *verdef;
};

static int open_dso(const Elf64_Ehdr *eh, struct dso *d) {
  memset(d, 0, sizeof *d);
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_type != ET_DYN)
    return 0;
  const Elf64_Phdr *ph = (const void *)((const char *)eh + eh->e_phoff);
  const Elf64_Dyn *dyn = 0;
  int have_load = 0;
  for (int i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type == PT_LOAD && !have_load) {
      d->base = (const char *)eh + ph[i].p_offset - ph[i].p_vaddr;
      have_load = 1;
    } else if (ph[i].p_type == PT_DYNAMIC) {
      dyn = (const void *)((const char *)eh + ph[i].p_offset);
    }
  }
  if (!have_load || !dyn)
    return 0;
  for (; dyn->d_tag != DT_NULL; dyn++) {
    const char *p = d->base + dyn->d_un.d_ptr;
    switch (dyn->d_tag) {
    case DT_SYMTAB:
      d->syms = (const void *)p;
      break;
    case DT_STRTAB:
      d->strs = p;
      break;
    case DT_HASH:
      d->hash = (const void *)p;
      break;
    case DT_VERSYM:
      d->versym = (const void *)p;
      break;
    case DT_VERDEF:
      d->verdef = (const void *)p;
      break;
    }
  }
  return d->syms && d->strs && d->hash && d->versym && d->verdef;
}

static int has_version(const struct dso *d, unsigned ndx, const char *ver) {
  const Elf64_Verdef *v = d->verdef;
  for (;;) {
    if (!(v->vd_flags & VER_FLG_BASE) &&
        (v->vd_ndx & 0x7fff) == (ndx & 0x7fff)) {
      const Elf64_Verdaux *a = (const void *)((const char *)v + v->vd_aux);
      return !strcmp(d->strs + a->vda_name, ver);
    }
    if (!v->vd_next)
      return 0;
    v = (const void *)((const char *)v + v->vd_next);
  }
}

static void *lookup(const struct dso *d, const char *name, const char *ver) {
  for (Elf64_Word i = 0; i < d->hash[1]; i++) {
    const Elf64_Sym *s = &d->syms[i];
    if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || !s->st_shndx)
      continue;
    if (strcmp(d->strs + s->st_name, name) ||
        !has_version(d, d->versym[i], ver))
      continue;
    return (void *)(d->base + s->st_value);
  }
  return 0;
}

int main(void) {
  const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
  check(eh != 0 && ((unsigned long)eh & 4095) == 0, "ehdr page aligned");
  struct dso d;
  check(eh && open_dso(eh, &d), "ELF shared object with hash and versions");
  long (*cgt)(clockid_t, struct timespec *) = 0;
  long (*gtod)(struct timeval *, struct timezone *) = 0;
  if (!failed) {
    cgt = (long (*)(clockid_t, struct timespec *))lookup(&d, CGT, VER);
    gtod = (long (*)(struct timeval *, struct timezone *))lookup(&d, GTOD, VER);
  }
  check(cgt != 0, "clock_gettime found at its version");
  check(gtod != 0, "gettimeofday found at its version");
  check(!d.hash || !lookup(&d, CGT, "LINUX_9.9"),
        "no match at another version");
  if (failed)
    return finish("vdso_image");

  int mono = 1;
  for (int i = 0; i < 200 && mono; i++) {
    struct timespec a, b, c;
    if (cgt(CLOCK_MONOTONIC, &a) ||
        syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b) ||
        cgt(CLOCK_MONOTONIC, &c))
      mono = 0;
    long long na = a.tv_sec * 1000000000LL + a.tv_nsec;
    long long nb = b.tv_sec * 1000000000LL + b.tv_nsec;
    long long nc = c.tv_sec * 1000000000LL + c.tv_nsec;
    if (na > nb || nb > nc)
      mono = 0;
  }
  check(mono, "direct MONOTONIC agrees with the syscall");

  struct timespec r1, r2;
  struct timeval tv;
  struct timezone tz = {123, 456};
  cgt(CLOCK_REALTIME, &r1);
  long g = gtod(&tv, &tz);
  cgt(CLOCK_REALTIME, &r2);
  long long us = (long long)tv.tv_sec * 1000000 + tv.tv_usec;
  check(g == 0 && us >= (r1.tv_sec * 1000000000LL + r1.tv_nsec) / 1000 &&
            us <= (r2.tv_sec * 1000000000LL + r2.tv_nsec) / 1000,
        "direct gettimeofday between REALTIME reads");
  check(tz.tz_minuteswest == 0 && tz.tz_dsttime == 0, "timezone is UTC");
  check(gtod(NULL, NULL) == 0, "gettimeofday(NULL, NULL) is 0");

  struct timespec ts;
  check(cgt(100, &ts) == -EINVAL, "clock 100 is -EINVAL");
  struct timespec c1;
  check(cgt(CLOCK_PROCESS_CPUTIME_ID, &c1) == 0 && c1.tv_nsec >= 0 &&
            c1.tv_nsec < 1000000000,
        "PROCESS_CPUTIME_ID through the syscall");

  /* Read-only: a write is a fault. */
  catch_faults();
  check(probe_write((long)eh, 0x7f), "vDSO not writable");

  return finish("vdso_image");
}
