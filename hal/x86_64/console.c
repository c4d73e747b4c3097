/* The output channels and power-off: 16550 UART at 0x3f8 (program output),
 * QEMU debugcon at 0xe9 (trace), isa-debug-exit at 0x501 (exit status). */
#include <hal/console.h>

#include "x86.h"

#define COM1 0x3f8
#define DEBUGCON 0xe9
#define DEBUG_EXIT 0x501
#define UART_FIFO_DEPTH 16

void x86_console_init(void) {
  outb(COM1 + 1, 0x00); /* no UART interrupts: we poll */
  outb(COM1 + 3, 0x80); /* DLAB on: divisor 1 (115200 baud) */
  outb(COM1 + 0, 0x01);
  outb(COM1 + 1, 0x00);
  outb(COM1 + 3, 0x03); /* 8N1, DLAB off */
  outb(COM1 + 2, 0x07); /* FIFOs on and cleared */
  outb(COM1 + 4, 0x03); /* DTR, RTS */
}

/* In FIFO mode THRE means the transmit FIFO is empty, so after seeing it
 * up to 16 bytes can go without another status read. An absent UART reads
 * 0xff (THRE set), so this never spins forever. */
static void uart_wait_empty(void) {
  for (unsigned spins = 0; spins < 1000000; spins++)
    if (inb(COM1 + 5) & 0x20)
      return;
}

void hal_console_write(const void *buf, size_t len) {
  const uint8_t *p = buf;
  while (len > 0) {
    size_t n = len < UART_FIFO_DEPTH ? len : UART_FIFO_DEPTH;
    size_t left = n;
    uart_wait_empty();
    /* One string instruction per FIFO load: a hypervisor can take it in
     * a single exit. */
    __asm__ volatile("rep outsb"
                     : "+S"(p), "+c"(left)
                     : "d"((uint16_t)COM1)
                     : "memory");
    len -= n;
  }
}

void hal_trace_write(const void *buf, size_t len) {
  const void *p = buf;
  __asm__ volatile("rep outsb"
                   : "+S"(p), "+c"(len)
                   : "d"((uint16_t)DEBUGCON)
                   : "memory");
}

void hal_poweroff(uint8_t code) {
  __asm__ volatile("cli");
  outw(DEBUG_EXIT, code);
  /* No isa-debug-exit: a triple fault ends QEMU (-no-reboot) rather than
   * leaving the harness waiting for its timeout. */
  struct {
    uint16_t limit;
    uint64_t base;
  } __attribute__((packed)) none = {0, 0};
  __asm__ volatile("lidt %0; int3" : : "m"(none));
  for (;;)
    __asm__ volatile("hlt");
}
