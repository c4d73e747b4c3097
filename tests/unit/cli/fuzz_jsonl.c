/* libFuzzer target: the JSONL reader must never crash, and its fast
 * scanner must never accept a line jansson rejects (differential check). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "jsonl_read.h"
#include "normalise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  for (size_t pos = 0; pos < size;) {
    const char *nl = memchr(s + pos, '\n', size - pos);
    size_t n = nl ? (size_t)(nl - (s + pos)) : size - pos;
    if (jsonl_fast_accepts(s + pos, n)) {
      json_error_t je;
      json_t *o = json_loadb(s + pos, n, 0, &je);
      if (!o || !json_is_object(o))
        abort(); /* the scanner took something that is not a JSON object */
      json_decref(o);
    }
    pos += n + 1;
  }
  struct trace t;
  struct kd_error e;
  trace_init(&t, "fuzz");
  if (jsonl_read_mem(s, size, (size & 1) ? ARCH_ARM64 : ARCH_X86_64, &t, &e) == 0) {
    struct norm_opts o = {0};
    normalise(&t, &o);
  }
  trace_free(&t);
  return 0;
}
