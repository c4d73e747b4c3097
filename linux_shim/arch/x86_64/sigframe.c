/* x86-64 rt_sigframe: pretcode, ucontext (sigcontext with the full register
 * set and a pointer to an FXSAVE image), siginfo; the FXSAVE image lies
 * above it, 64-byte aligned, as Linux lays them out. */
#include <linux_shim/sigframe.h>

#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>

struct x86_sigcontext {
  uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
  uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
  uint16_t cs, gs, fs, ss;
  uint64_t err, trapno, oldmask, cr2;
  uint64_t fpstate; /* user address of the FXSAVE image, 0: none */
  uint64_t reserved1[8];
};

struct x86_ucontext {
  uint64_t flags;
  uint64_t link;
  struct linux_stack stack;
  struct x86_sigcontext mcontext;
  linux_sigset_t sigmask;
};

struct x86_rt_sigframe {
  uint64_t pretcode;
  struct x86_ucontext uc;
  struct linux_siginfo info;
};

_Static_assert(sizeof(struct x86_sigcontext) == 256, "sigcontext");
_Static_assert(sizeof(struct x86_ucontext) == 304, "ucontext");
_Static_assert(sizeof(struct x86_rt_sigframe) == 440, "rt_sigframe");

#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define FXSAVE_SIZE 512
#define MXCSR_OFF 24
#define MXCSR_MASK_OFF 28

/* rflags bits user code may change through sigreturn (Linux FIX_EFLAGS). */
#define FIX_EFLAGS 0x50dd5UL
#define EFLAGS_TF 0x100UL
#define EFLAGS_DF 0x400UL
#define EFLAGS_RF 0x10000UL

const uint64_t arch_min_sigstksz = 2048;
const uint64_t arch_redzone = 128;

static uint8_t fxbuf[FXSAVE_SIZE] __attribute__((aligned(16)));
static uint32_t mxcsr_mask;

static uint32_t read_u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

int arch_setup_rt_frame(struct hal_regs *r, const struct sigframe_args *a) {
  struct mm *mm = current_proc()->mm;
  uint64_t sp = a->on_altstack ? a->altstack_top : r->rsp - arch_redzone;
  uint64_t fp = (sp - FXSAVE_SIZE) & ~63UL;
  uint64_t frame = ((fp - sizeof(struct x86_rt_sigframe)) & ~15UL) - 8;

  hal_fpu_save(fxbuf);
  if (!mxcsr_mask) {
    uint32_t m = read_u32(fxbuf + MXCSR_MASK_OFF);
    mxcsr_mask = m ? m : 0xffbf;
  }
  memset(fxbuf + 416, 0, FXSAVE_SIZE - 416); /* no XSAVE: no magic */

  struct x86_rt_sigframe f;
  memset(&f, 0, sizeof f);
  f.pretcode = a->act->restorer;
  f.uc.flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
  f.uc.stack = a->uc_stack;
  struct x86_sigcontext *sc = &f.uc.mcontext;
  sc->r8 = r->r8, sc->r9 = r->r9, sc->r10 = r->r10, sc->r11 = r->r11;
  sc->r12 = r->r12, sc->r13 = r->r13, sc->r14 = r->r14, sc->r15 = r->r15;
  sc->rdi = r->rdi, sc->rsi = r->rsi, sc->rbp = r->rbp, sc->rbx = r->rbx;
  sc->rdx = r->rdx, sc->rax = r->rax, sc->rcx = r->rcx, sc->rsp = r->rsp;
  sc->rip = r->rip, sc->eflags = r->rflags;
  sc->cs = (uint16_t)r->cs, sc->ss = (uint16_t)r->ss;
  if (a->fault->valid) {
    sc->trapno = a->fault->code >> 32;
    sc->err = a->fault->code & 0xffffffffu;
    sc->cr2 = a->fault->addr;
  }
  sc->oldmask = a->uc_mask;
  sc->fpstate = fp;
  f.uc.sigmask = a->uc_mask;
  f.info = *a->info;

  if (copy_to_user(mm, fp, fxbuf, FXSAVE_SIZE) ||
      copy_to_user(mm, frame, &f, sizeof f))
    return -1;

  hal_fpu_reset(); /* handlers start with a clean FPU, as in Linux */
  r->rdi = (uint64_t)a->sig;
  r->rsi = frame + __builtin_offsetof(struct x86_rt_sigframe, info);
  r->rdx = frame + __builtin_offsetof(struct x86_rt_sigframe, uc);
  r->rax = 0;
  r->rsp = frame;
  r->rip = a->act->handler;
  r->rflags &= ~(EFLAGS_DF | EFLAGS_RF | EFLAGS_TF);
  r->cs = HAL_X86_USER_CS;
  r->ss = HAL_X86_USER_DS;
  return 0;
}

