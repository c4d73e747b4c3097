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
      /* ...and read the str field as jansson does. */
      struct jsonl_reader r;
      struct jsonl_rec rec;
      jsonl_open_mem(&r, s + pos, n);
      if (jsonl_next(&r, &rec) == JSONL_RECORD) {
        json_t *m = json_object_get(o, "str");
        for (int i = 0; i < JSONL_MAXARGS; i++) {
          char k[2] = {(char)('0' + i), 0};
          json_t *v = json_is_object(m) ? json_object_get(m, k) : NULL;
          bool has = (rec.str_has >> i) & 1;
          if (has != json_is_string(v) ||
              (has && (json_string_length(v) != rec.str[i].n ||
                       memcmp(json_string_value(v), rec.str[i].s, rec.str[i].n))))
            abort();
        }
      }
      jsonl_close(&r);
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
