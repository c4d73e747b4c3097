/* The mm layer (libos/vm.c, libos/uaccess.c) on the host over a fake HAL
 * MMU and fake physical memory: demand zero, fault results, brk's limits,
 * protection of present pages, discard, moves, stack growth, user copies,
 * and a random edit sequence checked against a page model (contents, and
 * every frame accounted for: no leak, no double free). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_mmu.h"
#include "fake_phys.h"
#include <hal/cpu.h>
#include <libos/pmm.h>
#include <libos/uaccess.h>
#include <libos/vfs.h>
#include <libos/vm.h>
#include <uapi/errno.h>

#define PG 4096ULL
#define RW (HAL_PROT_READ | HAL_PROT_WRITE)
#define RAM_BASE 0x40000000ULL
#define RAM_SIZE (16ULL << 20)
#define BASE 0x10000000ULL

/* The kernel counts served faults for getrusage (task.c); not here. */
void vm_account_fault(void) {}

static struct mm mm;
static size_t free_at_start;

static void setup(void) {
  fake_phys_reset();
  fake_phys_add(RAM_BASE, RAM_SIZE);
  struct hal_mem_region r = {RAM_BASE, RAM_SIZE};
  CHECK(pmm_init(&r, 1) == 0);
  free_at_start = pmm_free_count();
  CHECK(mm_init(&mm) == 0);
}

static void teardown(void) {
  mm_destroy(&mm);
  CHECK_MSG(pmm_free_count() == free_at_start, "leaked %zu frames",
            free_at_start - pmm_free_count());
}

static int peek(uint64_t va) {
  unsigned char c;
  return copy_from_user(&mm, &c, va, 1) ? -1 : c;
}

static int poke(uint64_t va, unsigned char c) {
  return copy_to_user(&mm, va, &c, 1) ? -1 : 0;
}

static void test_faults(void) {
  setup();
  CHECK(vm_map(&mm, BASE, 4 * PG, RW, 0, VMA_ANON) == 0);
  CHECK(vm_map(&mm, BASE + 8 * PG, PG, HAL_PROT_READ, 0, VMA_ANON) == 0);
  CHECK(fake_mmu_count(mm.as) == 0); /* nothing until touched */
  CHECK(vm_fault(&mm, BASE + PG + 5, HAL_ACCESS_READ) == VM_FAULT_OK);
  CHECK(fake_mmu_count(mm.as) == 1);
  CHECK(peek(BASE + PG + 5) == 0);
  CHECK(vm_fault(&mm, BASE + 4 * PG, HAL_ACCESS_READ) == VM_FAULT_MAPERR);
  CHECK(vm_fault(&mm, BASE + 8 * PG, HAL_ACCESS_WRITE) == VM_FAULT_ACCERR);
  CHECK(vm_fault(&mm, BASE, HAL_ACCESS_EXEC) == VM_FAULT_ACCERR);
  /* A user copy sees the same rights: no write into the read-only page. */
  CHECK(poke(BASE + 8 * PG, 1) == -1);
  CHECK(peek(BASE + 8 * PG) == 0);
  /* Kernel addresses and the top of user space are refused. */
  CHECK(peek(0xffff800000000000ULL) == -1);
  CHECK(!access_ok(hal_user_va_top() - 8, 16) && access_ok(BASE, PG));
  /* Out of table pages: OOM, and the frame is not leaked. */
  fake_mmu_fail_maps = 1;
  CHECK(vm_fault(&mm, BASE + 2 * PG, HAL_ACCESS_WRITE) == VM_FAULT_OOM);
  CHECK(fake_mmu_count(mm.as) == 1 + 1); /* peek mapped the RO page */
  teardown();
}

