/* membarrier(2) (kernel/sched/membarrier.c, 6.18). Every command is
 * offered; with one CPU running user code at a time, a barrier is the
 * system call itself, so what is left is the registration rules: the
 * private commands need their REGISTER first (EPERM), registrations
 * belong to the address space (CLONE_VM sharers see them, a fork's copy
 * keeps them, exec starts without). 6.1 lacks GET_REGISTRATIONS (EINVAL there) and so
 * answers QUERY without its bit. */
#include <libos/proc.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

#define CMD_QUERY 0
#define CMD_GLOBAL 1
#define CMD_GLOBAL_EXPEDITED 2
#define CMD_REGISTER_GLOBAL_EXPEDITED 4
#define CMD_PRIVATE_EXPEDITED 8
#define CMD_REGISTER_PRIVATE_EXPEDITED 16
#define CMD_PRIVATE_EXPEDITED_SYNC_CORE 32
#define CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE 64
#define CMD_PRIVATE_EXPEDITED_RSEQ 128
#define CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ 256
#define CMD_GET_REGISTRATIONS 512
#define CMD_ALL 1023
#define CMD_FLAG_CPU 1

/* mm->membarrier_state: a command's state, then its READY bit once the
 * registration is complete. */
#define ST_PRIVATE_READY 1
#define ST_PRIVATE 2
#define ST_GLOBAL_READY 4
#define ST_GLOBAL 8
#define ST_SYNC_CORE_READY 16
#define ST_SYNC_CORE 32
#define ST_RSEQ_READY 64
#define ST_RSEQ 128

/* membarrier_register_private_expedited: every flavour sets the plain
 * private state too, but only its own READY bit. */
static long register_private(struct mm *mm, unsigned state, unsigned ready) {
  mm->membarrier |= ST_PRIVATE | state;
  mm->membarrier |= ready;
  return 0;
}

static long need(const struct mm *mm, unsigned ready) {
  return mm->membarrier & ready ? 0 : -EPERM;
}

/* membarrier_get_registrations: the REGISTER commands whose state is set. */
static long registrations(const struct mm *mm) {
  static const struct {
    unsigned states, cmd;
  } map[] = {
      {ST_GLOBAL | ST_GLOBAL_READY, CMD_REGISTER_GLOBAL_EXPEDITED},
      {ST_PRIVATE | ST_PRIVATE_READY, CMD_REGISTER_PRIVATE_EXPEDITED},
      {ST_SYNC_CORE | ST_SYNC_CORE_READY,
       CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE},
      {ST_RSEQ | ST_RSEQ_READY, CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ},
  };
  long mask = 0;
  for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
    if (mm->membarrier & map[i].states)
      mask |= map[i].cmd;
  return mask;
}

SYSCALL_DEFINE(membarrier) {
  int cmd = (int)a0;
  unsigned flags = (unsigned)a1;
  if (cmd == CMD_PRIVATE_EXPEDITED_RSEQ ? (flags & ~CMD_FLAG_CPU) != 0
                                        : flags != 0)
    return -EINVAL;
  struct mm *mm = current_proc()->mm;
  switch (cmd) {
  case CMD_QUERY:
    return CMD_ALL;
  case CMD_GLOBAL:
  case CMD_GLOBAL_EXPEDITED:
    return 0;
  case CMD_REGISTER_GLOBAL_EXPEDITED:
    mm->membarrier |= ST_GLOBAL | ST_GLOBAL_READY;
    return 0;
  case CMD_PRIVATE_EXPEDITED:
    return need(mm, ST_PRIVATE_READY);
  case CMD_REGISTER_PRIVATE_EXPEDITED:
    return register_private(mm, 0, ST_PRIVATE_READY);
  case CMD_PRIVATE_EXPEDITED_SYNC_CORE:
    return need(mm, ST_SYNC_CORE_READY);
  case CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
    return register_private(mm, ST_SYNC_CORE, ST_SYNC_CORE_READY);
  case CMD_PRIVATE_EXPEDITED_RSEQ:
    return need(mm, ST_RSEQ_READY); /* any cpu_id: 0 (one CPU) */
  case CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ:
    return register_private(mm, ST_RSEQ, ST_RSEQ_READY);
  case CMD_GET_REGISTRATIONS:
    return registrations(mm);
  default:
    return -EINVAL;
  }
}
