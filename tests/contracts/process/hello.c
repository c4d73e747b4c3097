/* process.hello: stdout reaches the harness byte for byte, and the exit
 * status of main() is the process's exit status. */
#include <stdio.h>

int main(void) {
  printf("hello from a contract test\n");
  printf("exit status follows: 3\n");
  return 3;
}
