/* vm.many_areas: an address space may hold thousands of areas (Linux's
 * vm.max_map_count is 65530): mprotect of every other page of a 6000-page
 * reservation splits it into 6000 areas, each page keeps its own data and
 * protection, a fork copies them all, and munmap of the whole range takes
 * them away again. */
#define _GNU_SOURCE
#include <sys/wait.h>

#include "contract.h"

enum { PAGES = 6000 };

int main(void) {
  char *base = mmap(0, PAGES * PG, PROT_NONE, ANON, -1, 0);
  check(base != MAP_FAILED, "reserve 6000 pages");
  int bad = 0;
  for (int i = 0; i < PAGES; i += 2)
    if (mprotect(base + (long)i * PG, PG, RW) != 0)
      bad++;
  printf("mprotect of every other page: %d failures\n", bad);
  for (int i = 0; i < PAGES; i += 2)
    base[(long)i * PG] = (char)(i / 2);
  int wrong = 0;
  for (int i = 0; i < PAGES; i += 2)
    if (base[(long)i * PG] != (char)(i / 2))
      wrong++;
  printf("each page keeps its byte: %d wrong\n", wrong);
  catch_faults();
  printf("an odd page is still PROT_NONE: read %s\n",
         probe_read((long)(base + 3 * PG)) ? "faults" : "works");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    int w = 0;
    for (int i = 0; i < PAGES; i += 2)
      if (base[(long)i * PG] != (char)(i / 2))
        w++;
    _exit(w ? 1 : 0);
  }
  int st = 0;
  waitpid(c, &st, 0);
  printf("a forked child sees them all: %d\n",
         WIFEXITED(st) && WEXITSTATUS(st) == 0);
  check(munmap(base, PAGES * PG) == 0, "munmap the range");
  printf("the range is gone: %d\n",
         !mapped((long)base) && !mapped((long)(base + (PAGES - 2) * PG)));
  return finish("many_areas");
}
