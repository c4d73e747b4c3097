/* process.vfork_shared: clone(CLONE_VM|CLONE_VFORK|SIGCHLD) runs the child
 * in the parent's own memory while the parent waits: the child's writes
 * and mappings are the parent's afterwards, and the parent resumes only
 * when the child exits or execs (then the child has memory of its own).
 * A plain fork still copies. The raw clone runs the child on a stack of
 * its own, so both arches behave alike (musl's arm64 vfork is a fork). */
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

/* long raw_vfork(int (*fn)(void *), void *arg, void *stack_top): clone
 * with CLONE_VM|CLONE_VFORK|SIGCHLD (0x4111); the child calls fn(arg) on
 * stack_top and exit_groups with its result; the parent gets the pid. */
long raw_vfork(int (*fn)(void *), void *arg, void *stack_top);
#if defined(__x86_64__)
__asm__(".text\n.globl raw_vfork\n.type raw_vfork,@function\nraw_vfork:\n"
        "  sub $16, %rdx\n"
        "  mov %rdi, 8(%rdx)\n"
        "  mov %rsi, 0(%rdx)\n"
        "  mov %rdx, %rsi\n"
        "  mov $0x4111, %edi\n"
        "  xor %edx, %edx\n"
        "  xor %r10d, %r10d\n"
        "  xor %r8d, %r8d\n"
        "  mov $56, %eax\n" /* clone(flags, stack, ptid, ctid, tls) */
        "  syscall\n"
        "  test %rax, %rax\n"
        "  jnz 1f\n"
        "  pop %rdi\n"
        "  pop %rax\n"
        "  call *%rax\n"
        "  mov %eax, %edi\n"
        "  mov $231, %eax\n"
        "  syscall\n"
        "  hlt\n"
        "1: ret\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl raw_vfork\n.type raw_vfork,%function\nraw_vfork:\n"
        "  stp x0, x1, [x2, #-16]!\n"
        "  mov x1, x2\n"
        "  mov x0, #0x4111\n"
        "  mov x2, #0\n"
        "  mov x3, #0\n"
        "  mov x4, #0\n"
        "  mov x8, #220\n" /* clone(flags, stack, ptid, tls, ctid) */
        "  svc #0\n"
        "  cbnz x0, 1f\n"
        "  ldp x9, x0, [sp], #16\n"
        "  blr x9\n"
        "  mov x8, #94\n"
        "  svc #0\n"
        "  brk #0\n"
        "1: ret\n");
#else
#error "x86_64 or aarch64 only"
#endif

static char child_stack[65536] __attribute__((aligned(16)));
static void *stack_top(void) {
  return child_stack + sizeof child_stack;
}

static volatile int shared_word;
static volatile int step;
static char *volatile child_map;

static void pause_ms(long ms) {
  struct timespec ts = {0, ms * 1000000L};
  syscall(SYS_nanosleep, &ts, 0);
}

/* Writes, waits, writes again, maps a page: a parent running meanwhile
 * could see step 1 or no mapping. */
static int writer(void *arg) {
  shared_word = (int)(intptr_t)arg;
  step = 1;
  pause_ms(20);
  step = 2;
  char *m = (char *)syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m != MAP_FAILED) {
    strcpy(m, "from the child");
    child_map = m;
  }
  return 5;
}

static char *self_path;

/* Writes, then execs this program in child mode: from exec on the child
 * has memory of its own, and the parent is released. */
static int execer(void *arg) {
  (void)arg;
  shared_word = 77;
  char *argv[] = {self_path, "child", 0};
  char *envp[] = {0};
  syscall(SYS_execve, "/proc/self/exe", argv, envp);
  return 126;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    shared_word = 99; /* its own memory now: the parent must not see it */
    return shared_word == 99 ? 7 : 8;
  }
  self_path = argv[0];
  int st = 0;

  long pid = raw_vfork(writer, (void *)(intptr_t)42, stack_top());
  int seen = shared_word, at = step;
  int mapped = child_map && strcmp(child_map, "from the child") == 0;
  waitpid((pid_t)pid, &st, 0);
  printf("vfork child's write seen by the parent: %s\n",
         seen == 42 ? "yes" : "no");
  printf("parent resumed after the child's last write: %s\n",
         at == 2 ? "yes" : "no");
  printf("child's mapping usable by the parent: %s\n", mapped ? "yes" : "no");
  printf("child exit status: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  failed |= seen != 42 || at != 2 || !mapped || !WIFEXITED(st) ||
            WEXITSTATUS(st) != 5;
  if (child_map)
    munmap(child_map, 4096);

  shared_word = 0;
  pid = raw_vfork(execer, 0, stack_top());
  seen = shared_word;
  waitpid((pid_t)pid, &st, 0);
  printf("write before exec seen: %s; after exec: %s\n",
         seen == 77 ? "yes" : "no", shared_word == 99 ? "yes" : "no");
  printf("exec'd child exit status: %d\n",
         WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  failed |=
      seen != 77 || shared_word == 99 || !WIFEXITED(st) || WEXITSTATUS(st) != 7;

  shared_word = 0;
  pid = fork();
  if (pid == 0) {
    shared_word = 42;
    _exit(0);
  }
  waitpid((pid_t)pid, &st, 0);
  printf("fork child's write seen by the parent: %s\n",
         shared_word == 42 ? "yes" : "no");
  failed |= shared_word == 42;
  return failed;
}
