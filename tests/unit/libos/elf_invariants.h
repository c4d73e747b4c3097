/* What every image elf_inspect() accepts must satisfy, whatever the input:
 * shared by the unit test and the fuzzer. Returns NULL or what is broken. */
#ifndef LIBOS_TEST_ELF_INVARIANTS_H
#define LIBOS_TEST_ELF_INVARIANTS_H

#include "libos/elf.h"
#include <hal/mmu.h>

static inline const char *elf_invariant_violation(const struct elf_image *im,
                                                  size_t size,
                                                  uint64_t va_limit) {
  if (im->nseg == 0 || im->nseg > ELF_MAX_SEGMENTS)
    return "segment count";
  bool entry_ok = false;
  for (unsigned i = 0; i < im->nseg; i++) {
    const struct elf_segment *s = &im->seg[i];
    if (s->filesz > s->memsz || s->memsz == 0)
      return "sizes";
    if (s->offset > size || s->filesz > size - s->offset)
      return "segment outside the file";
    if (s->va < HAL_PAGE_SIZE || s->va + s->memsz < s->va ||
        s->va + s->memsz > va_limit)
      return "segment address range";
    if ((s->va - s->offset) % HAL_PAGE_SIZE)
      return "congruence";
    if (i && s->va < im->seg[i - 1].va + im->seg[i - 1].memsz)
      return "order/overlap";
    if (s->prot & ~(HAL_PROT_READ | HAL_PROT_WRITE | HAL_PROT_EXEC))
      return "prot bits";
    if ((s->prot & HAL_PROT_EXEC) && im->entry >= s->va &&
        im->entry - s->va < s->memsz)
      entry_ok = true;
  }
  if (!entry_ok)
    return "entry";
  if (im->lo != im->seg[0].va ||
      im->hi != im->seg[im->nseg - 1].va + im->seg[im->nseg - 1].memsz)
    return "lo/hi";
  if (((im->hi + HAL_PAGE_SIZE - 1) & ~(HAL_PAGE_SIZE - 1)) > va_limit)
    return "hi page beyond va_limit";
  bool phdr_ok = false;
  uint64_t ph_bytes = (uint64_t)im->phnum * im->phent;
  for (unsigned i = 0; i < im->nseg; i++) {
    const struct elf_segment *s = &im->seg[i];
    if (im->phdr_va >= s->va && im->phdr_va - s->va <= s->filesz &&
        ph_bytes <= s->filesz - (im->phdr_va - s->va))
      phdr_ok = true;
  }
  if (!phdr_ok)
    return "phdr not inside a segment's file bytes";
  return 0;
}

#endif
