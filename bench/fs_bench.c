/* File costs, in ns per operation, as "name value" lines: create + write
 * (100 bytes) + close of 10k small files, a getdents64 pass over that
 * 10k-entry directory (per entry; in 32 KiB and in 2 KiB calls), unlinking
 * them, and 64 MiB written then read in 4 KiB calls (per call). On a tmpfs on
 * both sides: /dev/shm natively when it is one, /tmp (the image's tmpfs)
 * otherwise. Run natively and in the image by bench/fs_bench.sh; never a timed
 * test. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TMPFS_MAGIC 0x01021994
enum { FILES = 10000, BIG = 64 << 20, CHUNK = 4096, ROUNDS = 3 };

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static char buf[1 << 15];

/* One getdents64 pass over the open directory `d` in calls of `size`
 * bytes: entries seen. */
static long list(int d, size_t size) {
  long n = 0, r;
  lseek(d, 0, SEEK_SET);
  while ((r = syscall(SYS_getdents64, d, buf, size)) > 0)
    for (long off = 0; off < r;
         off += ((struct dirent *)(void *)(buf + off))->d_reclen)
      n++;
  return r < 0 ? -1 : n;
}

int main(void) {
  struct statfs sf;
  const char *base = statfs("/dev/shm", &sf) == 0 && sf.f_type == TMPFS_MAGIC
                         ? "/dev/shm"
                         : "/tmp";
  char dir[64], name[96];
  snprintf(dir, sizeof dir, "%s/kdiff-fs-bench-%d", base, (int)getpid());
  if (mkdir(dir, 0700) || chdir(dir)) {
    printf("error mkdir %s\n", dir);
    return 1;
  }
  memset(buf, 'x', sizeof buf);

  double t0 = now_ns();
  for (int i = 0; i < FILES; i++) {
    snprintf(name, sizeof name, "f%05d", i);
    int fd = open(name, O_CREAT | O_WRONLY | O_EXCL, 0600);
    if (fd < 0 || write(fd, buf, 100) != 100 || close(fd)) {
      printf("error create %d\n", i);
      return 1;
    }
  }
  double t1 = now_ns();
  int d = open(".", O_RDONLY | O_DIRECTORY);
  /* 32 KiB calls (glibc's readdir buffer) and 2 KiB ones (musl's): the
   * small ones resume the listing five times per 100 entries. */
  double best = 0, best_small = 0;
  for (int r = 0; r < 2 * ROUNDS; r++) {
    size_t size = r % 2 ? 2048 : sizeof buf;
    double s = now_ns();
    long n = list(d, size);
    double e = now_ns() - s;
    if (n != FILES + 2) {
      printf("error getdents saw %ld entries\n", n);
      return 1;
    }
    double *b = r % 2 ? &best_small : &best;
    if (r < 2 || e < *b)
      *b = e;
  }
  close(d);
  double t2 = now_ns();
  for (int i = 0; i < FILES; i++) {
    snprintf(name, sizeof name, "f%05d", i);
    unlink(name);
  }
  double t3 = now_ns();

  int fd = open("big", O_CREAT | O_RDWR | O_TRUNC, 0600);
  double t4 = now_ns();
  for (long off = 0; off < BIG; off += CHUNK)
    if (write(fd, buf, CHUNK) != CHUNK) {
      printf("error write at %ld\n", off);
      return 1;
    }
  double t5 = now_ns();
  lseek(fd, 0, SEEK_SET);
  for (long off = 0; off < BIG; off += CHUNK)
    if (read(fd, buf, CHUNK) != CHUNK) {
      printf("error read at %ld\n", off);
      return 1;
    }
  double t6 = now_ns();
  close(fd);
  unlink("big");
  chdir("/");
  rmdir(dir);

  printf("create_write_close_ns %.0f\n", (t1 - t0) / FILES);
  printf("getdents_entry_ns %.1f\n", best / (FILES + 2));
  printf("getdents_2k_entry_ns %.1f\n", best_small / (FILES + 2));
  printf("unlink_ns %.0f\n", (t3 - t2) / FILES);
  printf("write_4k_ns %.0f\n", (t5 - t4) / (BIG / CHUNK));
  printf("read_4k_ns %.0f\n", (t6 - t5) / (BIG / CHUNK));
  return 0;
}
