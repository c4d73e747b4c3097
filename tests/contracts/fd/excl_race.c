/* fd.excl_race: O_CREAT|O_EXCL is atomic between processes: of several
 * children creating one name at once exactly one succeeds and the others
 * get EEXIST; likewise mkdir and link onto one name. Only the outcome
 * is printed, never who won. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

#define KIDS 6

static void race(const char *what, int how) {
  int go[2];
  pipe(go);
  for (int i = 0; i < KIDS; i++) {
    if (fork() == 0) {
      char c;
      close(go[1]);
      read(go[0], &c, 1); /* all start when the pipe closes */
      long r;
      if (how == 0)
        r = rs(open("target", O_CREAT | O_EXCL | O_WRONLY, 0600));
      else if (how == 1)
        r = rs(mkdir("dir", 0700));
      else
        r = rs(link("src", "hard"));
      _exit(r >= 0 ? 0 : r == -EEXIST ? 1 : 2);
    }
  }
  close(go[0]);
  close(go[1]);
  int won = 0, eexist = 0, other = 0, st;
  while (wait(&st) > 0) {
    int s = WEXITSTATUS(st);
    won += s == 0;
    eexist += s == 1;
    other += s == 2;
  }
  printf("%s: %d created, %d EEXIST, %d other\n", what, won, eexist, other);
  check(won == 1 && eexist == KIDS - 1, what);
}

int main(void) {
  race("O_CREAT|O_EXCL", 0);
  race("mkdir", 1);
  close(open("src", O_CREAT | O_WRONLY, 0600));
  race("link", 2);
  struct stat st;
  stat("src", &st);
  printf("src nlink %ld\n", (long)st.st_nlink);
  return finish("excl_race");
}
