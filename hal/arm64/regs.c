/* struct hal_regs accessors, kernel stacks, thread pointer, FP sizes. */
#include <hal/cpu.h>
#include <hal/hstring.h>

#include "arm64.h"

#define PSTATE_EL0T 0x0UL
#define PSTATE_MODE_MASK 0xfUL

void hal_regs_init_user(struct hal_regs *r, uint64_t pc, uint64_t sp) {
  hal_memset(r, 0, sizeof(*r));
  r->pc = pc;
  r->sp = sp;
  r->pstate = PSTATE_EL0T; /* EL0, AArch64, DAIF clear: interrupts on */
}

uint64_t hal_regs_pc(const struct hal_regs *r) { return r->pc; }
uint64_t hal_regs_sp(const struct hal_regs *r) { return r->sp; }
void hal_regs_set_pc(struct hal_regs *r, uint64_t pc) { r->pc = pc; }
void hal_regs_set_sp(struct hal_regs *r, uint64_t sp) { r->sp = sp; }

bool hal_regs_from_user(const struct hal_regs *r) {
  return (r->pstate & PSTATE_MODE_MASK) == PSTATE_EL0T && !(r->pstate & 0x10);
}

uint64_t hal_regs_syscall_nr(const struct hal_regs *r) { return r->x[8]; }

uint64_t hal_regs_syscall_arg(const struct hal_regs *r, unsigned i) {
  if (i > 5)
    return 0;
  return i == 0 ? r->orig_x0 : r->x[i];
}

void hal_regs_set_return(struct hal_regs *r, uint64_t value) { r->x[0] = value; }

void hal_regs_restart_syscall(struct hal_regs *r) {
  r->x[0] = r->orig_x0;
  r->pc -= 4; /* back onto the svc */
}

static size_t put(char *buf, size_t len, size_t at, const char *name,
                  uint64_t v) {
  /* "name=0x%016lx " without a printf. */
  char tmp[40];
  size_t n = 0;
  while (*name && n < 8)
    tmp[n++] = *name++;
  tmp[n++] = '=';
  tmp[n++] = '0';
  tmp[n++] = 'x';
  for (int s = 60; s >= 0; s -= 4)
    tmp[n++] = "0123456789abcdef"[(v >> s) & 0xf];
  tmp[n++] = ' ';
  for (size_t i = 0; i < n && at + 1 < len; i++)
    buf[at++] = tmp[i];
  return at;
}

size_t hal_regs_describe(const struct hal_regs *r, char *buf, size_t len) {
  static const char names[31][4] = {
      "x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",
      "x8",  "x9",  "x10", "x11", "x12", "x13", "x14", "x15",
      "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
      "x24", "x25", "x26", "x27", "x28", "x29", "x30"};
  if (len == 0)
    return 0;
  size_t at = 0;
  at = put(buf, len, at, "pc", r->pc);
  at = put(buf, len, at, "sp", r->sp);
  at = put(buf, len, at, "pstate", r->pstate);
  at = put(buf, len, at, "esr", r->esr);
  for (unsigned i = 0; i < 31; i++)
    at = put(buf, len, at, names[i], r->x[i]);
  if (at > 0 && buf[at - 1] == ' ')
    at--;
  buf[at] = '\0';
  return at;
}

/* SP_EL1 is already the kernel stack top whenever EL0 runs (see vectors.S),
 * so this only records the value for checks; nothing is programmed. */
static void *kernel_stack_top;
void hal_set_kernel_stack(void *top) { kernel_stack_top = top; }

void arm64_kstack_start(void);

void *hal_kstack_init(void *stack_top, void (*fn)(void *), void *arg) {
  /* The 96-byte callee-saved block hal_kstack_switch pops: x19..x30. */
  uint64_t *sp = (uint64_t *)((uint64_t)stack_top & ~15UL) - 12;
  hal_memset(sp, 0, 12 * sizeof(uint64_t));
  sp[0] = (uint64_t)fn;                 /* x19 */
  sp[1] = (uint64_t)arg;                /* x20 */
  sp[11] = (uint64_t)arm64_kstack_start; /* x30: where `ret` lands */
  return sp;
}

void arm64_kstack_returned(void) {
  hal_panic("a kernel thread function returned", 0);
}

void hal_set_tls(uint64_t value) { write_sysreg(tpidr_el0, value); }
uint64_t hal_get_tls(void) { return read_sysreg(tpidr_el0); }

size_t hal_fpu_state_size(void) { return HAL_FPU_STATE_SIZE; }
size_t hal_fpu_state_align(void) { return 16; }
