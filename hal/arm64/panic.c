/* The HAL's own panic record, for failures before kernel_main (after it,
 * libos reports panics). Writes one JSON line and powers off. */
#include <hal/console.h>

#include "arm64.h"

static char *put_raw(char *p, char *end, const char *s) {
  for (; *s && p < end; s++)
    *p++ = *s;
  return p;
}

static char *put_str(char *p, char *end, const char *s) {
  for (; *s && p < end; s++) {
    /* Keep the line valid JSON whatever the message holds. */
    if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20)
      *p++ = '?';
    else
      *p++ = *s;
  }
  return p;
}

static char *put_hex(char *p, char *end, uint64_t v) {
  for (int shift = 60; shift >= 0 && p < end; shift -= 4)
    *p++ = "0123456789abcdef"[(v >> shift) & 0xf];
  return p;
}

void arm64_early_panic(const char *msg, uint64_t ip) {
  char line[256];
  char *end = line + sizeof(line) - 4;
  char *p = put_raw(line, end, "{\"ev\":\"panic\",\"msg\":\"");
  p = put_str(p, end - 40, msg);
  p = put_raw(p, end, "\",\"ip\":\"0x");
  p = put_hex(p, end, ip);
  p = put_raw(p, end, "\"}\n");
  hal_trace_write(line, (size_t)(p - line));
  hal_poweroff(HAL_POWEROFF_PANIC);
}