static void test_copies(void) {
  setup();
  CHECK(vm_map(&mm, BASE, 2 * PG, RW, 0, VMA_ANON) == 0);
  char buf[64];
  memset(buf, 'x', sizeof buf);
  /* Across the end of the mapping: the missing tail is reported. */
  CHECK(copy_to_user(&mm, BASE + 2 * PG - 10, buf, 30) == 20);
  CHECK(copy_from_user(&mm, buf, BASE + 2 * PG - 10, 30) == 20);
  CHECK(clear_user(&mm, BASE + 2 * PG - 4, 8) == 4);
  CHECK(peek(BASE + 2 * PG - 5) == 'x' && peek(BASE + 2 * PG - 4) == 0);
  CHECK(copy_to_user(&mm, BASE, "hello", 6) == 0);
  CHECK(strncpy_from_user(&mm, buf, BASE, sizeof buf) == 5);
  CHECK(strncpy_from_user(&mm, buf, BASE, 3) == -ENAMETOOLONG);
  memset(buf, 'y', sizeof buf);
  CHECK(copy_to_user(&mm, BASE + 2 * PG - 8, buf, 8) == 0);
  CHECK(strncpy_from_user(&mm, buf, BASE + 2 * PG - 8, 64) == -EFAULT);
  teardown();
}

static void test_brk(void) {
  setup();
  mm.brk_start = mm.brk = BASE;
  CHECK(vm_brk(&mm, BASE + 3 * PG + 1) == BASE + 3 * PG + 1);
  CHECK(poke(BASE + 3 * PG, 7) == 0 && poke(BASE + 4 * PG - 1, 7) == 0);
  CHECK(poke(BASE + 4 * PG, 7) == -1);
  CHECK(vm_brk(&mm, BASE + PG) == BASE + PG);
  CHECK(fake_mmu_count(mm.as) == 0); /* the touched pages were freed */
  CHECK(vm_brk(&mm, BASE + 4 * PG) == BASE + 4 * PG);
  CHECK(peek(BASE + 3 * PG) == 0);
  CHECK(vm_brk(&mm, BASE - 1) == BASE + 4 * PG);
  /* A mapping 8 pages up: the break stops a page short of it. */
  CHECK(vm_map(&mm, BASE + 8 * PG, PG, RW, 0, VMA_ANON) == 0);
  CHECK(vm_brk(&mm, BASE + 8 * PG) == BASE + 4 * PG);
  CHECK(vm_brk(&mm, BASE + 7 * PG) == BASE + 7 * PG);
  /* More than RAM (the overcommit heuristic), and RLIMIT_DATA. */
  CHECK(vm_brk(&mm, BASE + (1ULL << 30)) == BASE + 7 * PG);
  mm.data_limit = 2 * PG;
  CHECK(vm_brk(&mm, BASE + 3 * PG) == BASE + 7 * PG);
  CHECK(vm_brk(&mm, BASE + 2 * PG) == BASE + 2 * PG);
  teardown();
}

static void test_protect_discard_move(void) {
  setup();
  CHECK(vm_map(&mm, BASE, 4 * PG, RW, 0, VMA_ANON) == 0);
  for (unsigned i = 0; i < 4; i++)
    CHECK(poke(BASE + i * PG, (unsigned char)(i + 1)) == 0);
  CHECK(vm_protect(&mm, BASE + PG, BASE + 2 * PG, HAL_PROT_READ, 0) == 0);
  unsigned prot = 0;
  CHECK(hal_query_page(mm.as, BASE + PG, 0, &prot) && prot == HAL_PROT_READ);
  CHECK(mm.vmas->n == 3);
  CHECK(poke(BASE + PG, 9) == -1 && peek(BASE + PG) == 2);
  CHECK(vm_protect(&mm, BASE, BASE + 4 * PG, RW, 0) == 0 && mm.vmas->n == 1);
  vm_discard(&mm, BASE + PG, BASE + 3 * PG);
  CHECK(!vm_resident(&mm, BASE + PG) && vm_resident(&mm, BASE + 3 * PG));
  CHECK(peek(BASE + PG) == 0 && peek(BASE) == 1 && peek(BASE + 3 * PG) == 4);
  /* Shared memory keeps its pages through a discard. */
  CHECK(vm_map(&mm, BASE + 16 * PG, PG, RW, 0, VMA_SHARED) == 0);
  CHECK(poke(BASE + 16 * PG, 5) == 0);
  vm_discard(&mm, BASE + 16 * PG, BASE + 17 * PG);
  CHECK(peek(BASE + 16 * PG) == 5);
  /* Move: the same frames at the new place, nothing left behind. */
  uint64_t pa_before = 0, pa_after = 0;
  hal_query_page(mm.as, BASE + 3 * PG, &pa_before, 0);
  CHECK(vm_move(&mm, BASE, 4 * PG, BASE + 32 * PG, false) == 0);
  hal_query_page(mm.as, BASE + 35 * PG, &pa_after, 0);
  CHECK(pa_before && pa_before == pa_after);
  CHECK(peek(BASE) == -1 && peek(BASE + 32 * PG) == 1 &&
        peek(BASE + 35 * PG) == 4);
  CHECK(vm_extend(&mm, BASE + 36 * PG, BASE + 38 * PG) == 0);
  CHECK(peek(BASE + 37 * PG) == 0 &&
        vma_find(mm.vmas, BASE + 32 * PG)->end == BASE + 38 * PG);
  /* Keep-old move (MREMAP_DONTUNMAP): the old range stays, empty. */
  CHECK(vm_move(&mm, BASE + 32 * PG, PG, BASE + 48 * PG, true) == 0);
  CHECK(peek(BASE + 48 * PG) == 1 && peek(BASE + 32 * PG) == 0);
  teardown();
}

