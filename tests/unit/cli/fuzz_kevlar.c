/* libFuzzer target: the Kevlar console reader and format detection, then
 * the normaliser and aligner on whatever it accepted (against itself),
 * must never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "kevlar_read.h"
#include "normalise.h"
#include "trace_format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t line;
  (void)trace_format_sniff((const char *)data, size, &line);
  struct trace t, u;
  struct kd_error e;
  trace_init(&t, "fuzz");
  trace_init(&u, "fuzz");
  if (kevlar_read_mem((const char *)data, size, ARCH_X86_64, &t, &e) == 0 &&
      kevlar_read_mem((const char *)data, size,
                      size & 1 ? ARCH_ARM64 : ARCH_X86_64, &u, &e) == 0) {
    struct norm_opts o = {0};
    normalise(&t, &o);
    normalise(&u, &o);
    struct alignment a;
    if (align_traces(&t, &u, &a) == 0)
      alignment_free(&a);
  }
  trace_free(&t);
  trace_free(&u);
  return 0;
}
