/* libFuzzer target: strace's decoration scanners (strace_variant.h) never
 * claim more bytes than they were given, and the strace reader on inputs
 * dressed in them (a timestamp, -y paths, a -T duration added to every
 * line) never crashes, hangs or leaks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strace_parse.h"
#include "strace_variant.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  if (strace_timestamp(s, size) > size ||
      strace_strip_duration(s, size) > size ||
      strace_value_core(s, size) > size)
    abort();
  for (size_t i = 0; i < size && i < 64; i++)
    if (strace_fd_decoration(s, size, i) > size - i)
      abort();
  /* Each line again with a -tt timestamp before it and -T after it. */
  char *b = malloc(size * 2 + 64);
  if (!b)
    abort();
  size_t k = 0;
  for (size_t i = 0; i < size;) {
    const char *nl = memchr(s + i, '\n', size - i);
    size_t n = nl ? (size_t)(nl - (s + i)) : size - i;
    if (k + n + 40 > size * 2 + 64)
      break;
    memcpy(b + k, "1 07:02:58.403846 ", 18);
    k += 18;
    memcpy(b + k, s + i, n);
    k += n;
    memcpy(b + k, " <0.000018>\n", 12);
    k += 12;
    i += n + 1;
  }
  struct trace t;
  struct kd_error e;
  trace_init(&t, "fuzz");
  (void)strace_parse_mem(s, size, &t, &e);
  trace_free(&t);
  trace_init(&t, "fuzz");
  (void)strace_parse_mem(b, k, &t, &e);
  trace_free(&t);
  free(b);
  return 0;
}
