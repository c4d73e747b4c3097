/* Which queue a user futex word belongs to. */
#include <libos/futex.h>

#include <hal/cpu.h>
#include <hal/mmu.h>
#include <libos/vm.h>
#include <uapi/errno.h>

int futex_key_user(struct mm *mm, uint64_t uaddr, bool private_,
                   struct futex_key *out) {
  out->space = mm;
  out->addr = uaddr;
  if (private_)
    return 0;
  struct vma *v = vma_find(mm->vmas, uaddr);
  if (!v)
    return -EFAULT;
  if (!vma_is_shared(v))
    return 0;
  uint64_t pa;
  if (!hal_query_page(mm->as, uaddr, &pa, 0)) {
    if (vm_fault(mm, uaddr, HAL_ACCESS_READ) != VM_FAULT_OK ||
        !hal_query_page(mm->as, uaddr, &pa, 0))
      return -EFAULT;
  }
  out->space = 0;
  out->addr = (pa & ~(HAL_PAGE_SIZE - 1)) | (uaddr & (HAL_PAGE_SIZE - 1));
  return 0;
}
