/* Producing the two traces for `kdiff TEST`: find the test (contract id,
 * stem, a .c file or a static ELF), run the x86-64 binary under
 * `strace -f -n -o`, boot its image with debug=syscall, and leave both
 * trace files in a temporary directory. */
#ifndef KDIFF_RUNNER_H
#define KDIFF_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

#include "verdict.h" /* exit_status */

struct kdiff_run_opts {
  const char *test; /* as given on the command line */
  const char *arch; /* "x86_64" or "arm64" */
  double timeout_s;
  const char *accel; /* "auto", "kvm", "tcg" */
  bool need_linux, need_libos;
  bool host_tmp;      /* --no-sandbox: the Linux run gets no private /tmp */
  bool reference_vm;  /* --reference vm: the Linux side is the arch's
                       * program traced in the reference VM */
  const char *memory; /* --memory: the image's QEMU -m; NULL: the test
                       * source's "contract-memory: SIZE", else the
                       * template's */
  char *const *args;  /* the program's arguments after argv[0] (kdiff
                       * PROGRAM -- ARGS), nargs of them */
  int nargs;
  char *const *env; /* its whole environment: "NAME=VALUE" words (--env),
                     * nenv of them; the same on both sides */
  int nenv;
  const char *stdin_file; /* --stdin: what fd 0 reads on both sides (NULL:
                           * nothing, /dev/null) */
};

struct kdiff_run_out {
  char linux_trace[4096];
  char libos_trace[4096];
  char linux_stdout[4096];  /* Linux's stdout and stderr, one stream in the
                             * order written, as the image's console holds
                             * them ("" if Linux was not run) */
  exit_status linux_status; /* how the Linux run ended (ST_NONE: not run) */
  char libos_console[4096]; /* the image's console ("" if QEMU was not run) */
  char kept_dir[4096];      /* where the traces are ("" if nothing was run) */
};

/* Where a test's pieces are (kdiff_locate). */
struct kdiff_paths {
  char build[4096];     /* the build directory */
  char id[256];         /* contract id, or the file's stem */
  char linux_bin[4096]; /* the x86-64 program Linux runs */
  char payload[4096];   /* the program embedded in the image (arch's musl) */
  char image[4096];     /* the bootable image */
  char qemu_args[4096]; /* BUILD/images/<arch>/qemu-args.txt */
  char dir[4096];       /* a fresh work directory (made by kdiff_locate) */
  char memory[32];      /* the source's "contract-memory: SIZE" ("": none) */
};

/* True when s is a QEMU memory size kdiff accepts: digits, then M or G. */
bool kdiff_memory_ok(const char *s);

/* Finds (a contract) or builds (a .c file, a static ELF: compiled and
 * linked into dir) what o->test names, for the sides o->need_linux and
 * o->need_libos. Returns 0, or -1 with what is missing (and the command
 * that builds it) in err. */
int kdiff_locate(const struct kdiff_run_opts *o, struct kdiff_paths *p,
                 char *err, size_t errlen);

/* The image's -append string for o: the debug= words, exe=EXE when exe is
 * not NULL (the path the Linux side runs, so /proc/self/exe agrees), one
 * env= word per o->env entry and the arguments after "--", each quoted for
 * the kernel's parser (libos/cmdline.h). Returns 0, or -1 with why in err
 * (more than the kernel takes: 64 arguments, 64 env words, 1023 bytes). */
int kdiff_image_cmdline(const struct kdiff_run_opts *o, const char *exe,
                        char *buf, size_t n, char *err, size_t errlen);

/* Runs what o asks for. Returns 0, or -1 with a message naming what is
 * missing or what failed in err. */
int kdiff_run_test(const struct kdiff_run_opts *o, struct kdiff_run_out *out,
                   char *err, size_t errlen);

/* Appends s to the NUL-terminated command line buf[0..n) as one word for a
 * POSIX shell (single-quoted when it holds anything but [A-Za-z0-9_-+=/.,:@%]),
 * after a space unless buf is empty; cut at n. */
void kdiff_shell_word(char *buf, size_t n, const char *s);

/* Removes dir and everything in it (best effort: errors are ignored). */
void kdiff_remove_dir(const char *dir);

#endif
