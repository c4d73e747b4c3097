/* execve's core for an embedded static program: map the PT_LOAD segments,
 * place the break after them, and lay out the initial stack. */
#include <linux_shim/exec.h>

#include <abi.h>
#include <hal/cpu.h>
#include <hal/time.h>
#include <libos/elf.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/namei.h>
#include <libos/proc.h>
#include <libos/random.h>
#include <libos/uaccess.h>
#include <libos/ustack.h>
#include <linux_shim/vdso.h>
#include <uapi/auxv.h>
#include <uapi/errno.h>

#define PAGE HAL_PAGE_SIZE
#define PAGE_DOWN(a) ((a) & ~(PAGE - 1))
#define PAGE_UP(a) (((a) + PAGE - 1) & ~(PAGE - 1))

#define STACK_SIZE (8UL << 20)   /* RLIMIT_STACK's default */
#define STACK_BUILD (16UL << 10) /* room for argv, envp, auxv, strings */
/* Linux keeps the mmap area at least 128 MiB below the stack top. */
#define MMAP_GAP (128UL << 20)

static int map_segments(struct mm *mm, const void *image,
                        const struct elf_image *img, const char **why) {
  for (unsigned i = 0; i < img->nseg; i++) {
    const struct elf_segment *s = &img->seg[i];
    uint64_t start = PAGE_DOWN(s->va), end = PAGE_UP(s->va + s->memsz);
    if (vm_map_file(mm, start, end - start, s->prot, 0, VMA_PROGRAM, 0,
                    PAGE_DOWN(s->offset) / PAGE) != 0) {
      *why = "program segments overlap in a page";
      return -ENOEXEC;
    }
    if (vm_populate(mm, start, end - start) != 0) {
      *why = "out of memory loading the program";
      return -ENOMEM;
    }
    if (vm_copy_in(mm, s->va, (const char *)image + s->offset, s->filesz)) {
      *why = "cannot write program segment";
      return -ENOMEM;
    }
  }
  return 0;
}

/* The user word at `va` of the stack being built in `buf` (user `base`). */
static uint64_t stack_word(const void *buf, uint64_t base, uint64_t va) {
  uint64_t w;
  memcpy(&w, (const char *)buf + (va - base), 8);
  return w;
}

/* Note where the argv and envp strings and the auxv lie (Linux's
 * mm->arg_start ... auxv, which /proc/<pid>/cmdline, environ and auxv
 * read): the strings of each group are contiguous, the last one ends with
 * its NUL; the auxv follows envp's NULL and ends after AT_NULL. */
static void record_ranges(struct mm *mm, const void *buf, uint64_t base,
                          uint64_t sp, int argc, char *const *envp) {
  int envc = 0;
  while (envp && envp[envc])
    envc++;
  uint64_t argv = sp + 8, envv = argv + ((uint64_t)argc + 1) * 8;
  if (argc > 0) {
    uint64_t last = stack_word(buf, base, argv + (uint64_t)(argc - 1) * 8);
    mm->arg_start = stack_word(buf, base, argv);
    mm->arg_end = last + strlen((const char *)buf + (last - base)) + 1;
  } else {
    mm->arg_start = mm->arg_end = 0;
  }
  if (envc > 0) {
    uint64_t last = stack_word(buf, base, envv + (uint64_t)(envc - 1) * 8);
    mm->env_start = stack_word(buf, base, envv);
    mm->env_end = last + strlen((const char *)buf + (last - base)) + 1;
  } else {
    mm->env_start = mm->env_end = mm->arg_end;
  }
  uint64_t aux = envv + ((uint64_t)envc + 1) * 8, a = aux;
  while (stack_word(buf, base, a) != LINUX_AT_NULL)
    a += 16;
  mm->start_stack = sp;
  mm->auxv_start = aux;
  mm->auxv_end = a + 16;
}

