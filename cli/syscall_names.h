/* kdiff's view of the one syscall list (linux_shim/syscalls.list, generated
 * into syscalls_all.inc): names, numbers per arch, argument kinds, and the
 * x86-64 -> arm64 equivalences for calls arm64 does not have. */
#ifndef KDIFF_SYSCALL_NAMES_H
#define KDIFF_SYSCALL_NAMES_H

#include <stdbool.h>
#include <stdint.h>

enum kd_arch { ARCH_X86_64, ARCH_ARM64 };

/* Argument kinds, as the list spells them. */
enum arg_kind { AK_RAW, AK_INT, AK_UINT, AK_FD, AK_SIZE, AK_HEX, AK_OCT, AK_ADDR, AK_PTR, AK_STR };

struct sc_info {
  const char *name;
  int nr[2];  /* per enum kd_arch, -1: absent */
  int nargs;
  const char *kinds; /* "fd,ptr,size" or "" */
};

/* Parses "x86_64" / "arm64" (also "aarch64"). Returns 0 and sets *a, or -1. */
int kd_arch_parse(const char *s, enum kd_arch *a);

/* The list entry called `name`, or NULL. */
const struct sc_info *sc_by_name(const char *name);

/* The name of syscall number nr on arch, or NULL. */
const char *sc_name_by_nr(enum kd_arch arch, long nr);

/* The interned name of syscall nr on arch: its list name, or
 * "syscall_<nr>" for a number the list lacks (as strace prints it). */
uint32_t sc_name_id_by_nr(enum kd_arch arch, long long nr);

/* The kind of argument i (0-based) of the syscall with interned name id;
 * AK_RAW when the list does not describe it. */
enum arg_kind sc_arg_kind(uint32_t name_id, int i);

/* The number of arguments the list describes for the syscall with interned
 * name id, or -1 when it does not describe them ('?' or not listed). */
int sc_nargs(uint32_t name_id);

/* For a call the Linux (x86-64) side made, the name the arm64 libos side
 * makes instead: the name itself when arm64 has it, the documented
 * equivalent otherwise, or NULL when arm64 makes no call at all (e.g.
 * arch_prctl: arm64 sets TLS in a register). */
const char *sc_arm64_equivalent(const char *x86_name);

/* Whether the arm64 equivalent of x86-64-only call (interned id) returns
 * the same value (openat's fd as open's) or not (setitimer's 0 for alarm's
 * seconds left): then only the errno is compared. */
bool sc_arm64_same_result(uint32_t x86_name_id);

/* Checks the equivalence table against the list (every source lacks an
 * arm64 number, every target has one). Returns NULL or a message. */
const char *sc_check_equivalences(void);

#endif
