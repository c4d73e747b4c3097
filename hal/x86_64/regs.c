/* struct hal_regs accessors: the x86-64 Linux syscall ABI (number in rax,
 * arguments rdi rsi rdx r10 r8 r9, result in rax) and the panic format. */
#include <hal/cpu.h>

#include "x86.h"

void hal_regs_init_user(struct hal_regs *r, uint64_t pc, uint64_t sp) {
  *r = (struct hal_regs){
      .orig_rax = ~0ULL,
      .rip = pc,
      .cs = HAL_X86_USER_CS,
      .rflags = 0x202, /* IF and the always-one bit */
      .rsp = sp,
      .ss = HAL_X86_USER_DS,
  };
}

uint64_t hal_regs_pc(const struct hal_regs *r) {
  return r->rip;
}

uint64_t hal_regs_sp(const struct hal_regs *r) {
  return r->rsp;
}

void hal_regs_set_pc(struct hal_regs *r, uint64_t pc) {
  r->rip = pc;
}

void hal_regs_set_sp(struct hal_regs *r, uint64_t sp) {
  r->rsp = sp;
}

bool hal_regs_from_user(const struct hal_regs *r) {
  return (r->cs & 3) == 3;
}

uint64_t hal_regs_syscall_nr(const struct hal_regs *r) {
  return r->orig_rax;
}

uint64_t hal_regs_syscall_arg(const struct hal_regs *r, unsigned i) {
  switch (i) {
  case 0: return r->rdi;
  case 1: return r->rsi;
  case 2: return r->rdx;
  case 3: return r->r10;
  case 4: return r->r8;
  case 5: return r->r9;
  default: return 0;
  }
}

void hal_regs_set_return(struct hal_regs *r, uint64_t value) {
  r->rax = value;
}

void hal_regs_restart_syscall(struct hal_regs *r) {
  r->rax = r->orig_rax;
  r->rip -= 2; /* `syscall` is 0f 05 */
}

size_t hal_regs_describe(const struct hal_regs *r, char *buf, size_t len) {
  static const char *const names[] = {
      "r15", "r14", "r13", "r12", "rbp", "rbx", "r11",      "r10",
      "r9",  "r8",  "rax", "rcx", "rdx", "rsi", "rdi",      "orig_rax",
      "rip", "cs",  "rflags", "rsp", "ss"};
  const uint64_t *v = (const uint64_t *)r;
  size_t n = 0;
  if (len == 0)
    return 0;
  for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
    char hex[HAL_HEX_MAX];
    hal_hex(hex, v[i]);
    const char *parts[] = {i ? " " : "", names[i], "=", hex};
    for (unsigned p = 0; p < 4; p++)
      for (const char *s = parts[p]; *s; s++) {
        if (n + 1 >= len)
          goto done;
        buf[n++] = *s;
      }
  }
done:
  buf[n] = '\0';
  return n;
}
