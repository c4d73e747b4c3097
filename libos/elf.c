/* Validating a static ELF64 program. Every field read from the file is
 * untrusted: each offset, size and address is checked for overflow before
 * it is used, and headers are copied out byte-wise (the image may be
 * unaligned). */
#include "libos/elf.h"

#include <hal/mmu.h>

/* ELF64 layouts, from the System V gABI (all fields little-endian here:
 * both supported machines are). */
#define EI_NIDENT 16
struct elf64_ehdr {
  uint8_t e_ident[EI_NIDENT];
  uint16_t e_type;
  uint16_t e_machine;
  uint32_t e_version;
  uint64_t e_entry;
  uint64_t e_phoff;
  uint64_t e_shoff;
  uint32_t e_flags;
  uint16_t e_ehsize;
  uint16_t e_phentsize;
  uint16_t e_phnum;
  uint16_t e_shentsize;
  uint16_t e_shnum;
  uint16_t e_shstrndx;
};

struct elf64_phdr {
  uint32_t p_type;
  uint32_t p_flags;
  uint64_t p_offset;
  uint64_t p_vaddr;
  uint64_t p_paddr;
  uint64_t p_filesz;
  uint64_t p_memsz;
  uint64_t p_align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "Elf64_Ehdr is 64 bytes");
_Static_assert(sizeof(struct elf64_phdr) == 56, "Elf64_Phdr is 56 bytes");

#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define ET_DYN 3
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551u
#define PF_X 1u
#define PF_W 2u
#define PF_R 4u

#define PAGE HAL_PAGE_SIZE
/* Linux's own bound on the program header table (64 KiB). */
#define PHDR_TABLE_MAX 65536u

static void copy_in(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--)
    *d++ = *s++;
}

static int fail(const char **why, const char *reason) {
  if (why)
    *why = reason;
  return -1;
}

static unsigned prot_of(uint32_t flags) {
  return ((flags & PF_R) ? HAL_PROT_READ : 0) |
         ((flags & PF_W) ? HAL_PROT_WRITE : 0) |
         ((flags & PF_X) ? HAL_PROT_EXEC : 0);
}

