/* Entering user mode, kernel stacks, the thread pointer and the FP unit. */
#include <hal/cpu.h>

#include "x86.h"

extern char x86_kstack_trampoline[];

void hal_set_kernel_stack(void *top) {
  x86_set_tss_rsp0((uint64_t)top);
  x86_syscall_kstack = (uint64_t)top;
}

void hal_enter_user(const struct hal_regs *r) {
  x86_return_to(r);
}

/* The layout hal_kstack_switch pops: r15 r14 r13 r12 rbx rbp, then the
 * return address, placed so the trampoline starts 16-byte aligned. Uses
 * the 72 bytes below stack_top. */
void *hal_kstack_init(void *stack_top, void (*fn)(void *), void *arg) {
  uint64_t *top = (uint64_t *)((uint64_t)stack_top & ~15ULL);
  uint64_t *sp = top - 9;
  sp[0] = 0;                               /* r15 */
  sp[1] = 0;                               /* r14 */
  sp[2] = (uint64_t)arg;                   /* r13 */
  sp[3] = (uint64_t)fn;                    /* r12 */
  sp[4] = 0;                               /* rbx */
  sp[5] = 0;                               /* rbp */
  sp[6] = (uint64_t)x86_kstack_trampoline; /* ret */
  sp[7] = 0;
  sp[8] = 0;
  return sp;
}

void hal_set_tls(uint64_t value) {
  wrmsr(MSR_FS_BASE, value);
}

uint64_t hal_get_tls(void) {
  return rdmsr(MSR_FS_BASE);
}

size_t hal_fpu_state_size(void) {
  return 512;
}

size_t hal_fpu_state_align(void) {
  return 16;
}

void hal_fpu_save(void *buf) {
  __asm__ volatile("fxsave64 (%0)" : : "r"(buf) : "memory");
}

void hal_fpu_restore(const void *buf) {
  __asm__ volatile("fxrstor64 (%0)" : : "r"(buf) : "memory");
}

/* What execve leaves: x87 control word 0x37f, all registers empty and
 * zero, MXCSR 0x1f80 (all exceptions masked, round to nearest). */
static const struct {
  uint16_t fcw, fsw;
  uint8_t ftw, pad;
  uint16_t fop;
  uint64_t fip, fdp;
  uint32_t mxcsr, mxcsr_mask;
  uint8_t regs[512 - 32];
} __attribute__((aligned(16))) fpu_init_image = {.fcw = 0x37f,
                                                 .mxcsr = 0x1f80};

void hal_fpu_reset(void) {
  hal_fpu_restore(&fpu_init_image);
}