static int build_stack(struct mm *mm, const struct elf_image *img, int argc,
                       char *const *argv, char *const *envp, const char *execfn,
                       uint64_t vdso, uint64_t *sp) {
  uint64_t top = mm->stack_top;
  if (vm_map(mm, top - STACK_SIZE, STACK_SIZE, HAL_PROT_READ | HAL_PROT_WRITE,
             VMA_F_GROWSDOWN, VMA_STACK) != 0)
    return -ENOMEM;
  struct ustack_spec *s = kzalloc(sizeof *s);
  void *buf = kzalloc(STACK_BUILD);
  int ret = -ENOMEM;
  if (!s || !buf)
    goto out;
  s->argc = argc;
  s->argv = argv;
  s->envp = envp;
  s->execfn = execfn;
  s->platform = LINUX_PLATFORM;
  random_bytes(s->random, sizeof s->random); /* as getrandom's */
  /* Linux's order (create_elf_tables); kdiff-visible only through auxv
   * dumps, but programs may walk it. */
  const struct ustack_aux aux[] = {
      {LINUX_AT_SYSINFO_EHDR, vdso}, /* Linux: first (ARCH_DLINFO) */
      {LINUX_AT_HWCAP, LINUX_HWCAP},
      {LINUX_AT_PAGESZ, PAGE},
      {LINUX_AT_CLKTCK, 100},
      {LINUX_AT_PHDR, img->phdr_va},
      {LINUX_AT_PHENT, img->phent},
      {LINUX_AT_PHNUM, img->phnum},
      {LINUX_AT_BASE, 0},
      {LINUX_AT_FLAGS, 0},
      {LINUX_AT_ENTRY, img->entry},
      {LINUX_AT_UID, current_proc()->cred.ruid},
      {LINUX_AT_EUID, current_proc()->cred.euid},
      {LINUX_AT_GID, current_proc()->cred.rgid},
      {LINUX_AT_EGID, current_proc()->cred.egid},
      {LINUX_AT_SECURE, 0},
      /* Placeholders: ustack_build fills these, keeping Linux's order. */
      {LINUX_AT_RANDOM, 0},
      {LINUX_AT_EXECFN, 0},
      {LINUX_AT_PLATFORM, 0},
  };
  s->naux = sizeof aux / sizeof aux[0];
  memcpy(s->aux, aux, sizeof aux);
  *sp = ustack_build(buf, STACK_BUILD, top, s);
  if (!*sp) {
    ret = -E2BIG;
    goto out;
  }
  record_ranges(mm, buf, top - STACK_BUILD, *sp, argc, envp);
  ret = vm_copy_in(mm, top - STACK_BUILD, buf, STACK_BUILD) ? -ENOMEM : 0;
out:
  kfree(s);
  kfree(buf);
  return ret;
}

int linux_exec(struct proc *p, const void *image, size_t size, int argc,
               char *const *argv, char *const *envp, const char *execfn,
               const char **why) {
  struct elf_image img;
  if (elf_inspect(image, size, LINUX_ELF_MACHINE, LINUX_PIE_BASE,
                  p->mm->stack_top - STACK_SIZE - MMAP_GAP, &img, why) != 0)
    return -ENOEXEC;
  int ret = map_segments(p->mm, image, &img, why);
  if (ret)
    return ret;
  p->mm->brk_start = p->mm->brk = PAGE_UP(img.hi);
  p->mm->mmap_top = p->mm->stack_top - STACK_SIZE - MMAP_GAP;
  uint64_t sp, vdso;
  if (vdso_map(p->mm, &vdso)) {
    *why = "out of memory for the vDSO";
    return -ENOMEM;
  }
  ret = build_stack(p->mm, &img, argc, argv, envp, execfn, vdso, &sp);
  if (ret) {
    *why = ret == -E2BIG ? "arguments too long" : "out of memory for stack";
    return ret;
  }
  hal_regs_init_user(p->main->uregs, img.entry, sp);
  hal_fpu_reset();
  return 0;
}

void linux_set_program(struct proc *p, const char *path) {
  if (strcmp(path, "/proc/self/exe") == 0)
    return;
  size_t cap = sizeof p->exe_path, n = 0;
  if (path[0] != '/') {
    long len = vfs_path_of(p->fs->root, p->fs->cwd, p->exe_path, cap);
    n = len > 0 ? (size_t)len - 1 : 0;
    if (n > 1 && n < cap - 1)
      p->exe_path[n++] = '/';
    else if (n != 1)
      n = 0; /* the cwd is gone or too deep: name the program alone */
  }
  size_t k = strnlen(path, cap - 1 - n);
  memcpy(p->exe_path + n, path, k);
  p->exe_path[n + k] = '\0';
}