int elf_inspect(const void *data, size_t size, uint16_t machine,
                uint64_t pie_base, uint64_t va_limit, struct elf_image *out,
                const char **why) {
  const unsigned char *img = data;
  struct elf64_ehdr eh;

  if (!data || size < sizeof eh)
    return fail(why, "truncated ELF header");
  copy_in(&eh, img, sizeof eh);
  if (eh.e_ident[0] != 0x7f || eh.e_ident[1] != 'E' || eh.e_ident[2] != 'L' ||
      eh.e_ident[3] != 'F')
    return fail(why, "bad magic");
  if (eh.e_ident[4] != ELFCLASS64)
    return fail(why, "not ELF64");
  if (eh.e_ident[5] != ELFDATA2LSB)
    return fail(why, "not little-endian");
  if (eh.e_ident[6] != EV_CURRENT || eh.e_version != EV_CURRENT)
    return fail(why, "bad ELF version");
  if (eh.e_machine != machine)
    return fail(why, "wrong machine");
  if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
    return fail(why, "not an executable");
  if (eh.e_phentsize != sizeof(struct elf64_phdr))
    return fail(why, "bad program header size");
  if (eh.e_phnum == 0)
    return fail(why, "no program headers");
  uint64_t ph_bytes = (uint64_t)eh.e_phnum * sizeof(struct elf64_phdr);
  if (ph_bytes > PHDR_TABLE_MAX)
    return fail(why, "too many program headers");
  if (eh.e_phoff > size || ph_bytes > size - eh.e_phoff)
    return fail(why, "program headers outside the file");

  bool pie = eh.e_type == ET_DYN;
  if (pie && (pie_base & (PAGE - 1)))
    return fail(why, "pie_base not page aligned");

  struct elf_image im = {0};
  im.pie = pie;
  im.phnum = eh.e_phnum;
  im.phent = eh.e_phentsize;

  bool have_phdr_seg = false;
  uint64_t phdr_vaddr = 0; /* unrelocated PT_PHDR address */
  uint64_t prev_end = 0;
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    struct elf64_phdr ph;
    copy_in(&ph, img + eh.e_phoff + (uint64_t)i * sizeof ph, sizeof ph);
    switch (ph.p_type) {
    case PT_INTERP:
      return fail(why, "dynamically linked (PT_INTERP)");
    case PT_PHDR:
      have_phdr_seg = true;
      phdr_vaddr = ph.p_vaddr;
      continue;
    case PT_GNU_STACK:
      im.exec_stack = (ph.p_flags & PF_X) != 0;
      continue;
    case PT_LOAD:
      break;
    default:
      continue;
    }
    if (im.nseg == ELF_MAX_SEGMENTS)
      return fail(why, "too many PT_LOAD segments");
    if (ph.p_filesz > ph.p_memsz)
      return fail(why, "segment filesz > memsz");
    if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
      return fail(why, "segment outside the file");
    if ((ph.p_vaddr - ph.p_offset) & (PAGE - 1))
      return fail(why, "segment vaddr and offset not congruent");
    if (ph.p_vaddr > UINT64_MAX - ph.p_memsz ||
        ph.p_vaddr + ph.p_memsz > UINT64_MAX - (PAGE - 1))
      return fail(why, "segment address overflows");
    if (ph.p_memsz == 0)
      continue; /* maps nothing; Linux skips it too */
    uint64_t end = ph.p_vaddr + ph.p_memsz;
    if (im.nseg && ph.p_vaddr < prev_end)
      return fail(why, "segments overlap or are unsorted");
    prev_end = end;
    struct elf_segment *s = &im.seg[im.nseg++];
    s->va = ph.p_vaddr; /* relocated below, once the bias is known */
    s->memsz = ph.p_memsz;
    s->offset = ph.p_offset;
    s->filesz = ph.p_filesz;
    s->prot = prot_of(ph.p_flags);
  }
  if (im.nseg == 0)
    return fail(why, "no PT_LOAD segment");

  /* ET_DYN: the lowest page lands at pie_base. */
  uint64_t first_page = im.seg[0].va & ~(PAGE - 1);
  im.bias = pie ? pie_base - first_page : 0;
  uint64_t lo_page = first_page + im.bias;
  uint64_t last_end = prev_end;
  if (pie && last_end - first_page > UINT64_MAX - pie_base)
    return fail(why, "segment address overflows");
  uint64_t hi = last_end + im.bias;
  uint64_t hi_page = (hi + PAGE - 1) & ~(PAGE - 1);
  if (hi_page < hi || hi_page > va_limit)
    return fail(why, "segment reaches va_limit");
  if (lo_page < PAGE)
    return fail(why, "segment in page 0");
  for (unsigned i = 0; i < im.nseg; i++)
    im.seg[i].va += im.bias;
  im.lo = im.seg[0].va;
  im.hi = hi;

  /* The entry point must lie in an executable segment. */
  im.entry = eh.e_entry + im.bias;
  bool entry_ok = false;
  for (unsigned i = 0; i < im.nseg; i++) {
    const struct elf_segment *s = &im.seg[i];
    if ((s->prot & HAL_PROT_EXEC) && im.entry >= s->va &&
        im.entry - s->va < s->memsz)
      entry_ok = true;
  }
  if (!entry_ok)
    return fail(why, "entry point outside executable segments");

  /* AT_PHDR: PT_PHDR if given, else wherever a PT_LOAD maps the table from
   * the file. musl reads its TLS header through it, so it must be mapped. */
  bool phdr_ok = false;
  for (unsigned i = 0; i < im.nseg; i++) {
    const struct elf_segment *s = &im.seg[i];
    if (have_phdr_seg) {
      uint64_t va = phdr_vaddr + im.bias;
      if (va >= s->va && va - s->va <= s->filesz &&
          ph_bytes <= s->filesz - (va - s->va)) {
        im.phdr_va = va;
        phdr_ok = true;
      }
    } else if (eh.e_phoff >= s->offset && eh.e_phoff - s->offset <= s->filesz &&
               ph_bytes <= s->filesz - (eh.e_phoff - s->offset)) {
      im.phdr_va = s->va + (eh.e_phoff - s->offset);
      phdr_ok = true;
    }
    if (phdr_ok)
      break;
  }
  if (!phdr_ok)
    return fail(why, "program headers not in a loaded segment");

  *out = im;
  return 0;
}
