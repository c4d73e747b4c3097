/* fs.openat2_rules: openat2(2)'s strict checks of struct open_how: a
 * size below 24 EINVAL, above a page E2BIG, bigger with nonzero tail
 * E2BIG and zero tail ok; unknown flags EINVAL (where openat ignores
 * them), a mode without O_CREAT/O_TMPFILE EINVAL, mode bits over 07777
 * EINVAL, unknown resolve bits EINVAL; a plain open and a create work. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

struct how {
  unsigned long long flags, mode, resolve, extra[8];
};

static long o2(const char *p, struct how *h, size_t size) {
  return rs(syscall(SYS_openat2, AT_FDCWD, p, h, size));
}

int main(void) {
  close(open("f", O_CREAT | O_WRONLY, 0600));
  struct how h = {O_RDONLY, 0, 0, {0}};
  expect("openat2 O_RDONLY", o2("f", &h, 24) >= 0 ? 0 : -EINVAL, "ok");
  expect("size 0", o2("f", &h, 0), "EINVAL");
  expect("size 23", o2("f", &h, 23), "EINVAL");
  expect("size 32, zero tail", o2("f", &h, 32) >= 0 ? 0 : -EINVAL, "ok");
  h.extra[0] = 1;
  expect("size 32, nonzero tail", o2("f", &h, 32), "E2BIG");
  h.extra[0] = 0;
  static char page[8192];
  memcpy(page, &h, 24);
  long r = rs(syscall(SYS_openat2, AT_FDCWD, "f", page, 4096));
  expect("size 4096", r >= 0 ? 0 : r, "ok");
  expect("size 4097", rs(syscall(SYS_openat2, AT_FDCWD, "f", page, 4097)), "E2BIG");
  expect("bad pointer", rs(syscall(SYS_openat2, AT_FDCWD, "f", 8, 24)), "EFAULT");
  h.flags = O_RDONLY | 0x80000000ull;
  expect("unknown flag bit 31", o2("f", &h, 24), "EINVAL");
  r = rs(syscall(SYS_openat, AT_FDCWD, "f", O_RDONLY | 0x80000000u));
  expect("same bit through openat", r >= 0 ? 0 : r, "ok");
  h.flags = O_RDONLY | (1ull << 40);
  expect("a flag above 32 bits", o2("f", &h, 24), "EINVAL");
  h.flags = O_RDONLY;
  h.mode = 0600;
  expect("mode without O_CREAT", o2("f", &h, 24), "EINVAL");
  h.flags = O_CREAT | O_WRONLY;
  h.mode = 010000;
  expect("mode over 07777", o2("g", &h, 24), "EINVAL");
  h.mode = 0640;
  expect("create g", o2("g", &h, 24) >= 0 ? 0 : -EINVAL, "ok");
  struct stat st;
  stat("g", &st);
  printf("g mode %o\n", st.st_mode & 07777);
  h.flags = O_RDONLY;
  h.mode = 0;
  h.resolve = 1ull << 20;
  expect("unknown resolve bit", o2("f", &h, 24), "EINVAL");
  h.resolve = 0;
  h.flags = O_RDONLY | O_PATH;
  expect("O_PATH", o2("f", &h, 24) >= 0 ? 0 : -EINVAL, "ok");
  h.flags = O_RDWR;
  expect("missing file", o2("nx", &h, 24), "ENOENT");
  return finish("openat2_rules");
}
