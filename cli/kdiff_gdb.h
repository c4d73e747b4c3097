/* kdiff TEST --gdb | --gdb-server: a debugger on the library OS running a
 * test (recipe and background: docs/debugging.md).
 *
 * Boots the test's image (kdiff_locate) under TCG, halted at its first
 * instruction (-S), with QEMU's gdbstub on a unix socket in a fresh work
 * directory (no port to pick, none to clash under ctest -j). The gdb
 * command that goes with it loads the kernel's symbols from the image and
 * the payload's with add-symbol-file: the payload is a static musl program
 * (ET_EXEC), whose symbols are at the addresses its ELF gives, so no
 * offset is needed, and `break sys_brk` (kernel) and `break main` (test
 * program) both work. TCG's gdbstub breakpoints need no write to guest
 * memory, so both can be set before the kernel has mapped either. */
#ifndef KDIFF_GDB_H
#define KDIFF_GDB_H

#include <stdbool.h>

#include "kdiff_runner.h"

struct kdiff_gdb_opts {
  const struct kdiff_run_opts *run; /* test, arch (accel: TCG is used) */
  bool serve_only; /* --gdb-server: print the gdb command, wait for QEMU */
  char *const *gdb_args; /* extra arguments for gdb (after kdiff's `--`) */
  int ngdb_args;
};

/* --gdb: starts QEMU, runs `gdb-multiarch` attached to it in the
 * foreground (the terminal is gdb's), and kills QEMU when gdb ends; returns
 * gdb's exit status. --gdb-server: prints the gdb command line and waits
 * until QEMU ends (the guest powers off, gdb kills it, or kdiff gets
 * SIGINT/SIGTERM, which it passes on); returns 0. Trouble (no image, QEMU
 * did not start, no gdb-multiarch) is 2 with the reason in err. */
int kdiff_gdb(const struct kdiff_gdb_opts *o, char *err, size_t errlen);

#endif
