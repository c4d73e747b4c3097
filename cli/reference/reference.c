/* ref_get() and ref_batch(): the cache in front of the reference VM. */
#include "reference.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sha256.h"

const char *ref_kernel_package(const char *arch) {
  return !strcmp(arch, "arm64") ? "linux-image-cloud-arm64:arm64"
                                : "linux-image-cloud-amd64";
}

char *ref_default_kernel(const char *arch) {
  const char *suffix = !strcmp(arch, "arm64") ? "-cloud-arm64" : "-cloud-amd64";
  DIR *d = opendir("/boot");
  if (!d)
    return NULL;
  char best[512] = "";
  struct dirent *de;
  size_t sl = strlen(suffix);
  while ((de = readdir(d))) {
    size_t l = strlen(de->d_name);
    if (strncmp(de->d_name, "vmlinuz-", 8) || l < 8 + sl ||
        strcmp(de->d_name + l - sl, suffix))
      continue;
    if (!best[0] || strverscmp(de->d_name, best) > 0)
      snprintf(best, sizeof best, "%s", de->d_name);
  }
  closedir(d);
  char *p = NULL;
  if (best[0] && asprintf(&p, "/boot/%s", best) < 0)
    p = NULL;
  return p;
}

static char *pathf(const char *build, const char *fmt, const char *arch) {
  char rel[512], *p = NULL;
  snprintf(rel, sizeof rel, fmt, arch);
  if (asprintf(&p, "%s/%s", build, rel) < 0)
    p = NULL;
  return p;
}

void ref_config_defaults(ref_config *c, const char *build, const char *arch,
                         double test_timeout_s, run_accel accel) {
  c->arch = arch;
  c->kernel_package = ref_kernel_package(arch);
  if (!c->kernel)
    c->kernel = ref_default_kernel(arch);
  if (!c->init)
    c->init = pathf(build, "reference/%s/kdiff-ref-init", arch);
  if (!c->template_file)
    c->template_file = pathf(build, "reference/qemu-%s.txt", arch);
  if (!c->mkinitramfs)
    c->mkinitramfs = pathf(build, "reference/mkinitramfs.sh%s", "");
  if (!c->cache_dir)
    c->cache_dir = pathf(build, "reference/%s/cache", arch);
  if (!c->work_dir)
    c->work_dir = pathf(build, "reference/%s/work", arch);
  if (c->idle_s <= 0) /* a healthy VM reports at least once a test */
    c->idle_s = test_timeout_s + 30;
  c->test_timeout_s = test_timeout_s;
  c->accel = accel;
}

int ref_check(const ref_config *c, char *err, size_t errlen) {
  if (!c->kernel || access(c->kernel, R_OK) < 0) {
    snprintf(err, errlen,
             "no reference kernel for %s at %s: install it with "
             "apt-get install %s (.ci/install-deps does), or choose "
             "-DKDIFF_REFERENCE=native",
             c->arch, c->kernel ? c->kernel : "(none found in /boot)",
             c->kernel_package ? c->kernel_package : "a Debian kernel");
    return -1;
  }
  if (!c->init || access(c->init, R_OK) < 0) {
    snprintf(err, errlen, "no reference init at %s: build kdiff_ref_init_%s",
             c->init ? c->init : "(unset)", c->arch);
    return -1;
  }
  if (!c->template_file || access(c->template_file, R_OK) < 0) {
    snprintf(err, errlen, "no reference QEMU template at %s",
             c->template_file ? c->template_file : "(unset)");
    return -1;
  }
  if (!c->mkinitramfs || access(c->mkinitramfs, R_OK) < 0) {
    snprintf(err, errlen, "no initramfs builder at %s",
             c->mkinitramfs ? c->mkinitramfs : "(unset)");
    return -1;
  }
  return 0;
}

/* The kernel image's SHA-256, remembered beside the cache with its size
 * and mtime, so that a suite hashes the 30 MB image once, not per test. */
