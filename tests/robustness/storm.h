/* What the storm's two parts share: storm.c (the loop, signals, memory
 * calls, the hostile value menus) and storm_fs.c (the file calls: a scratch
 * tree, path and fd pools, tmpfs filling, errno probes).
 *
 * Descriptors the storm keeps at fixed numbers (every number >= FD_KEEP is
 * never closed or replaced by a storm call; the others may be, on purpose,
 * and are rebuilt from time to time):
 *   3..63    whatever storm calls open (closed again at each rebuild)
 *   64..79   the file pool (storm_fs.c)   84..87  the storm's pipes
 *   95, 96   the tmpfs fill files         97      the scratch directory
 *   98       the root directory           99      the saved console */
#ifndef STORM_H
#define STORM_H

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define STORM_TABLE "syscalls_x86_64.inc"
#define USER_TOP 0x800000000000UL
#define USER_EDGE 0x7ffffffff000UL /* first address the kernel refuses */
#elif defined(__aarch64__)
#define STORM_TABLE "syscalls_arm64.inc"
#define USER_TOP 0x1000000000000UL
#define USER_EDGE USER_TOP
#else
#error "unsupported arch"
#endif

#define PAGE 4096UL
#define SCRATCH_PAGES 16

#define POOL_FD 64
#define POOL_FDS 20
#define PIPE_FD 84
#define FILL_FD 95
#define HOME_FD 97
#define ROOT_FD 98
#define SAVED_FD 99
#define FD_KEEP FILL_FD /* FD_KEEP..SAVED_FD: never closed by a storm call */

/* A raw syscall: no errno (a storm call may have broken TLS). */
long raw6(long n, long a, long b, long c, long d, long e, long f);
#define raw(n, a, b, c) raw6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* Console output through SAVED_FD; die() says "storm: FAILED: why" and
 * exits 3. */
void say(const char *s);
void die(const char *why) __attribute__((noreturn));

/* The seeded generator (a seed fixes the whole storm). */
uint64_t rnd(void);
unsigned pick(unsigned n);

/* Whether this call gets mostly plausible arguments (half of them). */
extern int mild;

/* Guarded scratch pages (contents refreshed by the loop), the pipes. */
extern unsigned char *scratch, *scratch_end;
extern long pipe_fds[4];

/* Hostile value menus (storm.c). */
unsigned long bad_ptr(void);
unsigned long unreadable_ptr(void);
unsigned long any_ptr(void);
unsigned long any_size(void);
unsigned long any_int(void);
unsigned long any_fd(void);

/* Unmap what storm calls mapped (MAP_POPULATE may hold much memory):
 * before the fill and the final checks. */
void unmap_made(void);

/* ---- storm_fs.c ---- */

/* Build the scratch tree (a directory in /tmp with files, directories,
 * a FIFO and symlinks, loops included), the path pool and the fd pool,
 * then check the errno probes. `seed` picks the fill plan; `ncalls` is
 * the run's length. Dies when the kernel gives a wrong answer. */
void fs_setup(uint64_t seed, unsigned long ncalls);

/* The file-call template for a syscall name: an index >= 0, or -1 when
 * the call is not a file call. */
int fs_template(const char *name);

/* Give a file call (template `t`) path, fd, offset and flag arguments
 * from the pools, part of the time. */
void fs_shape(int t, unsigned long *a);

/* After a file call: undo what the storm relies on (root, cwd). */
void fs_after(int t);

/* Before call n: rebuild the tree and pools now and then; fill tmpfs
 * (and, on some seeds, all memory) for a window of calls, free it after,
 * and check the probes again. */
void fs_tick(unsigned long n);

/* The end: free everything, check the probes once more, and write a
 * summary line ("storm fs: ...") into buf. */
void fs_finish(char *buf, unsigned long len);

/* Natively (safe: only the probe calls, in a directory of its own):
 * check the probes against the running kernel. Returns the exit status
 * (0 passed, 1 failed, 77 skipped: no tmpfs at /dev/shm). */
int fs_probe_main(void);

#endif
