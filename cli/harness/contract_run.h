/* One contract test on one architecture: the Linux run, the QEMU run, the
 * verdict, what a person needs to see, and the result file. */
#ifndef KDIFF_HARNESS_CONTRACT_RUN_H
#define KDIFF_HARNESS_CONTRACT_RUN_H

#include "reference.h"
#include "run.h"

typedef struct contract_opts {
  const char *id;            /* "vm.brk_basic" */
  const char *arch;          /* "x86_64" or "arm64": the image's arch */
  const char *linux_bin;     /* native: the x86-64 musl program run on the
                              * host; vm: the arch's program run in the
                              * reference VM */
  const char *image;         /* the bootable image */
  const char *qemu_template; /* the arch's qemu-args.txt */
  const char *known_file;    /* known-divergences.json, or NULL */
  const char *results_dir;   /* where <id>.<arch>.json goes, or NULL */
  const char *work_dir;      /* console, trace and output files go here */
  const char *kdiff;         /* kdiff program, used when tracing */
  const char *cmdline;       /* -append string; NULL: "debug=none --", or
                              * "debug=syscall --" when tracing */
  run_accel accel;
  double timeout_s;          /* the guest's time limit */
  double linux_timeout_s;    /* the Linux run's time limit */
  int trace;                 /* run kdiff on every non-PASS */
  const char *memory;        /* the guest's QEMU -m ("1G"), NULL: the
                              * template's (the test's contract-memory) */
  int reference_vm;          /* 0: the host's Linux runs linux_bin; 1: the
                              * reference VM of `arch` (docs/reference.md) */
  ref_config ref;            /* reference_vm: the VM and its cache */
} contract_opts;

/* Run it, print the verdict (and for a non-PASS the diff, statuses, panic
 * record, kdiff report) to stdout, write the result file. Returns the exit
 * status for CTest: 0 PASS or XFAIL, 1 any other verdict, 2 trouble (a
 * missing program, image or template; a bad known-divergences file), with
 * the reason on stderr. */
int contract_run(const contract_opts *o);

#endif