static int kernel_hash(const ref_config *c, char hex[65]) {
  struct stat st;
  if (stat(c->kernel, &st) < 0)
    return -1;
  char stamp[4096], line[8192], want[4200];
  snprintf(stamp, sizeof stamp, "%s/kernel.stamp", c->cache_dir);
  snprintf(want, sizeof want, "%lld %lld.%09ld %s", (long long)st.st_size,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, c->kernel);
  FILE *f = fopen(stamp, "re");
  if (f) {
    int hit = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *sp = hit ? strchr(line, ' ') : NULL;
    if (sp && sp - line == 64) {
      line[strcspn(line, "\n")] = 0;
      if (!strcmp(sp + 1, want)) {
        memcpy(hex, line, 64);
        hex[64] = 0;
        return 0;
      }
    }
  }
  if (sha256_file(c->kernel, hex) < 0)
    return -1;
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.%ld", stamp, (long)getpid());
  f = fopen(tmp, "we");
  if (f) {
    fprintf(f, "%s %s\n", hex, want);
    if (fclose(f) == 0)
      rename(tmp, stamp);
    else
      unlink(tmp);
  }
  return 0;
}

/* <cache_dir>/<id>.<sha(program)>-<sha(kernel):16>-<sha(machine):16>.json,
 * the machine being init, the QEMU template, -m and the accelerator. */
static int entry_path(const ref_config *c, const char *kernel_sha,
                      const char *init_sha, const char *id, const char *program,
                      char *path, size_t len, char *err, size_t errlen) {
  char ps[65];
  if (sha256_file(program, ps) < 0) {
    snprintf(err, errlen, "cannot read %s: %s", program, strerror(errno));
    return -1;
  }
  snprintf(path, len, "%s/%s.%s-%.16s-%.16s.json", c->cache_dir, id, ps,
           kernel_sha, init_sha);
  return 0;
}

static int keys(const ref_config *c, char ks[65], char is[65], char *err,
                size_t errlen) {
  if (ref_check(c, err, errlen) < 0)
    return -1;
  if (run_mkdirs(c->cache_dir) < 0 || run_mkdirs(c->work_dir) < 0) {
    snprintf(err, errlen, "cannot create %s / %s: %s", c->cache_dir,
             c->work_dir, strerror(errno));
    return -1;
  }
  char ts[65];
  if (kernel_hash(c, ks) < 0 || sha256_file(c->init, is) < 0 ||
      sha256_file(c->template_file, ts) < 0) {
    snprintf(err, errlen, "cannot read %s / %s / %s: %s", c->kernel, c->init,
             c->template_file, strerror(errno));
    return -1;
  }
  /* What the test ran on besides the kernel: a changed template (another
   * -cpu, as la57=off was) must not reuse the old answers. */
  sha256_ctx m;
  sha256_init(&m);
  sha256_update(&m, is, 64);
  sha256_update(&m, ts, 64);
  const char *mem = c->memory ? c->memory : "";
  sha256_update(&m, mem, strlen(mem) + 1);
  sha256_update(&m, &c->accel, sizeof c->accel);
  sha256_hex(&m, is);
  return 0;
}

static json_t *hex_of(const char *p, size_t n) {
  char *h = malloc(2 * n + 1);
  if (!h)
    return NULL;
  for (size_t i = 0; i < n; i++)
    snprintf(h + 2 * i, 3, "%02x", (unsigned char)p[i]);
  h[2 * n] = 0;
  json_t *s = json_string(h);
  free(h);
  return s;
}

static int unhex(const char *h, run_buf *b) {
  size_t n = h ? strlen(h) : 0;
  if (n % 2)
    return -1;
  b->data = malloc(n / 2 + 1);
  if (!b->data)
    return -1;
  for (size_t i = 0; i < n / 2; i++) {
    unsigned v;
    if (sscanf(h + 2 * i, "%2x", &v) != 1)
      return -1;
    b->data[i] = (char)v;
  }
  b->len = n / 2;
  b->data[b->len] = 0;
  return 0;
}

