/* libFuzzer target: the JSONL reader must never crash, and its fast
 * scanner must never accept a line jansson rejects (differential check). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "jsonl_read.h"
#include "normalise.h"

/* What an "args" element reads as, by the schema (jsonl.h): a JSON
 * integer, or "0x" and 1-16 hex digits; anything else is not ok. */
static bool arg_value(json_t *x, int64_t *v) {
  if (json_is_integer(x)) {
    *v = (int64_t)json_integer_value(x);
    return true;
  }
  const char *h = json_is_string(x) ? json_string_value(x) : NULL;
  size_t n = h ? json_string_length(x) : 0;
  if (n < 3 || n > 18 || h[0] != '0' || (h[1] != 'x' && h[1] != 'X'))
    return false;
  uint64_t u = 0;
  for (size_t i = 2; i < n; i++) {
    char c = h[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0)
      return false;
    u = u << 4 | (uint64_t)d;
  }
  *v = (int64_t)u;
  return true;
}

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
        /* ...and the arguments as jansson's values say (the fast paths
         * read them without it). */
        json_t *a = json_object_get(o, "args");
        if (json_is_array(a)) {
          size_t na = json_array_size(a);
          if ((size_t)rec.nargs != (na < JSONL_MAXARGS ? na : JSONL_MAXARGS))
            abort();
          for (int i = 0; i < rec.nargs; i++) {
            int64_t v = 0;
            bool ok = arg_value(json_array_get(a, (size_t)i), &v);
            if (!rec.args[i].present || rec.args[i].ok != ok ||
                (ok && rec.args[i].v != v))
              abort();
          }
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
