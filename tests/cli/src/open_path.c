/* Fixture program: opens (creating) the path argv[1], writes to it and
 * closes it, so `strace -yy` prints a path decoration with brackets, a
 * comma and escaped angle brackets in it (variants/v_ypath.strace). */
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  int fd = open(argv[1], O_RDONLY | O_CREAT, 0644);
  write(fd, "", 0);
  close(fd);
  return 0;
}