static void test_stack_growth(void) {
  setup();
  uint64_t top = BASE + (64ULL << 20);
  CHECK(vm_map(&mm, top - PG, PG, RW, VMA_F_GROWSDOWN, VMA_ANON) == 0);
  CHECK(vm_fault(&mm, top - 5 * PG + 3, HAL_ACCESS_WRITE) == VM_FAULT_OK);
  CHECK(vma_find(mm.vmas, top - 1)->start == top - 5 * PG);
  CHECK(vm_fault(&mm, top - mm.stack_limit - 1, HAL_ACCESS_READ) ==
        VM_FAULT_MAPERR);
  /* An area just below leaves no room for the guard gap. */
  CHECK(vm_map(&mm, top - 5 * PG - VMA_GUARD_GAP, PG, RW, 0, VMA_ANON) == 0);
  CHECK(vm_fault(&mm, top - 6 * PG, HAL_ACCESS_READ) == VM_FAULT_MAPERR);
  /* And vm_find_free keeps new mappings out of the gap. */
  mm.mmap_top = top;
  uint64_t a = vm_find_free(&mm, PG, 0);
  CHECK(a && (a + PG <= top - 5 * PG - VMA_GUARD_GAP));
  teardown();
}

/* A fake file: its pages in a small array, the areas' references counted. */
#define FPAGES 8
static uint64_t fpage[FPAGES];
static int file_refs;

void vma_file_ref(struct inode *f) {
  (void)f;
  file_refs++;
}

void vma_file_unref(struct inode *f) {
  (void)f;
  file_refs--;
}

static int fake_getpage(struct inode *ino, uint64_t idx, bool alloc,
                        uint64_t *pa) {
  (void)ino;
  if (idx >= FPAGES)
    return -ENOSPC;
  if (!fpage[idx] && alloc && !(fpage[idx] = pmm_alloc()))
    return -ENOMEM;
  *pa = fpage[idx];
  return 0;
}

static const struct inode_ops fake_file_ops = {.getpage = fake_getpage};

static unsigned char *fbyte(uint64_t idx) {
  return hal_phys_to_virt(fpage[idx]);
}

/* Shared and private file areas: the file's frames, copy on write, SIGBUS
 * past EOF, truncate's unmapping, fork, and every frame and file reference
 * accounted for. */
