/* fd.pipe_slots: a pipe's capacity is 16 page slots, not 65536 bytes
 * (pipe(7), Linux's pipe_write). A write first adds its last partial page
 * to the newest slot if that one still has room after its bytes, then
 * takes a slot per page; so a pipe holding one byte takes 65535 more, but
 * 61440 of a 65536-byte write; a read that leaves a slot partly full frees
 * no room; POLLOUT means a free slot. With O_DIRECT (set by pipe2 on the
 * write end only, or by F_SETFL) writes are packets: a slot per page, and
 * a read takes at most one packet, losing what it leaves of it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>

#include "contract.h"

static char big[1 << 17];

static void fresh(int p[2], int flags) {
  close(p[0]);
  close(p[1]);
  if (pipe2(p, O_NONBLOCK | flags) != 0)
    failed = 1;
}

static int pollout(int fd) {
  struct pollfd pf = {fd, POLLOUT, 0};
  return poll(&pf, 1, 0) == 1 && (pf.revents & POLLOUT);
}

static int nread(int fd) {
  int n = -1;
  ioctl(fd, FIONREAD, &n);
  return n;
}

int main(void) {
  int p[2] = {-1, -1};
  char b[128];
  fresh(p, 0);
  write(p[1], "x", 1);
  printf("1 byte, then 65535: %ld\n", (long)write(p[1], big, 65535));
  fresh(p, 0);
  write(p[1], "x", 1);
  printf("1 byte, then 70000: %ld\n", (long)write(p[1], big, 70000));
  fresh(p, 0);
  long total = 0, r;
  while ((r = write(p[1], big, 4097)) > 0)
    total += r;
  printf("4097-byte writes until full: %ld bytes, then %s\n", total,
         errno_name(errno));
  fresh(p, 0);
  for (int i = 0; i < 20; i++)
    write(p[1], big, 100);
  printf("20 x 100 bytes, then 65536: %ld\n", (long)write(p[1], big, 65536));
  printf("FIONREAD %d\n", nread(p[0]));

  fresh(p, 0);
  while (write(p[1], big, 4096) > 0) {
  }
  printf("16 pages: POLLOUT %d\n", pollout(p[1]));
  read(p[0], b, 1);
  int out = pollout(p[1]);
  printf("one byte read: POLLOUT %d, ", out);
  printf("write 1: %s\n", ename(rs(write(p[1], "y", 1))));
  read(p[0], b, sizeof b);
  read(p[0], big, 4096 - 1 - sizeof b);
  out = pollout(p[1]);
  printf("first page read: POLLOUT %d, ", out);
  printf("write 4096: %ld\n", (long)write(p[1], big, 4096));

  fresh(p, O_DIRECT);
  printf("pipe2(O_DIRECT): read end %d, write end %d\n",
         !!(fcntl(p[0], F_GETFL) & O_DIRECT),
         !!(fcntl(p[1], F_GETFL) & O_DIRECT));
  write(p[1], "hello", 5);
  write(p[1], "world!", 6);
  printf("two packets: FIONREAD %d\n", nread(p[0]));
  r = read(p[0], b, 3);
  printf("read 3: %ld, FIONREAD %d\n", r, nread(p[0]));
  r = read(p[0], b, sizeof b);
  printf("read 128: %ld \"%.*s\"\n", r, (int)(r > 0 ? r : 0), b);
  printf("packet write 10000: %ld\n", (long)write(p[1], big, 10000));
  r = read(p[0], b, 64);
  printf("read 64: %ld, FIONREAD %d\n", r, nread(p[0]));
  int k = 0;
  fresh(p, O_DIRECT);
  while (write(p[1], "0123456789", 10) == 10)
    k++;
  printf("10-byte packets until full: %d\n", k);

  fresh(p, 0);
  printf("F_SETFL O_DIRECT: %s\n",
         ename(rs(fcntl(p[1], F_SETFL, O_DIRECT | O_NONBLOCK))));
  write(p[1], "abc", 3);
  write(p[1], "def", 3);
  printf("then two writes, read 128: %ld\n", (long)read(p[0], b, sizeof b));
  return finish("pipe_slots");
}
