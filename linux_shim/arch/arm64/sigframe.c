/* arm64 rt_sigframe: siginfo, then ucontext whose sigcontext holds x0-x30,
 * sp, pc, pstate and, in __reserved, a record list: fpsimd_context, an
 * esr_context after a fault, and the zero terminator. A frame_record
 * (fp, lr) sits above it so unwinders see the interrupted code. */
#include <linux_shim/sigframe.h>

#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/vma.h>
#include <linux_shim/vdso.h>

#define RESERVED_SIZE 4096
#define FPSIMD_MAGIC 0x46508001u
#define ESR_MAGIC 0x45535201u

struct a64_sigcontext {
  uint64_t fault_address;
  uint64_t regs[31];
  uint64_t sp;
  uint64_t pc;
  uint64_t pstate;
  uint8_t reserved[RESERVED_SIZE] __attribute__((aligned(16)));
};

struct a64_ucontext {
  uint64_t flags;
  uint64_t link;
  struct linux_stack stack;
  linux_sigset_t sigmask;
  uint8_t unused[1024 / 8 - sizeof(linux_sigset_t)];
  struct a64_sigcontext mcontext;
};

struct a64_rt_sigframe {
  struct linux_siginfo info;
  struct a64_ucontext uc;
};

struct ctx_head {
  uint32_t magic;
  uint32_t size;
};

struct fpsimd_context {
  struct ctx_head head;
  uint32_t fpsr;
  uint32_t fpcr;
  uint64_t vregs[32][2];
};

struct esr_context {
  struct ctx_head head;
  uint64_t esr;
};

_Static_assert(__builtin_offsetof(struct a64_ucontext, mcontext) == 176,
               "uc_mcontext offset");
_Static_assert(sizeof(struct a64_rt_sigframe) == 4688, "rt_sigframe");
_Static_assert(sizeof(struct fpsimd_context) == 528, "fpsimd_context");

/* pstate bits a user frame may not carry (Linux valid_user_regs). */
#define PSR_MODE_MASK 0xfUL
#define PSR_MODE32 0x10UL
#define PSR_DAIF 0x3c0UL
#define PSR_BTYPE 0xc00UL
/* Linux's SPSR_EL1_AARCH64_RES0_BITS: bits 63-32, 27-26, 23-22, 20-13 (IL
 * among them) and 5. valid_native_regs clears them silently: a frame that
 * sets them is not refused. */
#define PSR_RES0 (0xffffffff00000000UL | 0x0cc00000UL | 0x001fe000UL | 0x20UL)

const uint64_t arch_min_sigstksz = 5120;
const uint64_t arch_redzone = 0;

static struct a64_rt_sigframe kframe;
static struct hal_fpu_state fpbuf;

int arch_setup_rt_frame(struct hal_regs *r, const struct sigframe_args *a) {
  struct mm *mm = current_proc()->mm;
  uint64_t sp = a->on_altstack ? a->altstack_top : r->sp;
  uint64_t record = (sp - 16) & ~15UL;
  uint64_t frame = record - sizeof kframe;

  memset(&kframe, 0, sizeof kframe);
  if (a->act->flags & SA_SIGINFO)
    kframe.info = *a->info;
  struct a64_ucontext *uc = &kframe.uc;
  uc->stack = a->uc_stack;
  uc->sigmask = a->uc_mask;
  struct a64_sigcontext *sc = &uc->mcontext;
  memcpy(sc->regs, r->x, sizeof sc->regs);
  sc->sp = r->sp;
  sc->pc = r->pc;
  sc->pstate = r->pstate;
  sc->fault_address = a->fault->valid ? a->fault->addr : 0;

  hal_fpu_save(&fpbuf);
  struct fpsimd_context fp = {{FPSIMD_MAGIC, sizeof fp}, fpbuf.fpsr,
                              fpbuf.fpcr, {{0}}};
  memcpy(fp.vregs, fpbuf.v, sizeof fp.vregs);
  memcpy(sc->reserved, &fp, sizeof fp);
  size_t off = sizeof fp;
  if (a->fault->valid) {
    struct esr_context esr = {{ESR_MAGIC, sizeof esr}, a->fault->code};
    memcpy(sc->reserved + off, &esr, sizeof esr);
    off += sizeof esr;
  }
  /* The terminator: a zero head, already there from the memset. */

  uint64_t fr[2] = {r->x[29], r->x[30]};
  if (copy_to_user(mm, record, fr, sizeof fr) ||
      copy_to_user(mm, frame, &kframe, sizeof kframe))
    return -1;

  r->x[0] = (uint64_t)a->sig;
  if (a->act->flags & SA_SIGINFO) {
    r->x[1] = frame + __builtin_offsetof(struct a64_rt_sigframe, info);
    r->x[2] = frame + __builtin_offsetof(struct a64_rt_sigframe, uc);
  }
  r->sp = frame;
  r->x[29] = record;
  /* Without SA_RESTORER, Linux returns through the vDSO's trampoline. */
  r->x[30] = (a->act->flags & SA_RESTORER) ? a->act->restorer
                                           : vdso_sigreturn_addr(mm);
  r->pc = a->act->handler;
  r->pstate &= ~PSR_BTYPE;
  return 0;
}

