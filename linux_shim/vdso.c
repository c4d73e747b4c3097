/* The vDSO's kernel side: build the data page once (checking that the
 * vDSO's clock arithmetic reproduces hal_clock_ns()), and map the page and
 * the embedded image into each new program. */
#include <linux_shim/vdso.h>

#include <hal/mmu.h>
#include <hal/time.h>
#include <libos/kstring.h>
#include <libos/timer.h>
#include <libos/trace.h>
#include <linux_shim/uapi/errno.h>
#include <vdso/vdso_arch.h>
#include <vdso_syms.h> /* generated: offsets of the image's symbols */

#define PAGE HAL_PAGE_SIZE
#define PAGE_UP(a) (((a) + PAGE - 1) & ~(PAGE - 1))

/* The image, embedded by the kernel build (vdso_image.S). */
extern const char vdso_image_start[], vdso_image_end[];

static struct vdso_page page;
static bool page_ready;

/* Does the page's arithmetic give hal_clock_ns()? A counter read on each
 * side of the kernel's own read must bracket it. */
static bool page_agrees(void) {
  for (int i = 0; i < 8; i++) {
    uint64_t c0 = vdso_read_counter();
    uint64_t h = hal_clock_ns();
    uint64_t c1 = vdso_read_counter();
    if (vdso_cycles_to_ns(&page, c0 - page.cycle_base) > h ||
        vdso_cycles_to_ns(&page, c1 - page.cycle_base) < h)
      return false;
  }
  return true;
}

static void page_init(void) {
  memset(&page, 0, sizeof page);
  /* What clock_getres says for these clocks (sys_time.c). */
  page.hres_res_ns = 1;
  page.coarse_res_ns = TICK_NS;
  /* The kernel never steps the wall clock, so this never changes. */
  page.wall_base_ns = hal_wallclock_at_boot_ns();
  struct hal_clock_user c;
  if (hal_clock_user(&c)) {
    page.cycle_base = c.base;
    page.mult = c.mult;
    page.freq = c.freq;
  }
  if ((page.mult || page.freq) && page_agrees())
    page.mode = VDSO_MODE_COUNTER;
  else
    trace_log("vdso: clock not readable in user mode; clocks are syscalls");
  page_ready = true;
}

int vdso_map(struct mm *mm, uint64_t *ehdr) {
  if (!page_ready)
    page_init();
  uint64_t size = (uint64_t)(vdso_image_end - vdso_image_start);
  uint64_t len = PAGE + PAGE_UP(size);
  uint64_t base = vm_find_free(mm, len, 0);
  if (!base)
    return -ENOMEM;
  /* Each process gets its own copy: the page is constant after boot. */
  if (vm_map(mm, base, PAGE, HAL_PROT_READ, 0, VMA_VDSO) ||
      vm_map(mm, base + PAGE, len - PAGE, HAL_PROT_READ | HAL_PROT_EXEC, 0,
             VMA_VDSO) ||
      vm_populate(mm, base, len) ||
      vm_copy_in(mm, base, &page, sizeof page) ||
      vm_copy_in(mm, base + PAGE, vdso_image_start, size)) {
    vm_unmap(mm, base, len);
    return -ENOMEM;
  }
  *ehdr = base + PAGE;
  return 0;
}

uint64_t vdso_sigreturn_addr(struct mm *mm) {
#ifdef VDSO_SYM___kernel_rt_sigreturn
  /* struct mm keeps no vDSO address, so find the image: the executable
   * VDSO area (the one exec made, unless the program re-mapped it). */
  for (unsigned i = 0; i < mm->vmas->n; i++) {
    const struct vma *v = &mm->vmas->v[i];
    if (v->kind == VMA_VDSO && (v->prot & HAL_PROT_EXEC) &&
        v->end - v->start > VDSO_SYM___kernel_rt_sigreturn)
      return v->start + VDSO_SYM___kernel_rt_sigreturn;
  }
#else
  (void)mm;
#endif
  return 0;
}
