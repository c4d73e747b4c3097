/* fs.getdents_small: getdents64 with buffers that hold one entry at a
 * time (record lengths, d_off positions, d_type), EINVAL for a buffer
 * too small for the next entry, 0 at the end; lseek to a d_off resumes
 * there (telldir/seekdir), SEEK_SET 0 rewinds; a name added while
 * listing is not lost for the entries after the position, a removed one
 * is not listed again; a position is valid across removals. Names are
 * compared as sets where tmpfs's order is its own. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "contract.h"

struct d64 {
  unsigned long long ino;
  long long off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

static char buf[4096];

/* One getdents64 call; prints what came and returns the last d_off. */
static long long one(int fd, size_t size, int *count, char *names, size_t room) {
  long n = rs(syscall(SYS_getdents64, fd, buf, size));
  *count = 0;
  if (n <= 0)
    return n;
  long long last = 0;
  for (long pos = 0; pos < n;) {
    struct d64 *d = (struct d64 *)(buf + pos);
    if (names) {
      strncat(names, d->name, room - strlen(names) - 2);
      strcat(names, " ");
    }
    last = d->off;
    pos += d->reclen;
    (*count)++;
  }
  return last;
}

static int cmpc(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in s (space separated), sorted, as one line. */
static void sorted(const char *what, char *s) {
  char *v[64];
  int k = 0;
  for (char *t = strtok(s, " "); t && k < 64; t = strtok(0, " "))
    v[k++] = t;
  qsort(v, k, sizeof v[0], cmpc);
  printf("%s:", what);
  for (int i = 0; i < k; i++)
    printf(" %s", v[i]);
  printf("\n");
}

int main(void) {
  mkdir("d", 0755);
  for (int i = 0; i < 6; i++) {
    char n[32];
    snprintf(n, sizeof n, "d/file%d", i);
    close(open(n, O_CREAT | O_WRONLY, 0600));
  }
  mkdir("d/sub", 0755);
  int fd = open("d", O_RDONLY | O_DIRECTORY);
  long n = rs(syscall(SYS_getdents64, fd, buf, 24));
  printf("24-byte buffer, first entry \".\": %ld\n", n);
  struct d64 *d = (struct d64 *)buf;
  printf(". reclen %d type DT_DIR %d name %s\n", d->reclen, d->type == 4, d->name);
  n = rs(syscall(SYS_getdents64, fd, buf, 24));
  d = (struct d64 *)buf;
  printf("then \"..\": %ld %s\n", n, n > 0 ? d->name : "");
  n = rs(syscall(SYS_getdents64, fd, buf, 24));
  printf("then the newest, \"sub\": %ld %s\n", n, n > 0 ? d->name : "");
  expect("a name of 5 into 24 bytes", rs(syscall(SYS_getdents64, fd, buf, 24)), "EINVAL");
  char names[512] = "";
  int total = 0, c;
  long long mark = -1;
  for (int i = 0;; i++) {
    long long r = one(fd, 32, &c, names, sizeof names);
    if (r <= 0) {
      printf("end of listing: %s\n", r == 0 ? "0" : ename(r));
      break;
    }
    if (c != 1)
      failed = 1;
    total += c;
    if (i == 2)
      mark = r;
  }
  printf("one entry per 32-byte call: %d entries\n", total);
  sorted("names", names);
  char rest[512] = "";
  lseek(fd, mark, SEEK_SET);
  int after = 0;
  while (one(fd, sizeof buf, &c, rest, sizeof rest) > 0)
    after += c;
  printf("resuming at the third entry's d_off lists %d more\n", after);
  lseek(fd, 0, SEEK_SET);
  total = 0;
  while (one(fd, sizeof buf, &c, 0, 0) > 0)
    total += c;
  printf("after SEEK_SET 0: %d entries\n", total);

  lseek(fd, 0, SEEK_SET);
  one(fd, 24, &c, 0, 0);
  one(fd, 24, &c, 0, 0); /* past . and .. */
  char first[512] = "";
  long long pos = one(fd, 32, &c, first, sizeof first);
  first[strlen(first) - 1] = 0;
  char path[600];
  snprintf(path, sizeof path, "d/%s", first);
  unlink(path);
  close(open("d/added", O_CREAT | O_WRONLY, 0600));
  lseek(fd, pos, SEEK_SET);
  char later[512] = "";
  int k = 0;
  while (one(fd, sizeof buf, &c, later, sizeof later) > 0)
    k += c;
  printf("after removing the entry just read and adding one: %d more, removed one again %d\n",
         k, strstr(later, first) != 0);
  lseek(fd, 0, SEEK_SET);
  char all[512] = "";
  while (one(fd, sizeof buf, &c, all, sizeof all) > 0)
    ;
  check(strstr(all, "added ") != 0, "a new listing has the added name");
  close(fd);
  rmdir("d/sub");
  fd = open("d", O_RDONLY | O_DIRECTORY);
  for (int i = 0; i < 6; i++) {
    snprintf(path, sizeof path, "d/file%d", i);
    unlink(path);
  }
  unlink("d/added");
  total = 0;
  while (one(fd, sizeof buf, &c, 0, 0) > 0)
    total += c;
  printf("emptied directory lists %d\n", total);
  rmdir("d");
  expect("getdents64 of a removed directory", rs(syscall(SYS_getdents64, fd, buf, sizeof buf)),
         "ENOENT");
  return finish("getdents_small");
}
