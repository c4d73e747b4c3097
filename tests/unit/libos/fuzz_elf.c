/* libFuzzer target: elf_inspect() on any bytes, for both machines; an
 * accepted image must satisfy elf_invariants.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf_invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* An exact-size copy so ASan sees any read past the end. */
  uint8_t *copy = malloc(size ? size : 1);
  memcpy(copy, data, size);
  const uint16_t machines[2] = {62, 183};
  const uint64_t limit = 0x7ffffffff000ull;
  for (int m = 0; m < 2; m++) {
    struct elf_image im;
    const char *why = NULL;
    if (elf_inspect(copy, size, machines[m], 0x555555554000ull, limit, &im,
                    &why) == 0) {
      if (elf_invariant_violation(&im, size, limit))
        abort();
    } else if (!why) {
      abort();
    }
  }
  free(copy);
  return 0;
}