static void store(const ref_config *c, const char *path, const ref_test *t,
                  const char *kernel) {
  json_t *j = json_object();
  json_object_set_new(j, "id", json_string(t->id));
  json_object_set_new(j, "arch", json_string(c->arch));
  json_object_set_new(j, "kernel", json_string(kernel));
  json_object_set_new(j, "kernel_image", json_string(c->kernel));
  /* A test that ran out of time is cached too (it would cost its whole
   * limit at every run), with the limit it had. */
  json_object_set_new(j, "end",
                      json_string(t->outcome == REF_TIMED_OUT ? "timeout"
                                  : t->signaled               ? "signal"
                                                              : "exit"));
  if (t->outcome == REF_TIMED_OUT)
    json_object_set_new(j, "timeout_s", json_real(c->test_timeout_s));
  json_object_set_new(j, "code", json_integer(t->code));
  json_object_set_new(j, "seconds", json_real(t->seconds));
  json_object_set_new(j, "escaped", json_integer(t->escaped));
  json_object_set_new(j, "stdout_hex", hex_of(t->out.data, t->out.len));
  json_object_set_new(j, "stderr_hex", hex_of(t->err.data, t->err.len));
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  if (json_dump_file(j, tmp, JSON_INDENT(1) | JSON_SORT_KEYS) == 0)
    rename(tmp, path);
  else
    unlink(tmp);
  json_decref(j);
}

/* Fill a from a cache entry; 0, or -1 when there is none (or a bad one,
 * or a time out under another limit than limit_s). */
static int load(const char *path, ref_answer *a, double limit_s) {
  json_t *j = json_load_file(path, 0, NULL);
  if (!j)
    return -1;
  const char *end = json_string_value(json_object_get(j, "end"));
  if (end && !strcmp(end, "timeout") &&
      json_real_value(json_object_get(j, "timeout_s")) != limit_s)
    end = NULL;
  const char *k = json_string_value(json_object_get(j, "kernel"));
  int rc = -1;
  run_result *r = &a->lr;
  if (end && k &&
      unhex(json_string_value(json_object_get(j, "stdout_hex")), &r->out) ==
          0 &&
      unhex(json_string_value(json_object_get(j, "stderr_hex")), &r->err) ==
          0) {
    r->end = !strcmp(end, "signal")    ? RUN_SIGNALED
             : !strcmp(end, "timeout") ? RUN_TIMED_OUT
                                       : RUN_EXITED;
    r->code = (int)json_integer_value(json_object_get(j, "code"));
    r->seconds = json_real_value(json_object_get(j, "seconds"));
    r->escaped = (int)json_integer_value(json_object_get(j, "escaped"));
    snprintf(a->kernel, sizeof a->kernel, "%s", k);
    a->outcome = r->end == RUN_TIMED_OUT ? REF_TIMED_OUT : REF_ENDED;
    a->cached = 1;
    rc = 0;
  } else {
    run_result_free(r);
  }
  json_decref(j);
  return rc;
}

static void vm_opts(const ref_config *c, const char *tag, ref_vm_opts *o) {
  *o = (ref_vm_opts){.kernel = c->kernel,
                     .init = c->init,
                     .mkinitramfs = c->mkinitramfs,
                     .template_file = c->template_file,
                     .work_dir = c->work_dir,
                     .tag = tag,
                     .memory = c->memory,
                     .accel = c->accel,
                     .test_timeout_s = c->test_timeout_s,
                     .idle_s = c->idle_s};
}

static int boot_one(const ref_config *c, const char *tracer, const char *id,
                    const char *program, const char *path, ref_answer *a,
                    run_buf *trace, char *err, size_t errlen);

int ref_get(const ref_config *c, const char *id, const char *program,
            ref_answer *a, char *err, size_t errlen) {
  memset(a, 0, sizeof *a);
  a->lr.end = RUN_FAILED;
  char ks[65], is[65], path[4096];
  if (keys(c, ks, is, err, errlen) < 0 ||
      entry_path(c, ks, is, id, program, path, sizeof path, err, errlen) < 0)
    return -1;
  if (load(path, a, c->test_timeout_s) == 0)
    return 0;
  return boot_one(c, NULL, id, program, path, a, NULL, err, errlen);
}

