/* Fixture program: writes every byte value and other escape forms so the
 * trace shows strace's string escapes and its "..." truncation. */
#include <fcntl.h>
#include <unistd.h>

int main(void) {
  int fd = open("/dev/null", O_WRONLY);
  unsigned char all[256];
  for (int i = 0; i < 256; i++)
    all[i] = (unsigned char)i;
  for (int off = 0; off < 256; off += 16)
    write(fd, all + off, 16);
  write(fd, "quote\" backslash\\ tab\t nl\n cr\r", 29);
  write(fd, all, 256);
  write(fd, "", 0);
  close(fd);
  return 0;
}