int arch_rt_sigreturn(struct hal_regs *r, linux_sigset_t *mask,
                      struct linux_stack *uc_stack) {
  struct mm *mm = current_proc()->mm;
  /* The handler's `ret` popped pretcode: the frame starts 8 below sp. */
  uint64_t frame = r->rsp - 8;
  struct x86_ucontext uc;
  if (copy_from_user(mm, &uc, frame + 8, sizeof uc))
    return -1;
  *mask = uc.sigmask;
  const struct x86_sigcontext *sc = &uc.mcontext;
  /* Linux loads cs and ss with RPL 3 and lets iretq judge them: any cs but
   * the 64-bit user code selector (the kernel's, a null or data one) and,
   * under UC_STRICT_RESTORE_SS, any ss but the user data selector fault
   * there, and the program gets SIGSEGV. Without that flag Linux forces a
   * valid ss. (The 32-bit user cs, 0x23, would run compat mode on Linux;
   * the library OS has none and refuses it too.) */
  if ((sc->cs | 3) != HAL_X86_USER_CS ||
      ((uc.flags & UC_STRICT_RESTORE_SS) && (sc->ss | 3) != HAL_X86_USER_DS))
    return -1;
  r->r8 = sc->r8, r->r9 = sc->r9, r->r10 = sc->r10, r->r11 = sc->r11;
  r->r12 = sc->r12, r->r13 = sc->r13, r->r14 = sc->r14, r->r15 = sc->r15;
  r->rdi = sc->rdi, r->rsi = sc->rsi, r->rbp = sc->rbp, r->rbx = sc->rbx;
  r->rdx = sc->rdx, r->rax = sc->rax, r->rcx = sc->rcx, r->rsp = sc->rsp;
  r->rip = sc->rip;
  r->rflags = (r->rflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
  r->orig_rax = ~0ULL; /* no syscall restart after sigreturn */
  *uc_stack = uc.stack;
  if (!sc->fpstate) {
    hal_fpu_reset();
    return 0;
  }
  /* fxrstor faults on a misaligned image or reserved MXCSR bits; Linux
   * turns that fault into a bad frame. */
  if (sc->fpstate & 15)
    return -1;
  if (copy_from_user(mm, fxbuf, sc->fpstate, FXSAVE_SIZE))
    return -1;
  uint32_t mask_bits = mxcsr_mask ? mxcsr_mask : 0xffbf;
  if (read_u32(fxbuf + MXCSR_OFF) & ~mask_bits)
    return -1;
  hal_fpu_restore(fxbuf);
  return 0;
}

void arch_sigreturn_fault(struct hal_regs *r, struct linux_siginfo *si) {
  (void)r;
  si->signo = SIGSEGV;
  si->code = SI_KERNEL;
}

void arch_set_syscall_nr(struct hal_regs *r, long nr) {
  r->rax = (uint64_t)nr;
}

uint64_t arch_syscall_retval(const struct hal_regs *r) {
  return r->rax;
}
