/* Test helper: runs the kdiff binary as a child process, for the tests
 * that check its exit status and its reports end to end. */
#ifndef KDIFF_TEST_RUN_KDIFF_H
#define KDIFF_TEST_RUN_KDIFF_H

/* Runs kdiff with the NULL-terminated args (at most 30), its stdout and
 * stderr written to the files out and err. Returns its exit status, or
 * 128 + the signal that killed it. */
int run_kdiff(const char *kdiff, const char *const *args, const char *out,
              const char *err);

/* The first 64 KiB of the file at path, NUL-terminated, in a static buffer
 * that the next call overwrites ("" when it cannot be read). */
const char *slurp(const char *path);

#endif
