/* fs.dev_files: /dev/null, /dev/zero, /dev/full, /dev/random and
 * /dev/urandom: device numbers, reads, writes, lseek, poll readiness. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "contract.h"

int main(void) {
  const char *names[] = {"/dev/null", "/dev/zero", "/dev/full", "/dev/random",
                         "/dev/urandom"};
  for (int i = 0; i < 5; i++) {
    struct stat st;
    if (stat(names[i], &st)) {
      printf("%s: %s\n", names[i], errno_name(errno));
      failed = 1;
      continue;
    }
    printf("%s: char %d rdev %u:%u mode %o\n", names[i], S_ISCHR(st.st_mode),
           major(st.st_rdev), minor(st.st_rdev), st.st_mode & 0777);
  }
  char buf[64];
  int null = open("/dev/null", O_RDWR);
  expect("read /dev/null", read(null, buf, sizeof buf) == 0 ? 0 : -EIO, "ok");
  check(write(null, "abc", 3) == 3, "write /dev/null takes all");
  check(lseek(null, 100, SEEK_SET) == 0, "lseek /dev/null stays 0");
  int zero = open("/dev/zero", O_RDWR);
  memset(buf, 1, sizeof buf);
  check(read(zero, buf, sizeof buf) == sizeof buf && all_bytes(buf, sizeof buf, 0),
        "read /dev/zero gives zeros");
  check(write(zero, "abc", 3) == 3, "write /dev/zero takes all");
  int full = open("/dev/full", O_RDWR);
  expect("write /dev/full", rs(write(full, "abc", 3)), "ENOSPC");
  check(read(full, buf, 8) == 8 && all_bytes(buf, 8, 0), "read /dev/full zeros");
  int ur = open("/dev/urandom", O_RDONLY);
  char r1[32], r2[32];
  check(read(ur, r1, 32) == 32 && read(ur, r2, 32) == 32 && memcmp(r1, r2, 32),
        "urandom reads differ");
  int rnd = open("/dev/random", O_RDWR);
  check(read(rnd, r1, 16) == 16, "read /dev/random");
  check(write(rnd, "seed", 4) == 4, "write /dev/random");
  struct pollfd p[3] = {{null, POLLIN | POLLOUT, 0},
                        {zero, POLLIN | POLLOUT, 0},
                        {full, POLLIN | POLLOUT, 0}};
  int n = poll(p, 3, 0);
  printf("poll: %d ready, null %s zero %s full %s\n", n,
         p[0].revents == (POLLIN | POLLOUT) ? "in+out" : "other",
         p[1].revents == (POLLIN | POLLOUT) ? "in+out" : "other",
         p[2].revents == (POLLIN | POLLOUT) ? "in+out" : "other");
  expect("create in /dev as root", rs(open("/dev/newfile", O_CREAT | O_WRONLY, 0600)),
         "ok");
  unlink("/dev/newfile");
  return finish("dev_files");
}
