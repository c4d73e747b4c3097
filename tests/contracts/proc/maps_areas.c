/* proc.maps_areas: /proc/self/maps lists the areas the test makes with
 * their permissions, offset, device and inode, names [heap], [stack] and
 * [vdso] where they are and a mapped file by its path, in Linux's format:
 * sorted, "%08lx-%08lx perms %08x MM:mm inode", names at column 73. */
#define _GNU_SOURCE
#include "contract.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static char maps[65536];

/* The line of the area starting at `start` (copied to out), or 0. */
static int line_at(unsigned long start, char *out, size_t size) {
  for (char *l = maps; *l;) {
    size_t n = strcspn(l, "\n");
    unsigned long s;
    if (sscanf(l, "%lx-", &s) == 1 && s == start) {
      if (n >= size)
        n = size - 1;
      memcpy(out, l, n);
      out[n] = 0;
      return 1;
    }
    l += n + (l[n] == '\n');
  }
  return 0;
}

/* The line of the area containing `a`. */
static int line_with(unsigned long a, char *out, size_t size) {
  for (char *l = maps; *l;) {
    size_t n = strcspn(l, "\n");
    unsigned long s, e;
    if (sscanf(l, "%lx-%lx", &s, &e) == 2 && s <= a && a < e)
      return line_at(s, out, size);
    l += n + (l[n] == '\n');
  }
  return 0;
}

/* The part of a line after the address range. */
static const char *after_range(const char *l) {
  return strchr(l, ' ') + 1;
}

static void expect_area(const char *what, unsigned long start,
                        unsigned long len, const char *rest) {
  char l[4096];
  int ok = line_at(start, l, sizeof l);
  unsigned long s = 0, e = 0;
  if (ok)
    sscanf(l, "%lx-%lx", &s, &e);
  ok = ok && e - s == len && strcmp(after_range(l), rest) == 0;
  check(ok, what);
}

int main(void) {
  check(slurp("/proc/self/maps", maps, sizeof maps) > 0, "read maps");
  /* Shape of every line. */
  int shape = 1, sorted = 1, column = 1;
  unsigned long prev_end = 0;
  for (char *l = maps; *l;) {
    size_t n = strcspn(l, "\n");
    unsigned long s, e, off, ino;
    unsigned maj, min;
    char perms[8];
    int pos = 0;
    if (sscanf(l, "%lx-%lx %4s %lx %x:%x %lu %n", &s, &e, perms, &off, &maj,
               &min, &ino, &pos) != 7 ||
        strspn(perms, "rwxps-") != 4)
      shape = 0;
    if (s < prev_end || e <= s)
      sorted = 0;
    prev_end = e;
    /* A name starts at column 73 (after a space) when the prefix is
     * shorter; else right after one space. */
    if (pos && (size_t)pos < n) {
      const char *name = l + pos;
      size_t col = (size_t)(name - l);
      if (col != 73 && !(col > 73 && name[-1] == ' ' && name[-2] != ' '))
        column = 0;
    }
    l += n + (l[n] == '\n');
  }
  check(shape, "every line: range perms offset dev inode");
  check(sorted, "areas ascend without overlap");
  check(column, "names start at column 73");

  long a = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(mprotect((void *)(a + PG), PG, PROT_READ) == 0, "mprotect middle");
  long sh =
      mm(0, 2 * PG, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int fd = open("/tmp/mapped", O_RDWR | O_CREAT, 0644);
  check(fd >= 0 && ftruncate(fd, 4 * PG) == 0, "file of 4 pages");
  long fm = mm(0, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 2 * PG);
  struct stat st;
  fstat(fd, &st);
  long brk0 = syscall(SYS_brk, 0); /* musl's sbrk only reads it */
  check(syscall(SYS_brk, brk0 + 3 * PG) == brk0 + 3 * PG, "brk grows");
  check(slurp("/proc/self/maps", maps, sizeof maps) > 0, "read maps again");

  expect_area("first page rw-p, anonymous", a, PG, "rw-p 00000000 00:00 0 ");
  expect_area("middle page r--p", a + PG, PG, "r--p 00000000 00:00 0 ");
  expect_area("last page rw-p", a + 2 * PG, PG, "rw-p 00000000 00:00 0 ");
  char l[4096], want[4096];
  check(line_at(sh, l, sizeof l) &&
            strncmp(after_range(l), "r-xs 00000000 00:01 ", 20) == 0 &&
            strstr(l, " /dev/zero (deleted)"),
        "shared anonymous: r-xs, 00:01, /dev/zero (deleted)");
  snprintf(want, sizeof want, "r--p %08lx %02x:%02x %lu", 2 * PG,
           major(st.st_dev), minor(st.st_dev), (unsigned long)st.st_ino);
  check(line_at(fm, l, sizeof l) &&
            strncmp(after_range(l), want, strlen(want)) == 0,
        "file area: offset, device and inode of the file");
  const char *name = strrchr(l, ' ');
  check(name && strcmp(name, " /tmp/mapped") == 0, "named by its path");

  check(line_with(brk0, l, sizeof l) && strstr(l, "rw-p ") &&
            strcmp(strrchr(l, ' '), " [heap]") == 0,
        "the break is in [heap]");
  int local;
  check(line_with((unsigned long)&local, l, sizeof l) && strstr(l, "rw-p ") &&
            strcmp(strrchr(l, ' '), " [stack]") == 0,
        "a local variable is in [stack]");
  unsigned long vdso = getauxval(AT_SYSINFO_EHDR);
  check(line_at(vdso, l, sizeof l) && strstr(l, "r-xp ") &&
            strcmp(strrchr(l, ' '), " [vdso]") == 0,
        "AT_SYSINFO_EHDR starts [vdso]");
  check(strstr(maps, " [vvar]\n") != 0, "there is a [vvar]");
  check(line_with((unsigned long)&main, l, sizeof l) && strstr(l, "r-xp ") &&
            strrchr(l, '/') != 0,
        "main is in an r-xp area of the program's file");
  /* The program's first area maps its first page (offset 0); the text
   * follows it in the file as in memory. */
  unsigned long ts, toff, first = 0, foff = 1;
  sscanf(l, "%lx-%*x %*s %lx", &ts, &toff);
  const char *prog = strrchr(l, ' ');
  for (char *m = maps; *m; m = strchr(m, '\n') + 1) {
    size_t n = strcspn(m, "\n");
    if (n > strlen(prog) &&
        strncmp(m + n - strlen(prog), prog, strlen(prog)) == 0) {
      sscanf(m, "%lx-%*x %*s %lx", &first, &foff);
      break;
    }
  }
  check(foff == 0 && toff == ts - first,
        "program areas: offsets as laid out in the file");

  munmap((void *)(a + PG), PG);
  slurp("/proc/self/maps", maps, sizeof maps);
  check(!line_at(a + PG, l, sizeof l) && !line_with(a + PG, l, sizeof l),
        "an unmapped page leaves maps");
  return finish("proc.maps_areas");
}
