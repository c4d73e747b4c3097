/* The native sandbox: a test starts in a fresh private /tmp on Linux, as it
 * does in the image (CONTRACTS.md: "cwd /tmp, an empty tmpfs of its own").
 *
 * The steps, all in the process that then becomes the test (so its pid,
 * session and parent are the runner's, exactly as without a sandbox):
 *  1. open the program (PATH lookup like execvp) while the host's /tmp is
 *     still visible: the program, or the whole build tree, may live there;
 *  2. enter a mount namespace of its own: unshare(CLONE_NEWNS) where that is
 *     allowed (root), else unshare(CLONE_NEWUSER | CLONE_NEWNS) with the
 *     caller's uid and gid mapped to 0 (see below);
 *  3. make every mount private (nothing propagates back to the host), mount
 *     a new tmpfs with mode=1777 on /tmp, chdir("/tmp");
 *  4. exec the program: by its absolute path when that still names the very
 *     file opened in step 1 (argv, AT_EXECFN, comm and #! scripts then work
 *     exactly as without a sandbox), else from the fd opened in step 1
 *     (execveat AT_EMPTY_PATH; a #! script cannot run that way).
 *
 * User-namespace fallback: the caller's uid is mapped to 0, so the test sees
 * what a root run sees (getuid() 0, every capability, files it creates owned
 * by 0), because CI runs the reference as root. Only that one uid (and gid)
 * exists in the namespace: switching to another id (setresuid(65534, ...))
 * fails with EINVAL where root would succeed, and setgroups() fails with
 * EPERM ("deny" must be written before gid_map). Tests of privilege drops
 * need a real root run.
 *
 * The helper program kdiff-sandbox (sandbox_main.c) runs these steps for
 * run_native() (run.h); the functions are here so they can be tested and
 * reused. Error policy: 0, or -1 with a message in err. */
#ifndef KDIFF_RUN_SANDBOX_H
#define KDIFF_RUN_SANDBOX_H

#include <stddef.h>
#include <sys/types.h>

/* The helper's first argument, always: kdiff's strace reader knows the
 * helper's execve by it (strace may cut the helper's long path short) and
 * starts the test's trace at the helper's exec of the test. */
#define SANDBOX_MARK_ARG "--kdiff-sandbox"

/* The prefix of every message about a sandbox that could not be set up. */
#define SANDBOX_NO_TMP "cannot give the test a private /tmp"

/* A program opened before the mount. */
typedef struct sandbox_prog {
  int fd;    /* O_PATH | O_CLOEXEC */
  dev_t dev; /* what fd is, to check the path later */
  ino_t ino;
  char path[4096]; /* absolute path it was opened by (symlinks kept) */
} sandbox_prog;

/* Open the program `name` (a path, or a bare name looked up in $PATH as
 * execvp does) for sandbox_exec(). MUST be called before sandbox_enter().
 * Returns 0, or -1 with "NAME: why" in err (and errno set). */
int sandbox_open(const char *name, sandbox_prog *p, char *err, size_t n);

/* Steps 2 and 3 above: a mount namespace of its own with a fresh tmpfs on
 * /tmp as cwd. The caller MUST be single-threaded. Returns 0, or -1 with
 * the failing step in err (no SANDBOX_NO_TMP prefix). */
int sandbox_enter(char *err, size_t n);

/* Step 4: exec p with argv and envp. Returns only on failure: -1 with the
 * reason in err. */
int sandbox_exec(const sandbox_prog *p, char *const *argv, char *const *envp,
                 char *err, size_t n);

#endif
