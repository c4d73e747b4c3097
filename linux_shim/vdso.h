/* The vDSO: a small ELF shared object (linux_shim/arch/<arch>/vdso/) that
 * exec maps into every process with a read-only data page below it, so
 * clock_gettime and friends run in user mode as on Linux (docs/vdso.md). */
#ifndef LINUX_SHIM_VDSO_H
#define LINUX_SHIM_VDSO_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/vm.h>
#include <linux_shim/vdso/vdso_page.h>

/* Map the data area (read-only, VMA_VVAR, the data page one page below the
 * image) and the vDSO image (read+exec, VMA_VDSO) into `mm`, in the mmap
 * area. Returns 0, with the image's address (AT_SYSINFO_EHDR) in *ehdr
 * and mm->vdso_base, or -ENOMEM. */
int vdso_map(struct mm *mm, uint64_t *ehdr);

/* Where `mm` has __kernel_rt_sigreturn (arm64's return path for handlers
 * without SA_RESTORER), or 0 when the arch has none or the program has
 * unmapped its vDSO. */
uint64_t vdso_sigreturn_addr(struct mm *mm);

/* The wall clock was set (libos/wallclock.h): rewrite its base in every
 * process's data page, so the vDSO's CLOCK_REALTIME follows at once. */
void vdso_wall_changed(void);

#endif
