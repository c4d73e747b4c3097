/* A static musl program that prints its own initial stack as Linux built
 * it, for test_ustack to compare ustack_build() against. Output lines:
 *   top HEX | sp HEX | word OFFSET HEX (each 8-byte word from sp up to the
 *   end of auxv) | strings HEXADDR HEXBYTES (argv[0]'s string to the top)
 *   | random HEXBYTES | platform STRING */
#include <elf.h>
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  unsigned long *sp = (unsigned long *)(void *)argv - 1;
  unsigned long top = 0, lo = 0;
  char line[512];
  FILE *maps = fopen("/proc/self/maps", "r");
  while (maps && fgets(line, sizeof line, maps))
    if (strstr(line, "[stack]"))
      sscanf(line, "%lx-%lx", &lo, &top);
  printf("top %lx\nsp %lx\n", top, (unsigned long)sp);
  char **e = environ;
  while (*e)
    e++;
  unsigned long *aux = (unsigned long *)(void *)(e + 1);
  while (*aux)
    aux += 2;
  aux += 2;
  for (unsigned long *w = sp; w < aux; w++)
    printf("word %lu %lx\n", (unsigned long)((char *)w - (char *)sp), *w);
  const unsigned char *s = argc ? (const unsigned char *)argv[0]
                                : (const unsigned char *)environ[0];
  printf("strings %lx ", (unsigned long)s);
  for (; (unsigned long)s < top; s++)
    printf("%02x", *s);
  printf("\n");
  for (unsigned long *a = (unsigned long *)(void *)(e + 1); *a; a += 2) {
    if (a[0] == AT_RANDOM) {
      printf("random ");
      for (int i = 0; i < 16; i++)
        printf("%02x", ((unsigned char *)a[1])[i]);
      printf("\n");
    }
    if (a[0] == AT_PLATFORM)
      printf("platform %s\n", (char *)a[1]);
  }
  (void)lo;
  return 0;
}
