/* Process identity and ending. The first process is pid 1 (init), run as
 * root, with no parent inside the machine (ppid 0), as Linux's init. */
#include <libos/proc.h>
#include <linux_shim/syscall.h>

SYSCALL_DEFINE(exit) {
  /* One thread per process so far: its exit ends the process. */
  proc_exit(current_proc(), (int)(a0 & 0xff));
}

SYSCALL_DEFINE(exit_group) {
  proc_exit(current_proc(), (int)(a0 & 0xff));
}

SYSCALL_DEFINE(getpid) {
  return current_proc()->pid;
}

SYSCALL_DEFINE(gettid) {
  return current()->tid;
}

SYSCALL_DEFINE(getppid) {
  return 0;
}

SYSCALL_DEFINE(getuid) {
  return 0;
}

SYSCALL_DEFINE(geteuid) {
  return 0;
}

SYSCALL_DEFINE(getgid) {
  return 0;
}

SYSCALL_DEFINE(getegid) {
  return 0;
}

SYSCALL_DEFINE(set_tid_address) {
  current()->clear_child_tid = a0;
  return current()->tid;
}
