/* Arm semihosting (QEMU: -semihosting-config enable=on,target=native): the
 * trace channel and the exit code. The call is `hlt #0xf000` with the
 * operation in w0 and a parameter block address in x1. */
#include "arm64.h"

#define SYS_WRITE0 0x04
#define SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static bool disabled;

void semihost_disable(void) { disabled = true; }

static uint64_t semihost_call(uint64_t op, const void *arg) {
  if (disabled)
    return (uint64_t)-1;
  register uint64_t x0 __asm__("x0") = op;
  register const void *x1 __asm__("x1") = arg;
  __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
  return x0;
}

/*
 * SYS_WRITE0 goes to the semihosting chardev (the trace file) in one host
 * write per call; it stops at NUL, so text is sent in NUL-terminated chunks
 * and a NUL byte in the input is the only thing that cannot be carried (it
 * is dropped; the trace is JSON text and never contains one).
 */
void semihost_write(const void *buf, size_t len) {
  const char *p = buf;
  char chunk[512];
  while (len > 0) {
    size_t n = 0;
    while (n < len && n < sizeof(chunk) - 1 && p[n] != '\0') {
      chunk[n] = p[n];
      n++;
    }
    chunk[n] = '\0';
    if (n > 0)
      semihost_call(SYS_WRITE0, chunk);
    if (n < len && p[n] == '\0')
      n++; /* skip the unrepresentable NUL */
    p += n;
    len -= n;
  }
}

void semihost_exit(uint8_t code) {
  static uint64_t block[2];
  block[0] = ADP_STOPPED_APPLICATION_EXIT;
  block[1] = code;
  semihost_call(SYS_EXIT, block);
}
