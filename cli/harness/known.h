/* tests/contracts/known-divergences.json: the tests (and arches) that are
 * known not to match Linux yet, each with the reason.
 *
 *   { "vm.mprotect_basic": {"arch": ["arm64"], "reason": "needs mprotect",
 *                           "expect": {"status": "killed by SIGSEGV"}},
 *     "signals.sa_restart": {"reason": "needs setitimer",
 *                            "expect": {"stdout": "...\nCONTRACT_FAIL ...\n"}}
 * }
 *
 * "arch" is optional (absent = every arch); "reference" is optional too, a
 * list of "native" and/or "vm" (absent = both): the entry applies only to
 * verdicts against that reference (docs/reference.md: an arm64 entry that
 * exists because the native reference is x86-64 Linux, or one for a Linux
 * 6.1 difference of the vm reference); "reason" is required and must
 * not be blank; "expect" is required: what the library OS run shows, its
 * "status" (as the harness prints it: "exit 1", "killed by SIGILL") and/or
 * its exact "stdout" (verdict.h, known_expect). Any other key, an unknown
 * arch or a malformed file is an error with file:line. */
#ifndef KDIFF_HARNESS_KNOWN_H
#define KDIFF_HARNESS_KNOWN_H

#include <stddef.h>

typedef struct known_entry {
  char *id;        /* "vm.mprotect_basic" */
  unsigned arches; /* bit set of KNOWN_ARCH_*; all bits when "arch" is absent */
  unsigned
      refs; /* bit set of KNOWN_REF_*; all bits when "reference" is absent */
  char *reason;
  char *expect_status; /* NULL: not expected */
  char *expect_stdout; /* NULL: not expected */
  int line;            /* where the entry's key is in the file (for messages) */
} known_entry;

#define KNOWN_ARCH_X86_64 1u
#define KNOWN_ARCH_ARM64 2u
#define KNOWN_REF_NATIVE 1u
#define KNOWN_REF_VM 2u

typedef struct known_list {
  known_entry *e;
  size_t n;
} known_list;

/* Load and validate path into *out. Returns 0, or -1 with "path:line: why"
 * (or "path: why") in err and *out empty. Free with known_free(). */
int known_load(const char *path, known_list *out, char *err, size_t errlen);

/* The reason id is a known divergence on arch ("x86_64", "arm64") against
 * reference ("native", "vm"; NULL: either), or NULL. */
const char *known_lookup(const known_list *k, const char *id, const char *arch,
                         const char *reference);

/* The entry for id on arch against reference (NULL: either), or NULL. */
const known_entry *known_find(const known_list *k, const char *id,
                              const char *arch, const char *reference);

/* The KNOWN_ARCH_* bit for an arch name, or 0 if unknown. */
unsigned known_arch_bit(const char *arch);

/* Free the list and empty it. */
void known_free(known_list *k);

#endif
