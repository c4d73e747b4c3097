/* The reference Linux of a contract on one arch (docs/reference.md):
 * answers from the cache in the build tree, keyed by the test program's
 * SHA-256, the reference kernel image's and the init's, or from a boot of
 * the reference VM (refvm.h) when there is none yet. */
#ifndef KDIFF_REFERENCE_REFERENCE_H
#define KDIFF_REFERENCE_REFERENCE_H

#include <stddef.h>
#include <stdio.h>

#include "refvm.h"
#include "run.h"

typedef struct ref_config {
  const char *arch;           /* "x86_64" or "arm64" */
  const char *kernel;         /* the kernel image */
  const char *kernel_package; /* the Debian package that installs it */
  const char *init;           /* kdiff-ref-init for arch */
  const char *mkinitramfs;    /* tests/reference/mkinitramfs.sh */
  const char *template_file;  /* tests/reference/qemu-<arch>.txt */
  const char *cache_dir;      /* cache entries: <id>.<key>.json */
  const char *work_dir;       /* initramfs, console of the last boots */
  const char *memory;         /* QEMU -m, NULL: the template's */
  run_accel accel;
  double test_timeout_s; /* one test's limit in the VM */
  double idle_s;         /* VM silent this long: hung */
} ref_config;

/* One test's reference, as the native run would have given it. */
typedef struct ref_answer {
  run_result lr;         /* end, code, out, err, seconds, escaped */
  ref_outcome outcome;   /* REF_ENDED, or what went wrong */
  char kernel[512];      /* "<uname -r>|<uname -v>" of the reference */
  int cached;            /* 1: from the cache, no boot */
  char *console;         /* REF_VM_HUNG/DIED/NOT_RUN: what the VM printed */
  char qemu_status[600]; /* how QEMU ended (when it ran) */
} ref_answer;

/* The Debian package that installs arch's reference kernel
 * ("linux-image-cloud-arm64:arm64"). */
const char *ref_kernel_package(const char *arch);

/* The newest /boot/vmlinuz-*-cloud-<amd64|arm64> for arch (malloc'd), or
 * NULL when there is none. */
char *ref_default_kernel(const char *arch);

/* Fill what c leaves unset with the defaults under the build directory
 * build: BUILD/reference/<arch>/{kdiff-ref-init,cache,work},
 * BUILD/reference/qemu-<arch>.txt, BUILD/reference/mkinitramfs.sh, the
 * newest Debian cloud kernel; idle: the test's limit + 30 s. */
void ref_config_defaults(ref_config *c, const char *build, const char *arch,
                         double test_timeout_s, run_accel accel);

/* 0 when the kernel image, init, builder and template are there; else -1
 * and a message naming what to install (the kernel's package, cpio). */
int ref_check(const ref_config *c, char *err, size_t errlen);

/* The reference of test id (program: its build for c->arch), from the
 * cache or a boot of one; a clean result is cached. Returns 0 (a->outcome
 * says how it went) or -1 with err set (nothing could run). Free a with
 * ref_answer_free(). */
int ref_get(const ref_config *c, const char *id, const char *program,
            ref_answer *a, char *err, size_t errlen);

/* Warm the cache for n tests: those without an entry run in batches, one
 * boot per batch, up to `jobs` VMs at once (a boot that dies is followed by
 * one for the tests it never started). Prints a summary to log. Returns 0,
 * or -1 with err set (no kernel, bad template). */
int ref_batch(const ref_config *c, const char *const *ids,
              const char *const *programs, size_t n, int jobs, FILE *log,
              char *err, size_t errlen);

/* Run test id once under tracer (kdiff-ref-trace) in the VM, never from
 * or into the cache: a as ref_get() gives it, and the test's JSONL trace
 * in *trace. Returns 0 or -1 with err set. Free trace with run_buf_free. */
int ref_trace(const ref_config *c, const char *tracer, const char *id,
              const char *program, ref_answer *a, run_buf *trace, char *err,
              size_t errlen);

/* Free an answer. */
void ref_answer_free(ref_answer *a);

#endif
