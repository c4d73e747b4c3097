/* events.poll_masks: what poll(2) reports for each kind of file, as
 * Linux's poll operations answer: pipe ends (data, room, a full pipe,
 * hang-up, no reader), FIFOs (a reader that never saw a writer is not hung
 * up), regular files, directories and /dev files (always ready, whatever
 * the open mode), stdout, bad and O_PATH descriptors (POLLNVAL), negative
 * ones (skipped), and POLLERR/POLLHUP reported even when not asked for. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>

#include "contract.h"

static char big[65536];

#define ALL                                                                    \
  (POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLRDBAND | POLLWRNORM |         \
   POLLWRBAND | POLLRDHUP)

static const char *names(int m) {
  static char buf[160];
  static const struct {
    int bit;
    const char *name;
  } bits[] = {
      {POLLIN, "IN"},         {POLLPRI, "PRI"},       {POLLOUT, "OUT"},
      {POLLERR, "ERR"},       {POLLHUP, "HUP"},       {POLLNVAL, "NVAL"},
      {POLLRDNORM, "RDNORM"}, {POLLRDBAND, "RDBAND"}, {POLLWRNORM, "WRNORM"},
      {POLLWRBAND, "WRBAND"}, {POLLRDHUP, "RDHUP"}};
  buf[0] = 0;
  for (unsigned i = 0; i < sizeof bits / sizeof bits[0]; i++)
    if (m & bits[i].bit) {
      strcat(buf, buf[0] ? "|" : "");
      strcat(buf, bits[i].name);
    }
  int rest = m & ~0x27ff;
  if (rest)
    sprintf(buf + strlen(buf), "|0x%x", rest);
  return buf[0] ? buf : "0";
}

/* Poll one fd for `events` without waiting; print count and revents. */
static void show(const char *what, int fd, short events) {
  struct pollfd p = {fd, events, 0x7fff};
  int n = poll(&p, 1, 0);
  printf("%s: %d %s\n", what, n, n < 0 ? errno_name(errno) : names(p.revents));
}

int main(void) {
  int p[2];
  pipe(p);
  show("pipe read end, empty", p[0], ALL);
  show("pipe write end, empty", p[1], ALL);
  write(p[1], "x", 1);
  show("pipe read end, data", p[0], ALL);
  show("pipe read end, data, asked OUT only", p[0], POLLOUT);
  read(p[0], big, 1);
  /* Filled a page at a time, Linux's 16 slots hold 64 KiB. */
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  long put = 0;
  for (long r; (r = write(p[1], big, 4096)) > 0;)
    put += r;
  printf("pipe filled with %ld pages\n", put / 4096);
  show("pipe write end, full", p[1], ALL);
  read(p[0], big, 100);
  show("pipe write end, 100 bytes read", p[1], ALL);
  read(p[0], big, 4096);
  show("pipe write end, a page more read", p[1], ALL);
  close(p[1]);
  show("pipe read end, data, writer gone", p[0], ALL);
  show("pipe read end, writer gone, asked nothing", p[0], 0);
  while (read(p[0], big, sizeof big) > 0)
    ;
  show("pipe read end, drained, writer gone", p[0], ALL);
  close(p[0]);

  pipe(p);
  close(p[0]);
  show("pipe write end, reader gone", p[1], ALL);
  show("pipe write end, reader gone, asked IN", p[1], POLLIN);
  close(p[1]);

  mkfifo("fifo", 0600);
  int fr = open("fifo", O_RDONLY | O_NONBLOCK);
  show("fifo reader, no writer yet", fr, ALL);
  int fw = open("fifo", O_WRONLY | O_NONBLOCK);
  show("fifo reader, writer open", fr, ALL);
  show("fifo writer", fw, ALL);
  close(fw);
  show("fifo reader, writer came and went", fr, ALL);
  int fr2 = open("fifo", O_RDONLY | O_NONBLOCK);
  show("second fifo reader, opened after", fr2, ALL);
  int frw = open("fifo", O_RDWR);
  show("fifo O_RDWR", frw, ALL);
  show("fifo reader, O_RDWR holder is a writer", fr, ALL);
  close(frw);
  close(fr2);
  close(fr);

  int f = open("file", O_CREAT | O_RDWR, 0600);
  show("regular file", f, ALL);
  int fro = open("file", O_RDONLY);
  show("regular file O_RDONLY", fro, ALL);
  int d = open(".", O_RDONLY | O_DIRECTORY);
  show("directory", d, ALL);
  int nul = open("/dev/null", O_WRONLY);
  show("/dev/null O_WRONLY", nul, ALL);
  int zero = open("/dev/zero", O_RDONLY);
  show("/dev/zero O_RDONLY", zero, ALL);
  show("stdin", 0, ALL);
  show("stdout", 1, POLLOUT | POLLWRNORM);
  int op = open("file", O_PATH);
  show("O_PATH file", op, ALL);
  close(fro);
  show("closed fd", fro, ALL);
  show("closed fd, asked nothing", fro, 0);
  show("fd -1", -1, ALL);
  show("fd 100000", 100000, ALL);

  /* Several at once: the count is of entries with revents. */
  struct pollfd many[5] = {{f, POLLIN, 0},
                           {-5, POLLIN, 0},
                           {fro, POLLIN, 0},
                           {d, 0, 0},
                           {nul, POLLOUT, 0}};
  int n = poll(many, 5, 0);
  printf("five entries: %d ready\n", n);
  for (int i = 0; i < 5; i++)
    printf("  entry %d: %s\n", i, names(many[i].revents));
  printf("no entries, zero timeout: %d\n", poll(NULL, 0, 0));
  return finish("poll_masks");
}
