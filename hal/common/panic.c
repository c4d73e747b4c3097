/* hal_panic() (hal/hal.h): the HAL's own panic record, the same line on
 * every port, written with nothing but the trace channel. */
#include <hal/console.h>
#include <hal/hal.h>
#include <hal/hstring.h>

#define LINE_MAX 320
#define TAIL_ROOM 40 /* the ip and the closing characters always fit */

void hal_panic(const char *msg, uint64_t ip) {
  static bool panicking; /* a fault while writing must not recurse */
  if (!panicking) {
    panicking = true;
    char line[LINE_MAX], hex[HAL_HEX_MAX];
    line[0] = '\0';
    size_t n = hal_strappend(line, sizeof line, "{\"ev\":\"panic\",\"msg\":\"");
    for (; *msg && n < LINE_MAX - TAIL_ROOM; msg++) {
      char c = *msg; /* keep the line valid JSON whatever msg holds */
      line[n++] = c == '"' || c == '\\' || (unsigned char)c < 0x20 ? '?' : c;
    }
    line[n] = '\0';
    hal_strappend(line, sizeof line, "\",\"ip\":\"");
    hal_hex(hex, ip);
    hal_strappend(line, sizeof line, hex);
    n = hal_strappend(line, sizeof line, "\"}\n");
    hal_trace_write(line, n);
  }
  hal_poweroff(HAL_POWEROFF_PANIC);
}
