/* sandbox_probe NAME [TOKEN]: prints what a test sees at its start (cwd, the
 * directory's entries, mode and file system, open fds, uid), then creates
 * the file NAME there. With TOKEN it then meets the other probe run with
 * the same TOKEN (an abstract unix socket: the network namespace is shared,
 * the mount namespace is not), so both are alive with their files made, and
 * only then lists the directory: each must see its own file only. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define TMPFS_MAGIC_NUMBER 0x01021994

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints "LABEL a b c" for the entries of dir other than . and .. */
static void list(const char *label, const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    printf("%s error %s\n", label, strerror(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp);
  printf("%s", label);
  if (!n)
    printf(" (none)");
  for (int i = 0; i < n; i++)
    printf(" %s", names[i]), free(names[i]);
  printf("\n");
}

/* Both runs with this token: the first to bind listens, the other
 * connects; each returns once the other is there. */
static int meet(const char *token) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  int len =
      snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "kdiff-probe-%s", token);
  socklen_t alen =
      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (bind(s, (struct sockaddr *)&a, alen) == 0) {
    listen(s, 1);
    int c = accept(s, NULL, NULL);
    char b;
    int ok = c >= 0 && read(c, &b, 1) == 1;
    return ok ? 0 : -1;
  }
  /* The other one is binding or listening: retry a refused connect for up
   * to 10 s (it only needs to reach listen()). */
  for (int i = 0; i < 1000; i++) {
    if (connect(s, (struct sockaddr *)&a, alen) == 0)
      return write(s, "x", 1) == 1 ? 0 : -1;
    if (errno != ECONNREFUSED && errno != ENOENT)
      return -1;
    nanosleep(&(struct timespec){.tv_nsec = 10000000}, NULL);
  }
  return -1;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  char cwd[4096];
  printf("cwd %s\n", getcwd(cwd, sizeof cwd) ? cwd : strerror(errno));
  list("entries", ".");
  struct stat st;
  if (stat(".", &st) == 0)
    printf("mode %o\n", (unsigned)(st.st_mode & 07777));
  struct statfs sf;
  if (statfs(".", &sf) == 0)
    printf("tmpfs %s\n", sf.f_type == TMPFS_MAGIC_NUMBER ? "yes" : "no");
  printf("fds");
  for (int fd = 0; fd < 64; fd++)
    if (fcntl(fd, F_GETFD) >= 0)
      printf(" %d", fd);
  printf("\nuid %u\n", (unsigned)getuid());
  int fd = open(argv[1], O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0 || write(fd, "x", 1) != 1) {
    printf("cannot create %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  close(fd);
  if (argc > 2) {
    if (meet(argv[2]) < 0) {
      printf("did not meet the other run: %s\n", strerror(errno));
      return 1;
    }
    printf("met the other run\n");
  }
  list("sees", ".");
  return 0;
}
