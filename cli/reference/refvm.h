/* The reference Linux VM (docs/reference.md): boot a Debian kernel in QEMU
 * with an initramfs holding kdiff-ref-init and a batch of test programs,
 * and read back each test's stdout, stderr and status from the results
 * port (tests/reference/init.c describes the framing). */
#ifndef KDIFF_REFERENCE_REFVM_H
#define KDIFF_REFERENCE_REFVM_H

#include <stddef.h>

#include "run.h"

/* What became of one test of a batch. */
typedef enum ref_outcome {
  REF_NOT_RUN,   /* the VM never started it (it died or hung before) */
  REF_ENDED,     /* it ran and ended: signaled/code say how */
  REF_TIMED_OUT, /* the init killed it at the per-test limit */
  REF_VM_HUNG,   /* it was running when the VM stopped making progress */
  REF_VM_DIED,   /* it was running when the VM ended without its result
                  * (the kernel panicked, or its userspace went away) */
} ref_outcome;

typedef struct ref_test {
  const char *id;      /* "vm.brk_basic": the name it runs under */
  const char *program; /* the static program for the VM's arch */
  ref_outcome outcome;
  int signaled; /* REF_ENDED: 1 killed by signal `code`, 0 exit */
  int code;
  double seconds;   /* guest wall time of its run */
  int escaped;      /* processes it left behind (killed by the init) */
  run_buf out, err; /* what it wrote (as far as it got) */
  run_buf trace;    /* traced: its JSONL trace (kdiff-ref-trace) */
} ref_test;

typedef struct ref_vm_opts {
  const char *kernel;        /* the kernel image: @IMAGE@ */
  const char *init;          /* kdiff-ref-init for that arch */
  const char *mkinitramfs;   /* tests/reference/mkinitramfs.sh */
  const char *template_file; /* tests/reference/qemu-<arch>.txt */
  const char *work_dir;      /* initramfs and console go here */
  const char *tag;           /* file name stem in work_dir ("arm64.0") */
  const char *memory;        /* QEMU -m, NULL: the template's */
  const char *tracer;        /* kdiff-ref-trace for the arch: every test
                              * runs under it; NULL: none */
  run_accel accel;
  double test_timeout_s; /* each test's limit inside the VM */
  double idle_s;         /* the VM is hung after this long without a byte
                          * on the results port */
} ref_vm_opts;

typedef struct ref_vm_result {
  char kernel[512]; /* "<uname -r>|<uname -v>" the guest reported, or "" */
  int done;         /* the init reached the end of the batch */
  run_result qemu;  /* how QEMU ended; its stdout is the results port */
  run_buf console;  /* the kernel's console */
  char console_file[4096];
} ref_vm_result;

/* Parse the results port: fills tests[i] (matched by id), the kernel
 * string and *done. A test that started without a result is REF_VM_DIED
 * (the caller makes it REF_VM_HUNG when QEMU was killed). Pure. */
void ref_parse(const char *data, size_t len, ref_test *tests, size_t n,
               char *kernel, size_t kernel_len, int *done);

/* Boot one VM for the n tests, in order. Returns 0 (outcomes filled in,
 * also when the VM hung or died) or -1 with err set: nothing could be run
 * (no kernel, no init, initramfs not built, bad template). Free r with
 * ref_vm_result_free() and each test with ref_test_free(). */
int ref_vm_run(const ref_vm_opts *o, ref_test *tests, size_t n,
               ref_vm_result *r, char *err, size_t errlen);

/* The console's lines from the start marker of test id on ("kdiff-ref:
 * start ID"), or its last lines when there is no marker: what the VM
 * printed about that test. Returns a malloc'd string. */
char *ref_console_excerpt(const run_buf *console, const char *id);

/* Free what a test's run captured. */
void ref_test_free(ref_test *t);

/* Free a VM result's buffers. */
void ref_vm_result_free(ref_vm_result *r);

/* "6.1.0-57-cloud-arm64 #1 SMP Debian 6.1.192-3 (2026-11-26)": the
 * kernel string of a result or cache entry, readable. Returns buf. */
const char *ref_kernel_describe(const char *kernel, char *buf, size_t len);

#endif