static void test_file(void) {
  setup();
  struct inode ino = {.size = 2 * PG + 100, .ops = &fake_file_ops};
  uint64_t sh = BASE, pr = BASE + 16 * PG;
  CHECK(vm_map_file(&mm, sh, 4 * PG, RW, 0, VMA_FILE_SHARED, &ino, 0) == 0);
  CHECK(vm_map_file(&mm, pr, 4 * PG, RW, 0, VMA_FILE, &ino, 0) == 0);
  CHECK(file_refs == 2);
  CHECK(poke(sh + 5, 7) == 0 && fpage[0] && fbyte(0)[5] == 7);
  CHECK(peek(pr + 5) == 7);
  CHECK(poke(pr + 5, 9) == 0 && fbyte(0)[5] == 7 && peek(sh + 5) == 7);
  CHECK(peek(pr + PG) == 0 && fpage[1]); /* a hole gets a page */
  fbyte(1)[3] = 4;
  CHECK(peek(pr + PG + 3) == 4 && peek(sh + PG + 3) == 4);
  CHECK(vm_fault(&mm, sh + 2 * PG + 200, HAL_ACCESS_READ) == VM_FAULT_OK);
  CHECK(vm_fault(&mm, sh + 3 * PG, HAL_ACCESS_READ) == VM_FAULT_SIGBUS);
  CHECK(vm_fault(&mm, pr + 3 * PG, HAL_ACCESS_WRITE) == VM_FAULT_SIGBUS);
  /* Split, then a move keeps each page at its file index. */
  CHECK(vm_protect(&mm, sh + PG, sh + 2 * PG, HAL_PROT_READ, 0) == 0);
  CHECK(file_refs == 4);
  CHECK(vm_move(&mm, sh + PG, PG, BASE + 40 * PG, false) == 0);
  CHECK(peek(BASE + 40 * PG + 3) == 4);
  /* fork: shared stays shared, private copies. */
  struct mm child;
  CHECK(mm_fork(&child, &mm) == 0 && file_refs == 8);
  unsigned char c = 1;
  CHECK(copy_to_user(&child, sh + 6, &c, 1) == 0 && peek(sh + 6) == 1);
  CHECK(copy_to_user(&child, pr + 5, &c, 1) == 0 && peek(pr + 5) == 9);
  mm_destroy(&child);
  CHECK(file_refs == 4);
  /* Truncate to one page: every mapping of page 1 on goes, copies too. */
  CHECK(poke(pr + PG, 5) == 0);
  ino.size = PG;
  vm_unmap_file(&ino, 1);
  for (unsigned i = 1; i < FPAGES; i++)
    if (fpage[i]) {
      pmm_unref(fpage[i]);
      fpage[i] = 0;
    }
  CHECK(!vm_resident(&mm, pr + PG) && !vm_resident(&mm, BASE + 40 * PG));
  CHECK(vm_fault(&mm, pr + PG, HAL_ACCESS_READ) == VM_FAULT_SIGBUS);
  CHECK(vm_fault(&mm, BASE + 40 * PG, HAL_ACCESS_READ) == VM_FAULT_SIGBUS);
  CHECK(peek(sh + 5) == 7 && peek(pr + 5) == 9);
  mm_destroy(&mm);
  CHECK(file_refs == 0);
  pmm_unref(fpage[0]);
  fpage[0] = 0;
  CHECK_MSG(pmm_free_count() == free_at_start, "leaked %zu frames",
            free_at_start - pmm_free_count());
}

/* A random sequence of map/unmap/protect/discard/write against a model of
 * each page's byte 0 (-1: unmapped). */
#define MPAGES 64
static int model[MPAGES];

static unsigned rnd(unsigned n) {
  return (unsigned)rand() % n;
}

