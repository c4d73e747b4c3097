/* elf_inspect() on real musl static programs (x86-64, aarch64, static-PIE)
 * and on corrupted copies of them and synthetic images. Expected values
 * are read independently with the host's <elf.h>. */
#include <elf.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "elf_invariants.h"
#include "libos/elf.h"

#define LIMIT 0x7ffffffff000ull
#define PIE_BASE 0x555555554000ull

struct file {
  unsigned char *data;
  size_t size;
};

static struct file load(const char *path) {
  struct file f = {0};
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    perror(path);
    exit(2);
  }
  fseek(fp, 0, SEEK_END);
  f.size = (size_t)ftell(fp);
  rewind(fp);
  f.data = malloc(f.size);
  if (fread(f.data, 1, f.size, fp) != f.size)
    exit(2);
  fclose(fp);
  return f;
}

static Elf64_Ehdr *ehdr(unsigned char *d) { return (Elf64_Ehdr *)(void *)d; }
static Elf64_Phdr *phdr(unsigned char *d, unsigned i) {
  return (Elf64_Phdr *)(void *)(d + ehdr(d)->e_phoff) + i;
}
/* Index of the k-th PT_LOAD, or -1. */
static int nth_load(unsigned char *d, int k) {
  for (unsigned i = 0; i < ehdr(d)->e_phnum; i++)
    if (phdr(d, i)->p_type == PT_LOAD && k-- == 0)
      return (int)i;
  return -1;
}

static unsigned prot(uint32_t f) {
  return ((f & PF_R) ? HAL_PROT_READ : 0) | ((f & PF_W) ? HAL_PROT_WRITE : 0) |
         ((f & PF_X) ? HAL_PROT_EXEC : 0);
}

/* A real program: every field against the host's own reading. */
static void check_real(const char *path, uint16_t machine, bool want_pie) {
  struct file f = load(path);
  struct elf_image im;
  const char *why = "unset";
  uint64_t base = PIE_BASE;
  int rc = elf_inspect(f.data, f.size, machine, base, LIMIT, &im, &why);
  CHECK_MSG(rc == 0, "%s: %s", path, why);
  if (rc)
    return;
  Elf64_Ehdr *eh = ehdr(f.data);
  CHECK(im.pie == want_pie && im.pie == (eh->e_type == ET_DYN));
  uint64_t first = phdr(f.data, (unsigned)nth_load(f.data, 0))->p_vaddr;
  uint64_t bias = want_pie ? base - (first & ~0xfffull) : 0;
  CHECK(im.bias == bias);
  if (!want_pie)
    CHECK(first == 0x400000); /* musl -static: ET_EXEC at 0x400000 */
  CHECK(im.entry == eh->e_entry + bias);
  CHECK(im.phnum == eh->e_phnum && im.phent == sizeof(Elf64_Phdr));
  unsigned n = 0;
  uint64_t hi = 0, phdr_va = 0;
  bool exec_stack = false;
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    Elf64_Phdr *p = phdr(f.data, i);
    if (p->p_type == PT_GNU_STACK)
      exec_stack = (p->p_flags & PF_X) != 0;
    if (p->p_type == PT_PHDR)
      phdr_va = p->p_vaddr + bias;
    if (p->p_type != PT_LOAD)
      continue;
    if (!phdr_va && eh->e_phoff >= p->p_offset &&
        eh->e_phoff < p->p_offset + p->p_filesz)
      phdr_va = p->p_vaddr + (eh->e_phoff - p->p_offset) + bias;
    CHECK(n < im.nseg);
    if (n >= im.nseg)
      break;
    const struct elf_segment *s = &im.seg[n++];
    CHECK(s->va == p->p_vaddr + bias && s->memsz == p->p_memsz &&
          s->offset == p->p_offset && s->filesz == p->p_filesz &&
          s->prot == prot(p->p_flags));
    hi = p->p_vaddr + p->p_memsz + bias;
  }
  CHECK(n == im.nseg && n >= 2);
  CHECK(im.lo == first + bias && im.hi == hi);
  CHECK(im.phdr_va == phdr_va && phdr_va != 0);
  CHECK(im.exec_stack == exec_stack && !exec_stack);
  CHECK(elf_invariant_violation(&im, f.size, LIMIT) == NULL);

  /* The other machine's number is refused. */
  uint16_t other = machine == EM_X86_64 ? EM_AARCH64 : EM_X86_64;
  CHECK(elf_inspect(f.data, f.size, other, base, LIMIT, &im, &why) == -1 &&
        !strcmp(why, "wrong machine"));
  /* va_limit: exactly the last page is fine, one page less is not. */
  uint64_t top = (hi + 0xfff) & ~0xfffull;
  CHECK(elf_inspect(f.data, f.size, machine, base, top, &im, &why) == 0);
  CHECK(elf_inspect(f.data, f.size, machine, base, top - 0x1000, &im, &why) ==
        -1);
  if (want_pie) {
    CHECK(elf_inspect(f.data, f.size, machine, base + 8, LIMIT, &im, &why) ==
          -1); /* unaligned base */
    CHECK(elf_inspect(f.data, f.size, machine, 0, LIMIT, &im, &why) == -1);
    CHECK(elf_inspect(f.data, f.size, machine, UINT64_MAX & ~0xfffull,
                      UINT64_MAX, &im, &why) == -1); /* wraps */
  }
  free(f.data);
}

