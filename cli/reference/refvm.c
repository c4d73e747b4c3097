/* ref_vm_run(): build the batch's initramfs, boot, parse the results port. */
#include "refvm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void buf_set(run_buf *b, const char *p, size_t n) {
  free(b->data);
  b->data = malloc(n + 1);
  b->len = 0;
  if (!b->data)
    return;
  memcpy(b->data, p, n);
  b->data[n] = 0;
  b->len = n;
}

static ref_test *find(ref_test *t, size_t n, const char *id, size_t idlen) {
  for (size_t i = 0; i < n; i++)
    if (strlen(t[i].id) == idlen && !memcmp(t[i].id, id, idlen))
      return &t[i];
  return NULL;
}

void ref_parse(const char *data, size_t len, ref_test *tests, size_t n,
               char *kernel, size_t kernel_len, int *done) {
  *done = 0;
  if (kernel_len)
    kernel[0] = 0;
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(data + i, '\n', len - i);
    if (!nl)
      break; /* a line cut off: the VM went away mid-write */
    const char *line = data + i;
    size_t ll = (size_t)(nl - line);
    i = (size_t)(nl - data) + 1;
    if (ll > 12 && !memcmp(line, "KDIFF-REF 1 ", 12)) {
      snprintf(kernel, kernel_len, "%.*s", (int)(ll - 12), line + 12);
    } else if (ll == 4 && !memcmp(line, "DONE", 4)) {
      *done = 1;
    } else if (ll > 2 && !memcmp(line, "S ", 2)) {
      ref_test *t = find(tests, n, line + 2, ll - 2);
      if (t)
        t->outcome = REF_VM_DIED; /* until its result says otherwise */
    } else if (ll > 2 && !memcmp(line, "X ", 2)) {
      char hdr[1024], id[512];
      size_t tl;
      snprintf(hdr, sizeof hdr, "%.*s", (int)ll, line);
      if (sscanf(hdr, "X %511s %zu", id, &tl) != 2)
        continue;
      if (tl > len - i)
        break; /* cut off */
      ref_test *t = find(tests, n, id, strlen(id));
      if (t)
        buf_set(&t->trace, data + i, tl);
      i += tl;
      if (i < len && data[i] == '\n')
        i++;
    } else if (ll > 2 && !memcmp(line, "R ", 2)) {
      char hdr[1024], id[512], kind[16];
      int code, to, esc;
      long ms;
      size_t ol, el;
      snprintf(hdr, sizeof hdr, "%.*s", (int)ll, line);
      if (sscanf(hdr, "R %511s %15s %d %ld %d %d %zu %zu", id, kind, &code, &ms,
                 &to, &esc, &ol, &el) != 8)
        continue;
      if (ol > len - i || el > len - i - ol)
        break; /* the payload was cut off */
      ref_test *t = find(tests, n, id, strlen(id));
      if (t) {
        t->outcome = to ? REF_TIMED_OUT : REF_ENDED;
        t->signaled = !strcmp(kind, "signal");
        t->code = code;
        t->seconds = ms / 1000.0;
        t->escaped = esc;
        buf_set(&t->out, data + i, ol);
        buf_set(&t->err, data + i + ol, el);
      }
      i += ol + el;
      if (i < len && data[i] == '\n')
        i++;
    }
  }
}

static int file_ok(const char *what, const char *path, char *err,
                   size_t errlen) {
  if (path && access(path, R_OK) == 0)
    return 1;
  snprintf(err, errlen, "no %s at %s (%s)", what, path ? path : "(unset)",
           path ? strerror(errno) : "not configured");
  return 0;
}