static void test_random(void) {
  setup();
  for (int i = 0; i < MPAGES; i++)
    model[i] = -1;
  srand(7);
  for (int step = 0; step < 20000; step++) {
    unsigned lo = rnd(MPAGES), hi = lo + 1 + rnd(8);
    if (hi > MPAGES)
      hi = MPAGES;
    uint64_t s = BASE + lo * PG, e = BASE + hi * PG;
    unsigned op = rnd(5);
    if (getenv("MM_TRACE"))
      fprintf(stderr, "step %d op %u [%u,%u) used %zu\n", step, op, lo, hi,
              free_at_start - pmm_free_count());
    switch (op) {
    case 0:
      CHECK(vm_unmap(&mm, s, e - s) == 0);
      CHECK(vm_map(&mm, s, e - s, RW, 0, VMA_ANON) == 0);
      for (unsigned p = lo; p < hi; p++)
        model[p] = 0;
      break;
    case 1:
      CHECK(vm_unmap(&mm, s, e - s) == 0);
      for (unsigned p = lo; p < hi; p++)
        model[p] = -1;
      break;
    case 2:
      vm_discard(&mm, s, e);
      for (unsigned p = lo; p < hi; p++)
        if (model[p] >= 0)
          model[p] = 0;
      break;
    case 3:
      CHECK(vm_protect(&mm, s, e, rnd(2) ? RW : HAL_PROT_READ, 0) == 0);
      CHECK(vm_protect(&mm, s, e, RW, 0) == 0);
      break;
    default:
      for (unsigned p = lo; p < hi; p++) {
        unsigned char v = (unsigned char)(1 + rnd(200));
        int r = poke(BASE + p * PG, v);
        CHECK((r == 0) == (model[p] >= 0));
        if (r == 0)
          model[p] = v;
      }
    }
    unsigned resident = 0;
    for (unsigned p = 0; p < MPAGES; p++)
      CHECK_MSG(peek(BASE + p * PG) == model[p], "step %d page %u", step, p);
    for (unsigned p = 0; p < MPAGES; p++) {
      bool r = vm_resident(&mm, BASE + p * PG);
      CHECK_MSG(model[p] >= 0 || !r, "step %d: stale frame at page %u", step,
                p);
      resident += r;
    }
    /* peek faulted in every mapped page: frames in use == pages mapped. */
    CHECK_MSG(free_at_start - pmm_free_count() == resident,
              "step %d: %zu frames used, %u resident", step,
              free_at_start - pmm_free_count(), resident);
    if (check_failures)
      break;
  }
  teardown();
}

/* MADV_FREE: data stays until memory runs out; then the pages nobody
 * wrote since read as zeros, the rewritten ones keep their bytes, and
 * pages another space maps are never dropped. */
static void test_lazy_free(void) {
  setup();
  CHECK(vm_map(&mm, BASE, 8 * PG, RW, 0, VMA_ANON) == 0);
  CHECK(vm_map(&mm, BASE + 16 * PG, PG, RW, 0, VMA_ANON) == 0);
  for (int i = 0; i < 8; i++)
    CHECK(poke(BASE + i * PG, 'a' + i) == 0);
  vm_free_lazily(&mm, BASE, BASE + 6 * PG);
  const struct vma *v = vma_find(mm.vmas, BASE);
  CHECK(vm_area_lazy(&mm, v) == 6);
  CHECK(poke(BASE + PG, 'W') == 0); /* the write makes it ordinary again */
  CHECK(vm_area_lazy(&mm, v) == 5);
  CHECK(peek(BASE) == 'a' && peek(BASE + 5 * PG) == 'f'); /* no pressure */
  CHECK(vm_area_lazy(&mm, v) == 5); /* reads leave the mark */

  /* A forked copy shares page 7: MADV_FREE there leaves it alone. */
  struct mm child;
  CHECK(mm_fork(&child, &mm) == 0);
  vm_free_lazily(&mm, BASE + 7 * PG, BASE + 8 * PG);
  CHECK(vm_area_lazy(&mm, v) == 5);

  /* Use up every frame; the next fault reclaims the 5 lazy pages (the
   * child is gone, so they are this space's alone again). */
  mm_destroy(&child);
  size_t n = 0, cap = pmm_free_count();
  uint64_t *hoard = calloc(cap + 1, sizeof *hoard);
  while ((hoard[n] = pmm_alloc()) != 0)
    n++;
  CHECK(vm_fault(&mm, BASE + 16 * PG, HAL_ACCESS_WRITE) == VM_FAULT_OK);
  CHECK(pmm_free_count() == 4 && vm_area_lazy(&mm, v) == 0);
  CHECK(peek(BASE + PG) == 'W' && peek(BASE + 6 * PG) == 'g' &&
        peek(BASE + 7 * PG) == 'h');
  CHECK(peek(BASE) == 0 && peek(BASE + 5 * PG) == 0);
  CHECK(pmm_free_count() == 2); /* the two reads took fresh zeroed frames */
  for (size_t i = 0; i < n; i++)
    pmm_unref(hoard[i]);
  free(hoard);
  teardown();
}

int main(void) {
  test_faults();
  test_lazy_free();
  test_copies();
  test_brk();
  test_protect_discard_move();
  test_stack_growth();
  test_random();
  test_file();
  return check_done("mm");
}
