/* Fixture program (several processes): two children that run at the same
 * time as their parent, so Linux and the library OS interleave them
 * differently. The first writes and exits 3 after a failing close (EBADF);
 * the second makes a grandchild, asks for its process group and parent,
 * and exits 0 after the grandchild's 5. The parent reaps them in creation
 * order and exits with the sum of the statuses (8). */
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t a = fork();
  if (a == 0) {
    if (close(77) < 0)
      write(1, "a: no fd 77\n", 12);
    _exit(3);
  }
  pid_t b = fork();
  if (b == 0) {
    pid_t g = fork();
    if (g == 0) {
      getppid();
      _exit(5);
    }
    getpgid(0);
    int st;
    waitpid(g, &st, 0);
    write(1, "b: reaped\n", 10);
    _exit(WEXITSTATUS(st) == 5 ? 0 : 1);
  }
  int sa, sb;
  waitpid(a, &sa, 0);
  waitpid(b, &sb, 0);
  write(1, "parent: done\n", 13);
  return WEXITSTATUS(sa) + WEXITSTATUS(sb) + 5;
}
