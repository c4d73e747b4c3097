/* fs.umask_effects: umask(2) returns the old mask and keeps only 0777;
 * the mask clears bits of files made by open/creat, mkdir, mknod,
 * mkfifo and O_TMPFILE, but not of symlinks, nor of chmod; it is
 * inherited by a child and the child's change stays its own. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static unsigned perm(const char *p) {
  struct stat st;
  return lstat(p, &st) ? 0xffffu : st.st_mode & 07777;
}

int main(void) {
  printf("initial umask %o\n", umask(022));
  printf("umask(0777777) returned %o\n", umask(0777777));
  printf("kept %o\n", umask(027));
  close(open("o", O_CREAT | O_WRONLY, 0777));
  printf("open 0777 -> %o\n", perm("o"));
  close(creat("c", 06777));
  printf("creat 06777 -> %o\n", perm("c"));
  mkdir("d", 01777);
  printf("mkdir 01777 -> %o\n", perm("d"));
  mknod("n", S_IFREG | 0666, 0);
  printf("mknod regular 0666 -> %o\n", perm("n"));
  mkfifo("p", 0666);
  printf("mkfifo 0666 -> %o\n", perm("p"));
  symlink("o", "s");
  printf("symlink -> %o\n", perm("s"));
  int t = open(".", O_TMPFILE | O_RDWR, 0777);
  struct stat st;
  fstat(t, &st);
  printf("O_TMPFILE 0777 -> %o\n", st.st_mode & 07777);
  chmod("o", 0777);
  printf("chmod 0777 ignores the mask -> %o\n", perm("o"));
  umask(0);
  close(open("z", O_CREAT | O_WRONLY, 0777));
  printf("umask 0, open 0777 -> %o\n", perm("z"));
  umask(077);
  fflush(stdout);
  if (fork() == 0) {
    unsigned m = umask(0);
    close(open("child", O_CREAT | O_WRONLY, 0666));
    _exit(m == 077 && perm("child") == 0666 ? 0 : 1);
  }
  int s;
  wait(&s);
  printf("child inherited 077 and set its own: %s\n", WEXITSTATUS(s) == 0 ? "yes" : "no");
  printf("parent's mask still %o\n", umask(022));
  return finish("umask_effects");
}
