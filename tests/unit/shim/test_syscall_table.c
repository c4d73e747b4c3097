/* Every syscall number the arch's uapi header defines must name the same
 * call in the generated table, every table entry must come from the
 * header, and the list must not have lost a call. */
#include <linux_shim/syscall_table.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s UAPI_SYSCALL_H SYSCALLS_LIST ARCH\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  char line[512], name[128];
  long nr;
  unsigned checked = 0, bad = 0;
  static char seen[4096];
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, "#define __NR_%127s %ld", name, &nr) != 2)
      continue;
    const char *got = syscall_name(nr);
    if (!got || strcmp(got, name) != 0) {
      fprintf(stderr, "%s: nr %ld is '%s' in the header, '%s' in the table\n",
              argv[3], nr, name, got ? got : "(none)");
      bad++;
    }
    if (nr >= 0 && nr < (long)sizeof seen)
      seen[nr] = 1;
    checked++;
  }
  fclose(f);
  /* No table entry the header does not have. */
  for (long n = 0; n < (long)sizeof seen; n++)
    if (syscall_name(n) && !seen[n]) {
      fprintf(stderr, "%s: table has %ld (%s), header does not\n", argv[3], n,
              syscall_name(n));
      bad++;
    }
  if (syscall_lookup(-1) || syscall_lookup(100000)) {
    fprintf(stderr, "%s: out-of-range numbers must have no entry\n", argv[3]);
    bad++;
  }
  if (checked < 250) {
    fprintf(stderr, "%s: only %u numbers in the header?\n", argv[3], checked);
    bad++;
  }
  printf("%s: %u syscall numbers agree with the uapi header, %u problems\n",
         argv[3], checked, bad);
  return bad ? 1 : 0;
}
