/* proc.inode_numbers: a /proc file keeps its inode number across lookups
 * (Linux's dentries are cached): stat twice gives one st_ino, for files,
 * directories and fd links alike; different files differ; readdir's d_ino
 * is stat's. So rename of a /proc entry onto itself is the same file and
 * succeeds, while onto another entry it is EPERM. */
#define _GNU_SOURCE
#include <dirent.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  /* Each pair: the same path looked up twice. */
  struct stat a, b;
  stat("/proc/self/status", &a);
  stat("/proc/self/status", &b);
  printf("status twice, same st_ino: %s\n",
         a.st_ino == b.st_ino ? "yes" : "no");
  stat("/proc/self/task", &a);
  stat("/proc/self/task", &b);
  printf("task twice: %s\n", a.st_ino == b.st_ino ? "yes" : "no");
  stat("/proc/self/fd", &a);
  stat("/proc/self/fd", &b);
  printf("fd twice: %s\n", a.st_ino == b.st_ino ? "yes" : "no");
  lstat("/proc/self/fd/0", &a);
  lstat("/proc/self/fd/0", &b);
  printf("fd/0 twice: %s\n", a.st_ino == b.st_ino ? "yes" : "no");
  stat("/proc/self/status", &a);
  stat("/proc/self/stat", &b);
  printf("status and stat differ: %s\n", a.st_ino != b.st_ino ? "yes" : "no");
  DIR *d = opendir("/proc/self");
  struct dirent *e;
  int match = 0, seen = 0;
  stat("/proc/self/status", &a);
  lstat("/proc/self/exe", &b);
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, "status")) {
      seen++;
      match += e->d_ino == a.st_ino;
    }
    if (!strcmp(e->d_name, "exe")) {
      seen++;
      match += e->d_ino == b.st_ino;
    }
  }
  printf("readdir d_ino is stat's st_ino: %d of %d\n", match, seen);
  printf("rename task onto itself: %s\n",
         ename(rs(rename("/proc/self/task", "/proc/self/task"))));
  printf("rename status onto itself: %s\n",
         ename(rs(rename("/proc/self/status", "/proc/self/status"))));
  printf("rename status onto stat: %s\n",
         ename(rs(rename("/proc/self/status", "/proc/self/stat"))));
  return finish("inode_numbers");
}
