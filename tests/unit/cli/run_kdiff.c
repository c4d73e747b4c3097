/* See run_kdiff.h. */
#include "run_kdiff.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int run_kdiff(const char *kdiff, const char *const *args, const char *out,
              const char *err) {
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    dup2(e, 2);
    const char *argv[32] = {kdiff};
    int n = 1;
    for (; args[n - 1] && n < 31; n++)
      argv[n] = args[n - 1];
    argv[n] = NULL;
    execv(kdiff, (char *const *)argv);
    _exit(127);
  }
  int st;
  if (pid < 0 || waitpid(pid, &st, 0) < 0)
    return 127;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

const char *slurp(const char *path) {
  static char buf[1 << 16];
  FILE *f = fopen(path, "r");
  size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
  buf[n] = 0;
  if (f)
    fclose(f);
  return buf;
}
