/* kdiff PROGRAM -- ARGS: what the program was given, printed so both
 * sides' outputs can be compared and checked (tests/unit/cli/check-program.sh):
 * every argument, every environment word, what fd 0 is and holds, a line
 * on stderr, and an exit status that counts the arguments. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++)
    printf("argv[%d]=<%s>\n", i, argv[i]);
  int n = 0;
  for (char **e = environ; *e; e++, n++)
    printf("env <%s>\n", *e);
  printf("env words: %d\n", n);
  struct stat st;
  if (fstat(0, &st) == 0)
    printf("stdin: %s, %lld bytes\n",
           S_ISREG(st.st_mode)   ? "regular file"
           : S_ISCHR(st.st_mode) ? "character device"
                                 : "other",
           (long long)st.st_size);
  char buf[256];
  ssize_t got = read(0, buf, sizeof buf);
  printf("read: %zd <%.*s>\n", got, got > 0 ? (int)got : 0, buf);
  fflush(stdout);
  fprintf(stderr, "a line on stderr\n");
  return argc - 1;
}
