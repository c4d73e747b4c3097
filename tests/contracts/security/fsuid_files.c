/* security.fsuid_files: file access follows the filesystem id and the
 * effective capabilities: root with fsuid 1000 cannot open a 0600 file
 * of root's (EACCES) and creates files owned by 1000; with euid 1000
 * the same, while access(2) still checks the real id (root: allowed);
 * back to fsuid/euid 0 everything is allowed again. */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

static long op(const char *path, int flags) {
  long fd = rs(open(path, flags, 0600));
  if (fd >= 0)
    close((int)fd);
  return fd >= 0 ? 0 : fd;
}

static void run(void) {
  close(open("secret", O_CREAT | O_WRONLY, 0600));
  chmod("secret", 0600);
  check(syscall(SYS_setfsuid, 1000) == 0, "setfsuid(1000)");
  expect("open secret, fsuid 1000", op("secret", O_RDONLY), "EACCES");
  expect("create mine", op("mine", O_CREAT | O_WRONLY), "ok");
  struct stat st;
  stat("mine", &st);
  printf("mine owned by %u\n", st.st_uid);
  check(syscall(SYS_setfsuid, 0) == 1000, "setfsuid(0)");
  expect("open secret, fsuid 0", op("secret", O_RDONLY), "ok");

  expect("euid 1000", rs(syscall(SYS_setresuid, -1, 1000, -1)), "ok");
  expect("open secret, euid 1000", op("secret", O_RDONLY), "EACCES");
  expect("access secret R_OK (real id 0)", rs(access("secret", R_OK)), "ok");
  expect("faccessat AT_EACCESS",
         rs(faccessat(AT_FDCWD, "secret", R_OK, AT_EACCESS)), "EACCES");
  expect("euid 0", rs(syscall(SYS_setresuid, -1, 0, -1)), "ok");
  expect("open secret, euid 0", op("secret", O_RDONLY), "ok");
}

int main(void) {
  run_in_child(run);
  return finish("fsuid_files");
}
