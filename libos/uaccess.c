/* User copies one page at a time through the physmap. A page that is not
 * present yet is faulted in exactly as a user access would be, so the
 * kernel sees the same memory the program sees, with the same rights. */
#include <libos/uaccess.h>

#include <hal/cpu.h>
#include <hal/mmu.h>
#include <libos/kstring.h>
#include <libos/vm.h>
#include <uapi/errno.h>

struct mm kernel_buffer_mm;

bool access_ok(uint64_t addr, uint64_t n) {
  uint64_t top = hal_user_va_top();
  return addr <= top && n <= top - addr;
}

/* Kernel address of user byte `va` for `access`, or NULL if the program
 * could not make that access itself. */
static uint8_t *user_byte(struct mm *mm, uint64_t va, unsigned access) {
  if (va >= hal_user_va_top())
    return 0;
  uint64_t pa;
  unsigned prot;
  unsigned need = access == HAL_ACCESS_WRITE ? HAL_PROT_WRITE : HAL_PROT_READ;
  if (!hal_query_page(mm->as, va, &pa, &prot) || !(prot & need)) {
    if (vm_fault(mm, va, access) != VM_FAULT_OK)
      return 0;
    vm_account_fault(); /* Linux counts a kernel-side fault too */
    if (!hal_query_page(mm->as, va, &pa, &prot) || !(prot & need))
      return 0;
  }
  return (uint8_t *)hal_phys_to_virt(pa & ~(HAL_PAGE_SIZE - 1)) +
         (va & (HAL_PAGE_SIZE - 1));
}

static size_t chunk(uint64_t va, size_t left) {
  size_t in_page = HAL_PAGE_SIZE - (va & (HAL_PAGE_SIZE - 1));
  return left < in_page ? left : in_page;
}

size_t copy_from_user(struct mm *mm, void *dst, uint64_t src, size_t n) {
  uint8_t *d = dst;
  if (mm == &kernel_buffer_mm) {
    memcpy(dst, (const void *)(uintptr_t)src, n);
    return 0;
  }
  while (n) {
    size_t c = chunk(src, n);
    const uint8_t *s = user_byte(mm, src, HAL_ACCESS_READ);
    if (!s)
      return n;
    memcpy(d, s, c);
    d += c;
    src += c;
    n -= c;
  }
  return 0;
}

size_t copy_to_user(struct mm *mm, uint64_t dst, const void *src, size_t n) {
  const uint8_t *s = src;
  if (mm == &kernel_buffer_mm) {
    memcpy((void *)(uintptr_t)dst, src, n);
    return 0;
  }
  while (n) {
    size_t c = chunk(dst, n);
    uint8_t *d = user_byte(mm, dst, HAL_ACCESS_WRITE);
    if (!d)
      return n;
    memcpy(d, s, c);
    s += c;
    dst += c;
    n -= c;
  }
  return 0;
}

size_t clear_user(struct mm *mm, uint64_t dst, size_t n) {
  if (mm == &kernel_buffer_mm) {
    memset((void *)(uintptr_t)dst, 0, n);
    return 0;
  }
  while (n) {
    size_t c = chunk(dst, n);
    uint8_t *d = user_byte(mm, dst, HAL_ACCESS_WRITE);
    if (!d)
      return n;
    memset(d, 0, c);
    dst += c;
    n -= c;
  }
  return 0;
}

long strncpy_from_user(struct mm *mm, char *dst, uint64_t src, size_t max) {
  size_t len = 0;
  while (len < max) {
    size_t c = chunk(src, max - len);
    const char *s = (const char *)user_byte(mm, src, HAL_ACCESS_READ);
    if (!s)
      return -EFAULT;
    for (size_t i = 0; i < c; i++) {
      dst[len] = s[i];
      if (s[i] == '\0')
        return (long)len;
      len++;
    }
    src += c;
  }
  return -ENAMETOOLONG;
}