/* Walk the __reserved records as Linux's parse_user_sigframe does: each
 * head 16-aligned and inside the area, exactly one fpsimd_context of the
 * exact size, esr_context ignored, anything else invalid. */
static const struct fpsimd_context *find_fpsimd(const uint8_t *res) {
  const struct fpsimd_context *fp = 0;
  size_t off = 0;
  for (;;) {
    struct ctx_head h;
    if (RESERVED_SIZE - off < sizeof h || (off & 15))
      return 0;
    memcpy(&h, res + off, sizeof h);
    switch (h.magic) {
    case 0:
      return h.size == 0 ? fp : 0;
    case FPSIMD_MAGIC:
      if (fp || h.size != sizeof(struct fpsimd_context))
        return 0;
      fp = (const struct fpsimd_context *)(res + off);
      break;
    case ESR_MAGIC:
      break;
    default:
      return 0;
    }
    if (h.size < sizeof h || RESERVED_SIZE - off < h.size)
      return 0;
    off += h.size;
  }
}

int arch_rt_sigreturn(struct hal_regs *r, linux_sigset_t *mask,
                      struct linux_stack *uc_stack) {
  struct mm *mm = current_proc()->mm;
  uint64_t frame = r->sp;
  if (frame & 15)
    return -1;
  if (copy_from_user(mm, &kframe, frame, sizeof kframe))
    return -1;
  const struct a64_sigcontext *sc = &kframe.uc.mcontext;
  *mask = kframe.uc.sigmask;
  memcpy(r->x, sc->regs, sizeof r->x);
  r->sp = sc->sp;
  r->pc = sc->pc;
  r->pstate = sc->pstate & ~PSR_RES0;
  r->orig_x0 = r->x[0];
  if ((sc->pstate & (PSR_MODE_MASK | PSR_MODE32 | PSR_DAIF)) != 0) {
    r->pstate &= 0xf0000000UL; /* Linux forces a valid EL0 pstate */
    return -1;
  }
  const struct fpsimd_context *fp = find_fpsimd(sc->reserved);
  if (!fp)
    return -1;
  fpbuf.fpsr = fp->fpsr;
  fpbuf.fpcr = fp->fpcr;
  fpbuf.reserved = 0;
  memcpy(fpbuf.v, fp->vregs, sizeof fpbuf.v);
  hal_fpu_restore(&fpbuf);
  *uc_stack = kframe.uc.stack;
  return 0;
}

/* arm64_notify_segfault(sp): ACCERR when an area lies at or above sp. */
void arch_sigreturn_fault(struct hal_regs *r, struct linux_siginfo *si) {
  struct mm *mm = current_proc()->mm;
  si->signo = SIGSEGV;
  si->code = vma_next(mm->vmas, r->sp) ? SEGV_ACCERR : SEGV_MAPERR;
  si->u.fault.addr = r->sp;
}

void arch_set_syscall_nr(struct hal_regs *r, long nr) {
  r->x[8] = (uint64_t)nr;
}

uint64_t arch_syscall_retval(const struct hal_regs *r) {
  return r->x[0];
}