int ref_trace(const ref_config *c, const char *tracer, const char *id,
              const char *program, ref_answer *a, run_buf *trace, char *err,
              size_t errlen) {
  memset(a, 0, sizeof *a);
  a->lr.end = RUN_FAILED;
  *trace = (run_buf){0};
  char ks[65], is[65];
  if (keys(c, ks, is, err, errlen) < 0)
    return -1;
  return boot_one(c, tracer, id, program, NULL, a, trace, err, errlen);
}

/* One VM for one test (under tracer when non-NULL); a clean result goes
 * to the cache entry path (NULL: not cached). */
static int boot_one(const ref_config *c, const char *tracer, const char *id,
                    const char *program, const char *path, ref_answer *a,
                    run_buf *trace, char *err, size_t errlen) {
  ref_test t = {.id = id, .program = program};
  ref_vm_opts o;
  vm_opts(c, id, &o);
  o.tracer = tracer;
  ref_vm_result vr;
  if (ref_vm_run(&o, &t, 1, &vr, err, errlen) < 0) {
    ref_vm_result_free(&vr);
    return -1;
  }
  snprintf(a->kernel, sizeof a->kernel, "%s", vr.kernel);
  run_describe(&vr.qemu, c->idle_s, a->qemu_status, sizeof a->qemu_status);
  a->outcome = t.outcome;
  a->lr.out = t.out;
  a->lr.err = t.err;
  t.out = t.err = (run_buf){0};
  if (trace) {
    *trace = t.trace;
    t.trace = (run_buf){0};
  }
  if (!a->lr.out.data)
    a->lr.out.data = calloc(1, 1);
  if (!a->lr.err.data)
    a->lr.err.data = calloc(1, 1);
  a->lr.seconds = t.seconds;
  a->lr.escaped = t.escaped;
  a->lr.code = t.code;
  switch (t.outcome) {
  case REF_ENDED:
    a->lr.end = t.signaled ? RUN_SIGNALED : RUN_EXITED;
    if (path)
      store(c, path,
            &(ref_test){.id = id,
                        .outcome = t.outcome,
                        .signaled = t.signaled,
                        .code = t.code,
                        .seconds = t.seconds,
                        .escaped = t.escaped,
                        .out = a->lr.out,
                        .err = a->lr.err},
            vr.kernel);
    break;
  case REF_TIMED_OUT:
    a->lr.end = RUN_TIMED_OUT;
    a->lr.seconds = c->test_timeout_s;
    store(
        c, path,
        &(ref_test){
            .id = id, .outcome = t.outcome, .out = a->lr.out, .err = a->lr.err},
        vr.kernel);
    break;
  default: /* the VM hung, died, or never ran it */
    a->lr.end = RUN_FAILED;
    a->lr.seconds = vr.qemu.seconds;
    a->console = ref_console_excerpt(&vr.console, id);
    break;
  }
  ref_vm_result_free(&vr);
  ref_test_free(&t);
  return 0;
}

