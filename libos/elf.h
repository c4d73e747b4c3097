/* Reading the embedded program's ELF headers (no mapping here). */
#ifndef LIBOS_ELF_H
#define LIBOS_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16

/* One PT_LOAD segment, already relocated by the load bias. */
struct elf_segment {
  uint64_t va;     /* start address (not necessarily page aligned) */
  uint64_t memsz;  /* bytes in memory (>= filesz; the rest is zero) */
  uint64_t offset; /* file offset of the first byte */
  uint64_t filesz; /* bytes taken from the file */
  unsigned prot;   /* HAL_PROT_* from p_flags */
};

struct elf_image {
  uint64_t entry;    /* relocated entry point */
  uint64_t phdr_va;  /* relocated address of the program headers (AT_PHDR) */
  uint16_t phnum, phent;
  uint64_t bias;     /* 0 for ET_EXEC; for static-PIE pie_base minus the
                        first PT_LOAD's page (musl: its vaddr is 0, so
                        bias == pie_base) */
  uint64_t lo, hi;   /* lowest and highest (exclusive) loaded address:
                        seg[0].va and the last segment's va + memsz, exact
                        bytes, not page-rounded */
  bool pie;          /* ET_DYN */
  unsigned nseg;     /* PT_LOADs with memsz > 0, in address order; two
                        neighbours never overlap but may share a page */
  struct elf_segment seg[ELF_MAX_SEGMENTS];
  bool exec_stack;   /* PT_GNU_STACK asks for an executable stack */
};

/*
 * Validate `data` as a static ELF64 program for `machine` (EM_X86_64 = 62,
 * EM_AARCH64 = 183) and describe it in `out`. Accepts ET_EXEC and ET_DYN
 * without PT_INTERP (static-PIE, placed at `pie_base`). Rejects anything
 * malformed: bad magic/class/endianness/version/machine, headers or segments
 * outside the file, filesz > memsz, overlapping or unsorted segments,
 * p_vaddr and p_offset not congruent modulo the page size, addresses that
 * overflow or reach `va_limit`, no PT_LOAD, too many segments, an entry
 * point outside every executable segment, a segment in page 0, program
 * headers that no PT_LOAD maps from the file (musl finds PT_TLS through
 * AT_PHDR). The highest page-rounded address must be <= va_limit.
 * pie_base MUST be page aligned for ET_DYN. Returns 0, or -1 with *why set
 * to a short static reason ("bad magic", ...); *out is untouched on error.
 */
int elf_inspect(const void *data, size_t size, uint16_t machine,
                uint64_t pie_base, uint64_t va_limit, struct elf_image *out,
                const char **why);

#endif
