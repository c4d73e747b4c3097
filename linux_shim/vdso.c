/* The vDSO's kernel side: build the data page once (checking that the
 * vDSO's clock arithmetic reproduces hal_clock_ns()), and map the page and
 * the embedded image into each new program. */
#include <linux_shim/vdso.h>

#include <hal/mmu.h>
#include <hal/time.h>
#include <libos/kstring.h>
#include <libos/task.h>
#include <libos/tick.h>
#include <libos/trace.h>
#include <libos/wallclock.h>
#include <uapi/errno.h>
#include <vdso/vdso_arch.h>
#include <vdso_syms.h> /* generated: offsets of the image's symbols */

#define PAGE HAL_PAGE_SIZE
#define PAGE_UP(a) (((a) + PAGE - 1) & ~(PAGE - 1))

/* Pages of the two areas. Linux 6.18 (the x86-64 reference) maps a 2-page
 * [vvar_vclock] right below a 2-page [vdso]; the same sizes make its
 * partial-range rules (EINVAL for part of either) apply at the same
 * offsets. The data page is the upper page of the data area, one page
 * below the image's ELF header, where the vDSO looks for it. */
#define DATA_PAGES 2
#define IMAGE_MIN_PAGES 2

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
  /* Changed only by vdso_wall_changed (clock_settime). */
  page.wall_base_ns = wallclock_base_ns();
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
  uint64_t data_len = DATA_PAGES * PAGE;
  uint64_t image_len = PAGE_UP(size);
  if (image_len < IMAGE_MIN_PAGES * PAGE)
    image_len = IMAGE_MIN_PAGES * PAGE;
  uint64_t len = data_len + image_len;
  uint64_t base = vm_find_free(mm, len, 0);
  if (!base)
    return -ENOMEM;
  uint64_t image = base + data_len;
  /* Each process gets its own copy: the page is constant after boot. */
  if (vm_map(mm, base, data_len, HAL_PROT_READ, 0, VMA_VVAR) ||
      vm_map(mm, image, image_len, HAL_PROT_READ | HAL_PROT_EXEC, 0,
             VMA_VDSO) ||
      vm_populate(mm, base, len) ||
      vm_copy_in(mm, image - PAGE, &page, sizeof page) ||
      vm_copy_in(mm, image, vdso_image_start, size)) {
    vm_unmap(mm, base, len);
    return -ENOMEM;
  }
  mm->vdso_base = image;
  *ehdr = image;
  return 0;
}

uint64_t vdso_sigreturn_addr(struct mm *mm) {
#ifdef VDSO_SYM___kernel_rt_sigreturn
  if (mm->vdso_base)
    return mm->vdso_base + VDSO_SYM___kernel_rt_sigreturn;
#else
  (void)mm;
#endif
  return 0;
}

void vdso_wall_changed(void) {
  if (!page_ready)
    return;
  page.wall_base_ns = wallclock_base_ns();
  /* Every mapped copy of the page (a vfork child reads its parent's). */
  uint64_t off = (uint64_t)((char *)&page.wall_base_ns - (char *)&page);
  for (struct proc *p = proc_list(); p; p = p->next)
    if (p->mm_live && p->own_mm.vdso_base)
      vm_copy_in(&p->own_mm, p->own_mm.vdso_base - PAGE + off,
                 &page.wall_base_ns, sizeof page.wall_base_ns);
}
