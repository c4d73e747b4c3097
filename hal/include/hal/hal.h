/*
 * The machine interface the kernel core (libos) sees. Nothing else in libos is
 * architecture-facing: a new architecture implements every function declared
 * under hal/include/hal/ and the arch header hal_arch/regs.h, nothing more.
 * Functions marked "Shared" are written once in hal/common/ instead; for the
 * user page tables a port supplies the hooks of hal/common/pt_arch.h.
 *
 * Conventions for every HAL function unless its comment says otherwise:
 *  - It runs on the single CPU with interrupts disabled and never blocks.
 *  - It MUST NOT call into libos except through the upcalls in upcalls.h.
 *  - Errors are returned as values (-1 or false); a HAL function panics only
 *    when the machine itself is unusable (no memory map, no console).
 *  - Addresses named `pa` are physical, `va` are user virtual, `kva` are kernel
 *    virtual (valid in every address space).
 *
 * Non-goals: SMP, device drivers beyond the console, trace channel, clock,
 * timer and power-off; swapping; huge pages for user memory.
 */
#ifndef HAL_HAL_H
#define HAL_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HAL_PAGE_SIZE 4096UL
#define HAL_MAX_MEM_REGIONS 32
#define HAL_CMDLINE_MAX 1024

/* A range of physical RAM that libos owns outright. */
struct hal_mem_region {
  uint64_t base; /* page aligned */
  uint64_t size; /* multiple of HAL_PAGE_SIZE */
};

/* What the HAL found at boot. Valid for the kernel's whole life. */
struct hal_boot_info {
  const char *arch;    /* "x86_64" or "arm64": the trace's arch name */
  const char *cmdline; /* NUL-terminated, at most HAL_CMDLINE_MAX - 1 bytes;
                          "" when none. cmdline_truncated says if cut. */
  bool cmdline_truncated;
  /* Free RAM: excludes the kernel image, the HAL's own page tables, the
   * firmware tables (DTB, start info) and anything else in use. */
  struct hal_mem_region mem[HAL_MAX_MEM_REGIONS];
  unsigned nmem;
};

/*
 * Power the machine off; never returns. `code` is what the host sees:
 * arm64 QEMU exits with `code`; x86-64 QEMU (isa-debug-exit) exits with
 * (code << 1) | 1. The exit record on the trace channel, not this code, is
 * the authoritative result; HAL_POWEROFF_PANIC marks a kernel panic.
 */
void hal_poweroff(uint8_t code) __attribute__((noreturn));
#define HAL_POWEROFF_PANIC 0x7f

/*
 * The HAL's own fatal states, which libos cannot report (a fault before
 * kernel_main, a double fault, a boot that cannot go on): write
 * {"ev":"panic","msg":MSG,"ip":"0x..."} to the trace channel and power off
 * with HAL_POWEROFF_PANIC. MSG is cut to fit a 320-byte line, with '"', '\'
 * and control characters shown as '?'. A call made while one is writing
 * only powers off. Shared: hal/common/panic.c implements it over
 * hal_trace_write() and hal_poweroff(); a port does not.
 */
void hal_panic(const char *msg, uint64_t ip) __attribute__((noreturn));

/* A few bits of boot-to-boot varying entropy (AT_RANDOM); not for crypto. */
uint64_t hal_entropy(void);

#endif
