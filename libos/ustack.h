/* The Linux initial process stack: argc, argv, envp, auxv and strings. */
#ifndef LIBOS_USTACK_H
#define LIBOS_USTACK_H

#include <stddef.h>
#include <stdint.h>

#define USTACK_MAX_AUXV 32

struct ustack_aux {
  uint64_t type, value;
};

struct ustack_spec {
  int argc;
  char *const *argv;      /* argc strings */
  char *const *envp;      /* NULL-terminated */
  const char *execfn;     /* AT_EXECFN's string */
  const char *platform;   /* AT_PLATFORM's string, or NULL to omit */
  uint8_t random[16];     /* AT_RANDOM's bytes */
  /* The auxv entries (AT_PHDR, AT_PAGESZ, ...), in order. AT_RANDOM,
   * AT_EXECFN and AT_PLATFORM entries here are placeholders: ustack_build()
   * fills in the addresses of what it lays out, so the caller can keep
   * Linux's order (..., AT_SECURE, AT_RANDOM, AT_HWCAP2, AT_EXECFN,
   * AT_PLATFORM, ...). Those not present are appended in that order
   * (AT_PLATFORM only with a platform string; a placeholder for it is
   * dropped without one). AT_NULL entries here are skipped; ustack_build()
   * ends the vector with one. */
  unsigned naux;
  struct ustack_aux aux[USTACK_MAX_AUXV];
};

/*
 * Lay out the initial stack as Linux's exec does, in `buf`, which stands for
 * the user memory [top_va - len, top_va) (`top_va` 16-byte aligned). From
 * the top down: a NULL 8-byte end marker, the execfn string, envp strings,
 * argv strings (each group in ascending order: argv[0] lowest), alignment
 * down to 16 bytes (Linux's arch_align_stack() without its randomisation),
 * the platform string, the 16 random bytes right below it, padding, then at
 * the 16-byte aligned stack pointer: argc, argv pointers, NULL, envp
 * pointers, NULL, auxv pairs ending with AT_NULL. Pointers hold user
 * addresses; words are little-endian. Returns the initial stack pointer
 * (user address), or 0 when it does not fit in `len` (or `s` is invalid).
 */
uint64_t ustack_build(void *buf, size_t len, uint64_t top_va,
                      const struct ustack_spec *s);

#endif
