/* libFuzzer target: the strace reader, then the normaliser and aligner on
 * whatever it accepted (against itself), must never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "align.h"
#include "normalise.h"
#include "strace_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* The string decoder on its own: never more bytes than it read. */
  char *out = malloc(size + 1);
  bool cut;
  if (!out || strace_string((const char *)data, size, out, &cut) > (long)size)
    abort();
  free(out);
  struct trace t, u;
  struct kd_error e;
  trace_init(&t, "fuzz");
  trace_init(&u, "fuzz");
  if (strace_parse_mem((const char *)data, size, &t, &e) == 0 &&
      strace_parse_mem((const char *)data, size, &u, &e) == 0) {
    struct norm_opts lo = {.linux_side = true, .map_to_arm64 = size & 1};
    struct norm_opts ro = {0};
    normalise(&t, &lo);
    normalise(&u, &ro);
    struct alignment a;
    if (align_traces(&t, &u, &a) == 0)
      alignment_free(&a);
  }
  trace_free(&t);
  trace_free(&u);
  return 0;
}