/* Apply `mutate` to a fresh copy and expect rejection with `reason`. */
#define REJECT(f, machine, reason, ...)                                      \
  do {                                                                       \
    unsigned char *d = malloc((f).size);                                     \
    memcpy(d, (f).data, (f).size);                                           \
    size_t size = (f).size;                                                  \
    (void)size;                                                              \
    __VA_ARGS__;                                                             \
    struct elf_image im_;                                                    \
    const char *why_ = NULL;                                                 \
    int rc_ = elf_inspect(d, size, machine, PIE_BASE, LIMIT, &im_, &why_);   \
    CHECK_MSG(rc_ == -1 && why_ && strstr(why_, reason), "%s: got %s",       \
              #__VA_ARGS__, rc_ ? why_ : "accepted");                        \
    free(d);                                                                 \
  } while (0)

static void check_corrupt(const char *path, uint16_t m) {
  struct file f = load(path);
  int l0 = nth_load(f.data, 0), l1 = nth_load(f.data, 1);
  int last = -1;
  for (int k = 0; nth_load(f.data, k) >= 0; k++)
    last = nth_load(f.data, k);
  int other = -1; /* a non-LOAD header to repurpose */
  for (unsigned i = 0; i < ehdr(f.data)->e_phnum; i++)
    if (phdr(f.data, i)->p_type == PT_GNU_STACK)
      other = (int)i;
  CHECK(l0 >= 0 && l1 >= 0 && other >= 0);

  /* Truncation: every prefix shorter than what the headers need fails. */
  size_t need = ehdr(f.data)->e_phoff + ehdr(f.data)->e_phnum * 56ull;
  for (unsigned i = 0; i < ehdr(f.data)->e_phnum; i++) {
    Elf64_Phdr *p = phdr(f.data, i);
    if (p->p_type == PT_LOAD && p->p_offset + p->p_filesz > need)
      need = p->p_offset + p->p_filesz;
  }
  CHECK(need <= f.size);
  int accepted_short = 0;
  for (size_t len = 0; len < need; len++) {
    struct elf_image im;
    const char *why = NULL;
    if (elf_inspect(f.data, len, m, PIE_BASE, LIMIT, &im, &why) == 0 || !why)
      accepted_short++;
  }
  CHECK_MSG(accepted_short == 0, "%d truncated prefixes accepted",
            accepted_short);
  {
    struct elf_image im;
    const char *why;
    CHECK(elf_inspect(f.data, need, m, PIE_BASE, LIMIT, &im, &why) == 0);
  }

  for (int i = 0; i < 4; i++)
    REJECT(f, m, "bad magic", d[i] ^= 0x20);
  REJECT(f, m, "ELF64", d[EI_CLASS] = ELFCLASS32);
  REJECT(f, m, "little-endian", d[EI_DATA] = ELFDATA2MSB);
  REJECT(f, m, "version", d[EI_VERSION] = 0);
  REJECT(f, m, "version", ehdr(d)->e_version = 2);
  REJECT(f, m, "not an executable", ehdr(d)->e_type = ET_REL);
  REJECT(f, m, "not an executable", ehdr(d)->e_type = ET_CORE);
  REJECT(f, m, "program header size", ehdr(d)->e_phentsize = 32);
  REJECT(f, m, "no program headers", ehdr(d)->e_phnum = 0);
  REJECT(f, m, "outside the file", ehdr(d)->e_phoff = size - 60);
  REJECT(f, m, "outside the file", ehdr(d)->e_phoff = UINT64_MAX - 20);
  REJECT(f, m, "too many program headers", ehdr(d)->e_phnum = 1200);
  REJECT(f, m, "outside the file", phdr(d, (unsigned)last)->p_offset = size);
  REJECT(f, m, "outside the file",
         phdr(d, (unsigned)last)->p_filesz = size;
         phdr(d, (unsigned)last)->p_memsz = size);
  REJECT(f, m, "outside the file",
         phdr(d, (unsigned)last)->p_offset = UINT64_MAX - 0xfff;
         phdr(d, (unsigned)last)->p_vaddr = 0x800000000000ull);
  REJECT(f, m, "filesz > memsz",
         phdr(d, (unsigned)l0)->p_memsz = phdr(d, (unsigned)l0)->p_filesz - 1);
  REJECT(f, m, "overlap",
         phdr(d, (unsigned)l1)->p_vaddr =
             (phdr(d, (unsigned)l0)->p_vaddr & ~0xfffull) |
             (phdr(d, (unsigned)l1)->p_vaddr & 0xfff));
  REJECT(f, m, "overlap", Elf64_Phdr t = *phdr(d, (unsigned)l0);
         *phdr(d, (unsigned)l0) = *phdr(d, (unsigned)l1);
         *phdr(d, (unsigned)l1) = t);
  REJECT(f, m, "congruent", phdr(d, (unsigned)l1)->p_vaddr += 8);
  REJECT(f, m, "overflows",
         phdr(d, (unsigned)last)->p_vaddr =
             0xfffffffffffff000ull | (phdr(d, (unsigned)last)->p_vaddr & 0xfff));
  REJECT(f, m, "va_limit",
         phdr(d, (unsigned)last)->p_vaddr =
             0x7ffffffff000ull | (phdr(d, (unsigned)last)->p_vaddr & 0xfff));
  REJECT(f, m, "no PT_LOAD", for (unsigned i = 0; i < ehdr(d)->e_phnum; i++)
                                 if (phdr(d, i)->p_type == PT_LOAD)
                                     phdr(d, i)->p_type = PT_NULL);
  REJECT(f, m, "PT_INTERP", phdr(d, (unsigned)other)->p_type = PT_INTERP);
  REJECT(f, m, "entry point",
         ehdr(d)->e_entry = phdr(d, (unsigned)last)->p_vaddr); /* RW data */
  REJECT(f, m, "entry point",
         ehdr(d)->e_entry = phdr(d, (unsigned)last)->p_vaddr +
                            phdr(d, (unsigned)last)->p_memsz + 0x100000);
  /* An executable stack is reported, not refused. */
  {
    unsigned char *d = malloc(f.size);
    memcpy(d, f.data, f.size);
    phdr(d, (unsigned)other)->p_flags |= PF_X;
    struct elf_image im;
    const char *why;
    CHECK(elf_inspect(d, f.size, m, PIE_BASE, LIMIT, &im, &why) == 0 &&
          im.exec_stack);
    free(d);
  }
  /* Random damage to the headers: rejected, or accepted and sound. */
  uint64_t x = 88172645463325252ull;
  size_t hdr_end = need < 4096 ? need : 4096;
  int accepted = 0;
  for (int round = 0; round < 20000; round++) {
    unsigned char *d = malloc(f.size);
    memcpy(d, f.data, f.size);
    for (int k = 0; k < 1 + round % 4; k++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      d[x % hdr_end] ^= (unsigned char)(1u << (x >> 32) % 8);
    }
    struct elf_image im;
    const char *why = NULL;
    if (elf_inspect(d, f.size, m, PIE_BASE, LIMIT, &im, &why) == 0) {
      accepted++;
      const char *bad = elf_invariant_violation(&im, f.size, LIMIT);
      CHECK_MSG(bad == NULL, "round %d: %s", round, bad);
    } else {
      CHECK(why != NULL && why[0]);
    }
    free(d);
  }
  CHECK(accepted > 0); /* flips in unchecked bytes must not be refused */
  free(f.data);
}

/* Synthetic images: n PT_LOADs of one page each, phdrs in the first. */
static size_t synth(unsigned char *d, unsigned nload, uint64_t base) {
  size_t size = (size_t)(nload + 1) * 4096;
  memset(d, 0, size);
  Elf64_Ehdr *eh = ehdr(d);
  memcpy(eh->e_ident, ELFMAG, SELFMAG);
  eh->e_ident[EI_CLASS] = ELFCLASS64;
  eh->e_ident[EI_DATA] = ELFDATA2LSB;
  eh->e_ident[EI_VERSION] = EV_CURRENT;
  eh->e_type = ET_EXEC;
  eh->e_machine = EM_X86_64;
  eh->e_version = EV_CURRENT;
  eh->e_phoff = sizeof *eh;
  eh->e_phentsize = sizeof(Elf64_Phdr);
  eh->e_phnum = (uint16_t)nload;
  eh->e_entry = base + 4096 + 16;
  for (unsigned i = 0; i < nload; i++) {
    Elf64_Phdr *p = phdr(d, i);
    p->p_type = PT_LOAD;
    p->p_flags = i == 1 ? PF_R | PF_X : PF_R;
    p->p_offset = (uint64_t)i * 4096;
    p->p_vaddr = base + (uint64_t)i * 4096;
    p->p_filesz = 4096;
    p->p_memsz = 4096;
    p->p_align = 4096;
  }
  return size;
}

static void check_synthetic(void) {
  static unsigned char d[40 * 4096];
  struct elf_image im;
  const char *why = NULL;
  size_t size = synth(d, ELF_MAX_SEGMENTS, 0x10000);
  CHECK(elf_inspect(d, size, EM_X86_64, 0, LIMIT, &im, &why) == 0);
  CHECK(im.nseg == ELF_MAX_SEGMENTS && im.phdr_va == 0x10000 + 64);
  CHECK(elf_invariant_violation(&im, size, LIMIT) == NULL);
  size = synth(d, ELF_MAX_SEGMENTS + 1, 0x10000);
  CHECK(elf_inspect(d, size, EM_X86_64, 0, LIMIT, &im, &why) == -1 &&
        strstr(why, "too many PT_LOAD"));
  /* A segment in page 0 is refused (user pages start at one page). */
  size = synth(d, 3, 0);
  CHECK(elf_inspect(d, size, EM_X86_64, 0, LIMIT, &im, &why) == -1 &&
        strstr(why, "page 0"));
  /* Program headers that no PT_LOAD maps (musl needs them: AT_PHDR). */
  size = synth(d, 3, 0x10000);
  phdr(d, 0)->p_offset = 4096 * 3; /* the first page now maps file page 3 */
  CHECK(elf_inspect(d, size, EM_X86_64, 0, LIMIT, &im, &why) == -1 &&
        strstr(why, "program headers not"));
  /* PT_PHDR naming an address outside every segment is refused too. */
  size = synth(d, 3, 0x10000);
  phdr(d, 2)->p_type = PT_PHDR;
  phdr(d, 2)->p_vaddr = 0x900000;
  CHECK(elf_inspect(d, size, EM_X86_64, 0, LIMIT, &im, &why) == -1);
  /* Zero-sized PT_LOADs are skipped like Linux does. */
  size = synth(d, 3, 0x10000);
  phdr(d, 2)->p_memsz = phdr(d, 2)->p_filesz = 0;
  CHECK(elf_inspect(d, size, EM_X86_64, 0, LIMIT, &im, &why) == 0 &&
        im.nseg == 2);
  /* NULL data and a tiny buffer. */
  CHECK(elf_inspect(NULL, 0, EM_X86_64, 0, LIMIT, &im, &why) == -1);
  CHECK(elf_inspect(d, 63, EM_X86_64, 0, LIMIT, &im, &why) == -1);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s X86_STATIC A64_STATIC X86_PIE A64_PIE (\"-\" for none)\n",
            argv[0]);
    return 2;
  }
  /* "-" marks a sample the build could not make; the x86-64 static one
   * (built with the required musl-gcc) must be there. */
  CHECK(strcmp(argv[1], "-") != 0);
  const uint16_t machine[4] = {EM_X86_64, EM_AARCH64, EM_X86_64, EM_AARCH64};
  for (int i = 1; i < argc && i <= 4; i++) {
    if (!strcmp(argv[i], "-")) {
      printf("test_elf: sample %d not built, skipped\n", i);
      continue;
    }
    check_real(argv[i], machine[i - 1], i > 2);
    check_corrupt(argv[i], machine[i - 1]);
  }
  check_synthetic();
  return check_done("test_elf");
}
