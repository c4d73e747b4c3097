/* libFuzzer target: cmdline_parse() on any bytes must not crash, must keep
 * its output inside the buffer and consistent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libos/cmdline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = malloc(size + 1);
  memcpy(buf, data, size);
  buf[size] = '\0';
  size_t len = strlen(buf);
  char scratch[256];
  struct cmdline cl;
  cmdline_parse(buf, &cl, scratch, sizeof scratch);
  if (cl.argc < 0 || cl.argc > CMDLINE_MAX_ARGS || cl.argv[cl.argc] != NULL)
    abort();
  for (int i = 0; i < cl.argc; i++)
    if (cl.argv[i] < buf || cl.argv[i] > buf + len)
      abort();
  if (cl.nreports > CMDLINE_MAX_REPORTS)
    abort();
  for (unsigned i = 0; i < cl.nreports; i++)
    if (strlen(cl.reports[i]) > 1024) /* also proves NUL termination */
      abort();
  if (cl.debug & ~TRACE_ALL)
    abort();
  /* cmdline_parse_debug on the raw bytes too (length-bounded, no NUL). */
  unsigned bits;
  const char *bad = NULL;
  size_t bad_len = 0;
  if (!cmdline_parse_debug((const char *)data, size, &bits, &bad, &bad_len) &&
      (bad < (const char *)data || bad + bad_len > (const char *)data + size))
    abort();
  free(buf);
  return 0;
}