void ref_answer_free(ref_answer *a) {
  run_result_free(&a->lr);
  free(a->console);
  a->console = NULL;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One worker: boots for its tests until each has run or a boot made no
 * progress; caches the clean results. Returns the number of boots. */
static int run_chunk(const ref_config *c, ref_test *t, char **paths, size_t n,
                     int worker, FILE *log) {
  int boots = 0;
  size_t start = 0;
  while (start < n) {
    char tag[64];
    snprintf(tag, sizeof tag, "batch.%d.%d", worker, boots);
    ref_vm_opts o;
    vm_opts(c, tag, &o);
    ref_vm_result vr;
    char err[1024];
    boots++;
    if (ref_vm_run(&o, t + start, n - start, &vr, err, sizeof err) < 0) {
      fprintf(log, "reference %s: boot %s: %s\n", c->arch, tag, err);
      ref_vm_result_free(&vr);
      return boots;
    }
    size_t next = n;
    for (size_t i = start; i < n; i++) {
      if (t[i].outcome == REF_ENDED || t[i].outcome == REF_TIMED_OUT)
        store(c, paths[i], &t[i], vr.kernel);
      if (t[i].outcome == REF_VM_HUNG || t[i].outcome == REF_VM_DIED) {
        /* Its own run (ref_get) will show what happened; the rest get a
         * new boot. */
        fprintf(log, "reference %s: the VM %s while %s ran (console: %s)\n",
                c->arch, t[i].outcome == REF_VM_HUNG ? "hung" : "died", t[i].id,
                vr.console_file);
        next = i + 1;
        break;
      }
      if (t[i].outcome == REF_NOT_RUN) {
        fprintf(log, "reference %s: the VM ended before %s (%s)\n", c->arch,
                t[i].id, vr.console_file);
        next = i == start ? n : i; /* no progress at all: give up */
        break;
      }
    }
    ref_vm_result_free(&vr);
    start = next;
  }
  return boots;
}

int ref_batch(const ref_config *c, const char *const *ids,
              const char *const *programs, size_t n, int jobs, FILE *log,
              char *err, size_t errlen) {
  char ks[65], is[65];
  if (keys(c, ks, is, err, errlen) < 0)
    return -1;
  double t0 = now_s();
  ref_test *todo = calloc(n + 1, sizeof *todo);
  char **paths = calloc(n + 1, sizeof *paths);
  if (!todo || !paths) {
    free(todo);
    free(paths);
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  size_t m = 0, cached = 0;
  for (size_t i = 0; i < n; i++) {
    char path[4096], e[1024];
    if (entry_path(c, ks, is, ids[i], programs[i], path, sizeof path, e,
                   sizeof e) < 0) {
      fprintf(log, "reference %s: %s\n", c->arch, e);
      continue;
    }
    if (access(path, R_OK) == 0) {
      cached++;
      continue;
    }
    todo[m] = (ref_test){.id = ids[i], .program = programs[i]};
    paths[m++] = strdup(path);
  }
  if (jobs < 1)
    jobs = 1;
  if ((size_t)jobs > m)
    jobs = m ? (int)m : 1;
  /* Contiguous slices, one VM each, in forked workers (kdiff_run's runs
   * must not overlap within one process). */
  int boots = 0;
  if (m && jobs == 1) {
    boots = run_chunk(c, todo, paths, m, 0, log);
  } else if (m) {
    pid_t pids[64];
    int started = 0;
    for (int w = 0; w < jobs && w < 64; w++) {
      size_t a = m * (size_t)w / (size_t)jobs,
             b = m * (size_t)(w + 1) / (size_t)jobs;
      fflush(log);
      pid_t p = fork();
      if (p == 0) {
        int nb = run_chunk(c, todo + a, paths + a, b - a, w, log);
        fflush(log);
        _exit(nb > 125 ? 125 : nb);
      }
      if (p > 0)
        pids[started++] = p;
    }
    for (int w = 0; w < started; w++) {
      int st;
      while (waitpid(pids[w], &st, 0) < 0 && errno == EINTR)
        ;
      if (WIFEXITED(st))
        boots += WEXITSTATUS(st);
    }
  }
  size_t ran = 0;
  for (size_t i = 0; i < m; i++) {
    if (access(paths[i], R_OK) == 0)
      ran++;
    ref_test_free(&todo[i]);
    free(paths[i]);
  }
  free(todo);
  free(paths);
  fprintf(log,
          "reference %s: %zu tests: %zu cached, %zu run in %d boot(s) of %s "
          "(%d at once), %zu without a clean result; %.1f s\n",
          c->arch, n, cached, ran, boots, c->kernel, jobs, m - ran,
          now_s() - t0);
  return 0;
}