int ref_vm_run(const ref_vm_opts *o, ref_test *tests, size_t n,
               ref_vm_result *r, char *err, size_t errlen) {
  memset(r, 0, sizeof *r);
  r->qemu.end = RUN_FAILED;
  if (!file_ok("reference init", o->init, err, errlen) ||
      !file_ok("initramfs builder", o->mkinitramfs, err, errlen) ||
      !file_ok("reference QEMU template", o->template_file, err, errlen) ||
      (o->tracer && !file_ok("reference tracer", o->tracer, err, errlen)))
    return -1;
  char initrd[4096];
  snprintf(initrd, sizeof initrd, "%s/%s.cpio.gz", o->work_dir, o->tag);
  snprintf(r->console_file, sizeof r->console_file, "%s/%s.console",
           o->work_dir, o->tag);

  /* mkinitramfs.sh OUT INIT ID=PROGRAM... */
  const char **argv = calloc(n + 6, sizeof *argv);
  char **pairs = calloc(n + 1, sizeof *pairs);
  if (!argv || !pairs) {
    free(argv);
    free(pairs);
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  argv[0] = "sh";
  argv[1] = o->mkinitramfs;
  argv[2] = initrd;
  argv[3] = o->init;
  char tracer_arg[4200];
  size_t a0 = 4;
  if (o->tracer) {
    snprintf(tracer_arg, sizeof tracer_arg, "--tracer=%s", o->tracer);
    argv[a0++] = tracer_arg;
  }
  for (size_t i = 0; i < n; i++) {
    tests[i].outcome = REF_NOT_RUN;
    size_t l = strlen(tests[i].id) + strlen(tests[i].program) + 2;
    pairs[i] = malloc(l);
    if (pairs[i])
      snprintf(pairs[i], l, "%s=%s", tests[i].id, tests[i].program);
    argv[a0 + i] = pairs[i] ? pairs[i] : "";
  }
  run_result mk;
  int rc = run_process(argv, 120, &mk);
  for (size_t i = 0; i < n; i++)
    free(pairs[i]);
  free(pairs);
  free(argv);
  if (rc < 0 || mk.end != RUN_EXITED || mk.code != 0) {
    char d[600];
    snprintf(err, errlen, "cannot build the initramfs %s: %s%s%s", initrd,
             rc < 0 ? mk.error : run_describe(&mk, 120, d, sizeof d),
             mk.err.len ? ": " : "", mk.err.len ? mk.err.data : "");
    size_t el = strlen(err);
    while (el && err[el - 1] == '\n')
      err[--el] = 0;
    run_result_free(&mk);
    return -1;
  }
  run_result_free(&mk);

  char cmdline[128];
  snprintf(cmdline, sizeof cmdline, "kdiff_timeout=%g", o->test_timeout_s);
  run_qemu_opts qo = {.template_file = o->template_file,
                      .image = o->kernel,
                      .initrd = initrd,
                      .cmdline = cmdline,
                      .console_file = r->console_file,
                      .trace_file = "",
                      .accel = o->accel,
                      .memory = o->memory};
  char **qargv = NULL;
  if (run_qemu_argv(&qo, &qargv, err, errlen) < 0)
    return -1;
  if (run_write_file(r->console_file, "", 0) < 0) {
    snprintf(err, errlen, "cannot create %s: %s", r->console_file,
             strerror(errno));
    run_argv_free(qargv);
    return -1;
  }
  rc = run_process_idle((const char *const *)qargv, 0, o->idle_s, &r->qemu);
  run_argv_free(qargv);
  if (rc < 0 || r->qemu.end == RUN_FAILED) {
    snprintf(err, errlen, "QEMU: %s", r->qemu.error);
    return -1;
  }
  run_read_file(r->console_file, &r->console);
  ref_parse(r->qemu.out.data, r->qemu.out.len, tests, n, r->kernel,
            sizeof r->kernel, &r->done);
  if (r->qemu.end == RUN_TIMED_OUT)
    for (size_t i = 0; i < n; i++)
      if (tests[i].outcome == REF_VM_DIED)
        tests[i].outcome = REF_VM_HUNG;
  return 0;
}

char *ref_console_excerpt(const run_buf *console, const char *id) {
  const char *c = console->data ? console->data : "";
  char marker[600];
  snprintf(marker, sizeof marker, "kdiff-ref: start %s\n", id);
  const char *m = strstr(c, marker);
  if (m) {
    while (m > c && m[-1] != '\n')
      m--; /* the whole line, with its timestamp */
    return strdup(m);
  }
  /* No marker: the last 40 lines. */
  const char *p = c + strlen(c);
  for (int lines = 0; p > c && lines <= 40; p--)
    if (p[-1] == '\n')
      lines++;
  return strdup(p);
}

void ref_test_free(ref_test *t) {
  run_buf_free(&t->out);
  run_buf_free(&t->err);
  run_buf_free(&t->trace);
}

void ref_vm_result_free(ref_vm_result *r) {
  run_result_free(&r->qemu);
  run_buf_free(&r->console);
}

const char *ref_kernel_describe(const char *kernel, char *buf, size_t len) {
  snprintf(buf, len, "%s", kernel && *kernel ? kernel : "unknown kernel");
  char *bar = strchr(buf, '|');
  if (bar)
    *bar = ' ';
  return buf;
}
