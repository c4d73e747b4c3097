/* vm.fork_cow_both: after fork, writes on either side stay private to
 * that side (heap, stack, mmap'd memory, many pages), pages untouched by
 * both keep the shared content, and MAP_SHARED memory stays shared. */
#include <stdlib.h>
#include <sys/wait.h>

#include "contract.h"

#define PAGES 64

int main(void) {
  unsigned char *priv = mmap(0, PAGES * PG, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  unsigned char *shared =
      mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  unsigned char *heap = malloc(PG);
  memset(priv, 'A', PAGES * PG);
  memset(heap, 'H', PG);
  shared[0] = 0;
  volatile int on_stack = 10;
  int p[2], q[2];
  pipe(p);
  pipe(q);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    char go;
    int ok = 1;
    /* The child writes the even pages, the heap and its stack. */
    for (int i = 0; i < PAGES; i += 2)
      memset(priv + i * PG, 'C', PG);
    memset(heap, 'c', PG);
    on_stack = 20;
    shared[0] = 'S';
    write(q[1], "w", 1);
    read(p[0], &go, 1); /* the parent has written the odd pages */
    for (int i = 0; i < PAGES; i++)
      ok &= all_bytes(priv + i * PG, PG, i % 2 == 0 ? 'C' : 'A');
    ok &= all_bytes(heap, PG, 'c') && on_stack == 20;
    ok &= shared[1] == 'P';
    _exit(ok ? 0 : 1);
  }
  char go;
  read(q[0], &go, 1); /* the child has written */
  for (int i = 1; i < PAGES; i += 2)
    memset(priv + i * PG, 'P', PG);
  int ok = 1;
  for (int i = 0; i < PAGES; i++)
    ok &= all_bytes(priv + i * PG, PG, i % 2 == 0 ? 'A' : 'P');
  check(ok, "parent: its writes only, child's invisible");
  check(all_bytes(heap, PG, 'H') && on_stack == 10,
        "parent heap and stack kept");
  check(shared[0] == 'S', "MAP_SHARED: parent sees the child's write");
  shared[1] = 'P';
  write(p[1], "g", 1);
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "child: its writes only, parent's invisible, shared page shared");
  return finish("fork_cow_both");
}
