/* Shared by the kdiff unit tests (see check.h). */
#include "check.h"

int check_failures;

int check_done(const char *name) {
  if (check_failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    return 1;
  }
  printf("%s: all checks passed\n", name);
  return 0;
}

const char *fixture(const char *name) {
  static char buf[8][4096];
  static int k;
  char *b = buf[k++ % 8];
  snprintf(b, sizeof buf[0], "%s/%s", KDIFF_FIXTURES, name);
  return b;
}
