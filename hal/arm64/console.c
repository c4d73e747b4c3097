/* The program's console (PL011 UART) and the trace channel (semihosting). */
#include <hal/console.h>

#include "arm64.h"

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFF (1u << 5)

void hal_console_write(const void *buf, size_t len) {
  const unsigned char *p = buf;
  uint64_t base = arm64_plat.pl011;
  for (size_t i = 0; i < len; i++) {
    while (mmio_read32(base + UARTFR) & UARTFR_TXFF)
      ;
    mmio_write32(base + UARTDR, p[i]);
  }
}

void hal_trace_write(const void *buf, size_t len) { semihost_write(buf, len); }
