/* contract_run(): the two runs, the verdict, the display, the result file. */
#include "contract_run.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "exit_record.h"
#include "known.h"
#include "linediff.h"
#include "result.h"
#include "verdict.h"

#define SHOW_MAX_LINES 200

/* Write the result file; trouble (verdict NULL) is recorded as "ERROR". */
static void write_result(const contract_opts *o, const verdict_result *vr,
                         const char *reason, const char *message,
                         const run_result *lr, const char *linux_status,
                         const run_qemu_result *qr, const char *guest_status,
                         const trace_facts *tf, const char *kdiff_html,
                         json_t *ref) {
  if (!o->results_dir) {
    json_decref(ref);
    return;
  }
  if (run_mkdirs(o->results_dir) < 0) {
    fprintf(stderr, "%s: %s\n", o->results_dir, strerror(errno));
    json_decref(ref);
    return;
  }
  json_t *j = json_object();
  json_object_set_new(j, "id", json_string(o->id));
  json_object_set_new(j, "arch", json_string(o->arch));
  json_object_set_new(j, "verdict",
                      json_string(vr ? verdict_name(vr->v) : "ERROR"));
  if (vr && vr->underlying != vr->v)
    json_object_set_new(j, "underlying",
                        json_string(verdict_name(vr->underlying)));
  json_object_set_new(j, "why", json_string(vr ? vr->why : message));
  if (reason)
    json_object_set_new(j, "reason", json_string(reason));
  if (kdiff_html && *kdiff_html)
    json_object_set_new(j, "kdiff_html", json_string(kdiff_html));
  if (ref)
    json_object_set_new(j, "reference", ref);
  if (lr) {
    json_t *l = json_object();
    json_object_set_new(l, "program", json_string(o->linux_bin));
    json_object_set_new(l, "stdout", result_bytes(lr->out.data, lr->out.len));
    json_object_set_new(l, "stderr", result_bytes(lr->err.data, lr->err.len));
    json_object_set_new(l, "status", json_string(linux_status));
    json_object_set_new(l, "seconds", json_real(lr->seconds));
    json_object_set_new(j, "linux", l);
  }
  if (qr) {
    char qs[600];
    json_t *g = json_object();
    json_object_set_new(g, "image", json_string(o->image));
    json_object_set_new(g, "stdout",
                        result_bytes(qr->console.data, qr->console.len));
    json_object_set_new(g, "status", json_string(guest_status));
    json_object_set_new(g, "seconds", json_real(qr->qemu.seconds));
    json_object_set_new(
        g, "qemu_status",
        json_string(run_describe(&qr->qemu, o->timeout_s, qs, sizeof qs)));
    json_object_set_new(g, "qemu_stderr",
                        result_bytes(qr->qemu.err.data, qr->qemu.err.len));
    if (tf && tf->panicked)
      json_object_set_new(g, "panic", json_string(tf->panic));
    json_object_set_new(j, "libos", g);
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.%s.json", o->results_dir, o->id, o->arch);
  if (result_write(path, j) < 0)
    fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
  json_decref(j);
}

static void trouble(const contract_opts *o, const char *fmt, const char *a,
                    const char *b) {
  char msg[1024];
  snprintf(msg, sizeof msg, fmt, a, b);
  fprintf(stderr, "%s/%s: ERROR: harness trouble: %s\n", o->id, o->arch, msg);
  write_result(o, NULL, NULL, msg, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* With tracing on: kdiff's report for this test, or why there is none;
 * its HTML page goes to html (left empty when kdiff wrote none). */
static void run_kdiff(const contract_opts *o, char *html, size_t n) {
  char page[4096];
  snprintf(page, sizeof page, "%s/%s.%s.kdiff.html", o->work_dir, o->id,
           o->arch);
  unlink(page);
  html[0] = 0;
  printf("\n--- tracing: %s %s --arch %s --reference %s\n", o->kdiff, o->id,
         o->arch, o->reference_vm ? "vm" : "native");
  if (!o->kdiff || access(o->kdiff, X_OK) < 0) {
    printf("kdiff is not built (no executable at %s): build the 'kdiff' target "
           "to get the syscall-level report\n",
           o->kdiff ? o->kdiff : "(unset)");
    return;
  }
  /* The same reference as the verdict's. */
  const char *argv[] = {
      o->kdiff, o->id, "--arch",      o->arch,
      "--html", page,  "--reference", o->reference_vm ? "vm" : "native",
      NULL};
  run_result r;
  double limit = 2 * (o->timeout_s + o->linux_timeout_s) + 30;
  if (run_process(argv, limit, &r) < 0 || r.end == RUN_FAILED) {
    printf("kdiff could not run: %s\n", r.error);
  } else {
    fwrite(r.out.data, 1, r.out.len, stdout);
    fwrite(r.err.data, 1, r.err.len, stdout);
    char d[600];
    printf("--- kdiff: %s\n", run_describe(&r, limit, d, sizeof d));
    if (access(page, R_OK) == 0) {
      snprintf(html, n, "%s", page);
      printf("kdiff's HTML page: %s\n", page);
    }
  }
  run_result_free(&r);
}

static void show(const contract_opts *o, const verdict_result *vr,
                 const char *reason, const run_result *lr, const char *ls,
                 const run_qemu_result *qr, const char *gs,
                 const trace_facts *tf, const char *refdesc,
                 const char *ref_console) {
  printf("%s/%s: %s", o->id, o->arch, verdict_name(vr->v));
  if (vr->underlying != vr->v)
    printf(" (%s)", verdict_name(vr->underlying));
  printf(": %s [reference: %s]\n", vr->why, refdesc);
  if (reason)
    printf("known divergence: %s\n", reason);
  if (vr->v == V_PASS)
    return;
  char la[4200], ga[4200];
  snprintf(la, sizeof la, "linux %s stdout (%s%s)",
           o->reference_vm ? o->arch : "x86_64", o->linux_bin,
           o->reference_vm ? ", in the reference VM" : "");
  snprintf(ga, sizeof ga, "libos %s console (%s)", o->arch, o->image);
  linediff_print(stdout, la, lr->out.data, lr->out.len, ga, qr->console.data,
                 qr->console.len, SHOW_MAX_LINES);
  char qs[600];
  printf("exit status: linux %s | libos %s (QEMU: %s)\n", ls, gs,
         run_describe(&qr->qemu, o->timeout_s, qs, sizeof qs));
  printf("time: linux %.2f s | libos %.2f s\n", lr->seconds, qr->qemu.seconds);
  if (vr->underlying == V_TIMEOUT && qr->qemu.end == RUN_TIMED_OUT)
    printf(
        "QEMU was killed with its process group after %.1f s; the output above "
        "is what it wrote until then\n",
        o->timeout_s);
  if (tf->panicked)
    printf("panic record: %s\n", tf->panic);
  if (ref_console && *ref_console) {
    printf("reference VM console (from the test's start):\n");
    linediff_print_block(stdout, "  ", ref_console, strlen(ref_console),
                         SHOW_MAX_LINES);
  }
  if (lr->err.len) {
    printf("linux stderr:\n");
    linediff_print_block(stdout, "  ", lr->err.data, lr->err.len,
                         SHOW_MAX_LINES);
  }
  if (qr->qemu.err.len) {
    printf("QEMU stderr:\n");
    linediff_print_block(stdout, "  ", qr->qemu.err.data, qr->qemu.err.len, 40);
  }
  printf("trace channel: %s/%s.%s.trace (%zu records)\n", o->work_dir, o->id,
         o->arch, tf->records);
}

/* The reference's run: the host's Linux, or the reference VM (from its
 * cache or a boot). Fills lr (as run_native() does) and a description of
 * the reference; returns -1 after reporting trouble. */
static int linux_side(const contract_opts *o, char *out_file, char *err_file,
                      run_result *lr, ref_answer *ra, char *desc, size_t dl) {
  /* Both arches may run the same Linux program at once under ctest -j: its
   * saved outputs are named per arch so they never clash. */
  snprintf(out_file, 4096, "%s/%s.%s.linux.stdout", o->work_dir, o->id,
           o->arch);
  snprintf(err_file, 4096, "%s/%s.%s.linux.stderr", o->work_dir, o->id,
           o->arch);
  if (o->reference_vm) {
    char err[2048];
    if (ref_get(&o->ref, o->id, o->linux_bin, ra, err, sizeof err) < 0) {
      trouble(o, "reference VM: %s%s", err, "");
      ref_answer_free(ra);
      return -1;
    }
    char k[600];
    snprintf(desc, dl, "vm: Linux %s in QEMU%s",
             ref_kernel_describe(ra->kernel, k, sizeof k),
             ra->cached ? ", cached" : "");
    *lr = ra->lr;
    ra->lr = (run_result){0};
    /* The VM hung or died around the test: no status of its own. The
     * verdict says so (contract_run); here it only must not be trouble. */
    if (lr->end == RUN_FAILED)
      lr->end = RUN_TIMED_OUT;
    run_write_file(out_file, lr->out.data, lr->out.len);
    run_write_file(err_file, lr->err.data, lr->err.len);
    return 0;
  }
  /* stdout to a pipe, as musl will see it in the image. */
  const char *argv[] = {o->linux_bin, NULL};
  run_native_opts no = {.argv = argv,
                        .timeout_s = o->linux_timeout_s,
                        .host_tmp = !run_sandbox_default(),
                        .stdout_file = out_file,
                        .stderr_file = err_file};
  if (run_native(&no, lr) < 0 || lr->end == RUN_FAILED) {
    trouble(o, "Linux run: %s%s", lr->error, "");
    run_result_free(lr);
    return -1;
  }
  struct utsname u;
  uname(&u);
  snprintf(desc, dl, "native: x86_64 Linux %s on this host", u.release);
  return 0;
}

/* The result file's "reference": which Linux this verdict was against. */
static json_t *reference_json(const contract_opts *o, const ref_answer *ra,
                              const char *desc) {
  json_t *r = json_object();
  json_object_set_new(r, "kind",
                      json_string(o->reference_vm ? "vm" : "native"));
  json_object_set_new(r, "arch",
                      json_string(o->reference_vm ? o->arch : "x86_64"));
  json_object_set_new(r, "describe", json_string(desc));
  if (o->reference_vm) {
    json_object_set_new(r, "kernel", json_string(ra->kernel));
    json_object_set_new(r, "kernel_image", json_string(o->ref.kernel));
    json_object_set_new(r, "cached", json_boolean(ra->cached));
  }
  return r;
}

int contract_run(const contract_opts *o) {
  known_list known = {0};
  char err[1024];
  if (o->known_file && known_load(o->known_file, &known, err, sizeof err) < 0) {
    trouble(o, "%s%s", err, "");
    return 2;
  }
  const known_entry *ke =
      known_find(&known, o->id, o->arch, o->reference_vm ? "vm" : "native");
  const char *reason = ke ? ke->reason : NULL;
  if (access(o->linux_bin, X_OK) < 0) {
    trouble(o, "no Linux program at %s (%s); build contract_programs_x86_64",
            o->linux_bin, strerror(errno));
    known_free(&known);
    return 2;
  }
  if (access(o->image, R_OK) < 0) {
    char hint[200];
    snprintf(hint, sizeof hint, "%s; build kernel_%s", strerror(errno),
             o->arch);
    trouble(o, "no image at %s (%s)", o->image, hint);
    known_free(&known);
    return 2;
  }
  if (run_mkdirs(o->work_dir) < 0) {
    trouble(o, "cannot create %s: %s", o->work_dir, strerror(errno));
    known_free(&known);
    return 2;
  }
  char out_file[4096], err_file[4096], console[4096], trace[4096];
  snprintf(console, sizeof console, "%s/%s.%s.console", o->work_dir, o->id,
           o->arch);
  snprintf(trace, sizeof trace, "%s/%s.%s.trace", o->work_dir, o->id, o->arch);

  run_result lr;
  ref_answer ra = {.outcome = REF_ENDED};
  char refdesc[700];
  if (linux_side(o, out_file, err_file, &lr, &ra, refdesc, sizeof refdesc) <
      0) {
    known_free(&known);
    return 2;
  }

  const char *cmdline = o->cmdline ? o->cmdline
                        : o->trace ? "debug=syscall --"
                                   : "debug=none --";
  run_qemu_opts qo = {.template_file = o->qemu_template,
                      .image = o->image,
                      .cmdline = cmdline,
                      .console_file = console,
                      .trace_file = trace,
                      .accel = o->accel,
                      .timeout_s = o->timeout_s,
                      .memory = o->memory};
  run_qemu_result qr;
  if (run_qemu(&qo, &qr) < 0 || qr.qemu.end == RUN_FAILED) {
    trouble(o, "QEMU run: %s%s", qr.qemu.error, "");
    run_qemu_result_free(&qr);
    run_result_free(&lr);
    ref_answer_free(&ra);
    known_free(&known);
    return 2;
  }
  trace_facts tf;
  exit_record_scan(qr.trace.data, qr.trace.len, &tf);

  verdict_input in = {
      .linux_ok = lr.end == RUN_EXITED || lr.end == RUN_SIGNALED,
      .linux_status = exit_status_of_run(&lr),
      .linux_out = lr.out.data,
      .linux_out_len = lr.out.len,
      .guest_timed_out = qr.qemu.end == RUN_TIMED_OUT,
      .guest_panicked = tf.panicked,
      .guest_status = tf.status,
      .guest_out = qr.console.data,
      .guest_out_len = qr.console.len,
      .known = ke != NULL,
      .expect = {ke ? ke->expect_status : NULL, ke ? ke->expect_stdout : NULL,
                 ke && ke->expect_stdout ? strlen(ke->expect_stdout) : 0},
  };
  verdict_result vr = verdict_decide(&in);
  /* A test whose processes outlive it broke CONTRACTS.md's promise of a
   * run that ends; the runner killed them (run.h, "Containment"). */
  char escaped_why[128];
  if (lr.escaped) {
    snprintf(escaped_why, sizeof escaped_why,
             "%d process(es) it started outlived it on Linux (killed)",
             lr.escaped);
    vr.v = vr.underlying = V_LINUX_FAIL;
    vr.why = escaped_why;
  }
  char ls[800], gs[64];
  if (lr.end == RUN_TIMED_OUT)
    run_describe(&lr, o->linux_timeout_s, ls, sizeof ls);
  else
    exit_status_describe(&in.linux_status, ls, sizeof ls);
  /* The reference VM itself went wrong around this test: a hang is a
   * TIMEOUT, a VM that died under it (or never ran it) a LINUX_FAIL; its
   * console is shown. */
  if (ra.outcome == REF_VM_HUNG) {
    vr.v = vr.underlying = V_TIMEOUT;
    vr.why = "the reference VM hung while the test ran (killed)";
    snprintf(ls, sizeof ls, "none: the reference VM hung (%s)", ra.qemu_status);
  } else if (ra.outcome == REF_VM_DIED || ra.outcome == REF_NOT_RUN) {
    vr.v = vr.underlying = V_LINUX_FAIL;
    vr.why = ra.outcome == REF_VM_DIED
                 ? "the reference VM died while the test ran"
                 : "the reference VM ended before it ran the test";
    snprintf(ls, sizeof ls, "none: the reference VM ended (%s)",
             ra.qemu_status);
  }
  exit_status_describe(&tf.status, gs, sizeof gs);
  if (tf.status.kind == ST_NONE)
    snprintf(gs, sizeof gs, "no exit record");

  show(o, &vr, reason, &lr, ls, &qr, gs, &tf, refdesc, ra.console);
  char html[4096] = "";
  if (o->trace && vr.v != V_PASS)
    run_kdiff(o, html, sizeof html);
  fflush(stdout);
  write_result(o, &vr, reason, NULL, &lr, ls, &qr, gs, &tf, html,
               reference_json(o, &ra, refdesc));
  ref_answer_free(&ra);

  run_qemu_result_free(&qr);
  run_result_free(&lr);
  known_free(&known);
  return verdict_ok(vr.v) ? 0 : 1;
}
