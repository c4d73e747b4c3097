/* fs.dir_rules: mkdir, rmdir and unlink as Linux answers them, link
 * counts and tmpfs directory sizes (20 bytes an entry). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "contract.h"

static long size_of(const char *p) {
  struct stat st;
  return stat(p, &st) ? -1 : (long)st.st_size;
}

static long links_of(const char *p) {
  struct stat st;
  return stat(p, &st) ? -1 : (long)st.st_nlink;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
  check(mkdir("d", 0755) == 0, "mkdir d");
  struct stat st;
  stat("d", &st);
  printf("d: mode %o nlink %ld size %ld\n", st.st_mode, (long)st.st_nlink,
         (long)st.st_size);
  printf(". nlink %ld size %ld\n", links_of("."), size_of("."));
  close(open("d/f", O_CREAT | O_WRONLY, 0600));
  check(mkdir("d/sub", 0700) == 0, "mkdir d/sub");
  printf("d: nlink %ld size %ld\n", links_of("d"), size_of("d"));
  expect("mkdir existing", rs(mkdir("d", 0755)), "EEXIST");
  expect("mkdir .", rs(mkdir(".", 0755)), "EEXIST");
  expect("mkdir ..", rs(mkdir("..", 0755)), "EEXIST");
  expect("mkdir under a file", rs(mkdir("d/f/x", 0755)), "ENOTDIR");
  expect("mkdir in a missing dir", rs(mkdir("nx/y", 0755)), "ENOENT");
  expect("rmdir .", rs(rmdir(".")), "EINVAL");
  expect("rmdir ..", rs(rmdir("..")), "ENOTEMPTY");
  expect("rmdir non-empty", rs(rmdir("d")), "ENOTEMPTY");
  expect("rmdir a file", rs(rmdir("d/f")), "ENOTDIR");
  expect("unlink a directory", rs(unlink("d/sub")), "EISDIR");
  expect("unlink .", rs(unlink(".")), "EISDIR");
  expect("unlink file/", rs(unlink("d/f/")), "ENOTDIR");
  expect("unlink missing", rs(unlink("d/nx")), "ENOENT");
  expect("rmdir sub/", rs(rmdir("d/sub/")), "ok");
  printf("d: nlink %ld size %ld\n", links_of("d"), size_of("d"));
  for (int i = 0; i < 5; i++) {
    char n[16];
    snprintf(n, sizeof n, "d/e%d", i);
    close(open(n, O_CREAT | O_WRONLY, 0600));
  }
  unlink("d/e2");
  DIR *dd = opendir("d");
  char *names[16];
  int k = 0;
  for (struct dirent *e; (e = readdir(dd)) && k < 16;)
    names[k++] = strdup(e->d_name);
  closedir(dd);
  qsort(names, k, sizeof names[0], cmp);
  printf("entries:");
  for (int i = 0; i < k; i++)
    printf(" %s", names[i]);
  printf("\n");
  int fd = open("d", O_RDONLY | O_DIRECTORY);
  char buf[8];
  expect("read a directory", rs(read(fd, buf, 1)), "EISDIR");
  expect("write a directory fd", rs(write(fd, buf, 1)), "EBADF");
  expect("open a directory O_RDWR", rs(open("d", O_RDWR)), "EISDIR");
  expect("open a file O_DIRECTORY", rs(open("d/f", O_RDONLY | O_DIRECTORY)),
         "ENOTDIR");
  expect("open file/", rs(open("d/f/", O_RDONLY)), "ENOTDIR");
  expect("open new/ O_CREAT", rs(open("new/", O_CREAT | O_RDWR, 0600)), "EISDIR");
  expect("getdents a file fd", rs(syscall(SYS_getdents64, open("d/f", O_RDONLY), buf, 8)),
         "ENOTDIR");
  expect("getdents tiny buffer", rs(syscall(SYS_getdents64, fd, buf, 8)), "EINVAL");
  return finish("dir_rules");
}
