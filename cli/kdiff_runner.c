/* `kdiff TEST`: find what to run, run it on both sides with kdiff_run
 * (cli/run/run.h), and leave the traces in a fresh directory.
 *
 * Where things are: kdiff lives at BUILD/kdiff, so BUILD is the directory
 * of /proc/self/exe (KDIFF_BUILD_DIR overrides); contract sources are under
 * the source tree's tests/contracts (KDIFF_SOURCE_DIR, set at build time).
 *   contract (id "vm.brk_basic" or stem "brk_basic"):
 *     Linux  BUILD/tests/x86_64/<id>        image  BUILD/images/<arch>/<id>.elf
 *   path/to/test.c: compiled here with musl (x86-64 for Linux, the image's
 *     arch for the payload; tests/contracts on the include path, for
 *     contract.h), linked by BUILD/images/<arch>/link-image.sh
 *   path/to/static-elf: run as is on Linux and linked the same way. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kdiff_runner.h"
#include "reference.h"
#include "run.h"

#ifndef KDIFF_SOURCE_DIR
#define KDIFF_SOURCE_DIR "."
#endif
/* A test.c is compiled as cmake/Contracts.cmake compiles contracts, with
 * tests/contracts on the include path for contract.h. */
#define TEST_CFLAGS                                                            \
  "-static", "-O1", "-std=gnu11", "-Wall", "-Wextra",                          \
      "-I" KDIFF_SOURCE_DIR "/tests/contracts"

static int fail(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
  return -1;
}

/* snprintf for paths: a path that does not fit is cut (and then not found). */
static void pathf(char *out, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void pathf(char *out, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(out, n, fmt, ap);
  va_end(ap);
}

static bool exists(const char *p) {
  return access(p, F_OK) == 0;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_elf(const char *path) {
  unsigned char m[4] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return false;
  ssize_t n = read(fd, m, 4);
  close(fd);
  return n == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
}

/* Why an ELF cannot be a test (NULL: it can): the image loads one static
 * 64-bit little-endian executable, the Linux run needs an x86-64 one. */
static const char *elf_unfit(const char *path) {
  Elf64_Ehdr h;
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return "cannot be read";
  const char *why = NULL;
  if (pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h ||
      h.e_ident[EI_CLASS] != ELFCLASS64 || h.e_ident[EI_DATA] != ELFDATA2LSB)
    why = "is not a 64-bit little-endian ELF";
  else if (h.e_type != ET_EXEC && h.e_type != ET_DYN)
    why = "is not an executable (an object file or core dump?)";
  else if (h.e_machine != EM_X86_64)
    why = "is not an x86-64 program (the Linux run needs one; give the .c "
          "file for arm64)";
  for (unsigned i = 0; !why && i < h.e_phnum && i < 256; i++) {
    Elf64_Phdr ph;
    if (pread(fd, &ph, sizeof ph,
              (off_t)(h.e_phoff + (uint64_t)i * h.e_phentsize)) !=
        (ssize_t)sizeof ph)
      why = "has unreadable program headers";
    else if (ph.p_type == PT_INTERP)
      why = "is dynamically linked: kdiff needs a static binary (musl-gcc "
            "-static)";
  }
  close(fd);
  return why;
}

/* What a file that is no test is, for the message. */
static const char *what_file(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return "cannot be read";
  if (S_ISDIR(st.st_mode))
    return "is a directory";
  if (!S_ISREG(st.st_mode))
    return "is not a regular file";
  if (st.st_size == 0)
    return "is empty";
  unsigned char m[2] = {0};
  int fd = open(path, O_RDONLY);
  ssize_t n = fd >= 0 ? read(fd, m, 2) : -1;
  if (fd >= 0)
    close(fd);
  if (n == 2 && m[0] == '#' && m[1] == '!')
    return "is a script";
  return "is neither C source (.c) nor an ELF program";
}

static void build_dir(char *out, size_t n) {
  const char *env = getenv("KDIFF_BUILD_DIR");
  if (env && *env) {
    pathf(out, n, "%s", env);
    return;
  }
  char exe[PATH_MAX];
  ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (k <= 0) {
    pathf(out, n, ".");
    return;
  }
  exe[k] = 0;
  char *slash = strrchr(exe, '/');
  if (slash)
    *slash = 0;
  pathf(out, n, "%s", exe);
}

/* Finds the contract whose id or stem is `name`. Sets id. */
static int find_contract(const char *name, char *id, size_t n, char *err,
                         size_t errlen) {
  char pattern[PATH_MAX];
  const char *dot = strchr(name, '.');
  if (dot)
    pathf(pattern, sizeof pattern, "%s/tests/contracts/%.*s/%s.c",
          KDIFF_SOURCE_DIR, (int)(dot - name), name, dot + 1);
  else
    pathf(pattern, sizeof pattern, "%s/tests/contracts/*/%s.c",
          KDIFF_SOURCE_DIR, name);
  glob_t g;
  int rc = glob(pattern, 0, NULL, &g);
  if (rc != 0 || g.gl_pathc == 0) {
    globfree(&g);
    return fail(err, errlen, "%s: no such contract test (looked for %s)%s",
                name, pattern,
                strchr(name, '/') ? ""
                                  : ", nor a program of that name in $PATH");
  }
  if (g.gl_pathc > 1) {
    globfree(&g);
    return fail(err, errlen, "%s: ambiguous, give the id <category>.%s", name,
                name);
  }
  const char *path = g.gl_pathv[0];
  const char *file = strrchr(path, '/');
  const char *cat_end = file;
  const char *cat = cat_end - 1;
  while (cat > path && *(cat - 1) != '/')
    cat--;
  pathf(id, n, "%.*s.%.*s", (int)(cat_end - cat), cat,
        (int)(strlen(file + 1) - 2), file + 1);
  globfree(&g);
  return 0;
}

bool kdiff_memory_ok(const char *s) {
  size_t n = strspn(s, "0123456789");
  return n > 0 && n < 8 && (s[n] == 'M' || s[n] == 'G') && s[n + 1] == 0;
}

/* The "contract-memory: SIZE" a test source may hold (out: "" if none). */
static void source_memory(const char *src, char *out, size_t n) {
  static const char tag[] = "contract-memory: ";
  out[0] = 0;
  FILE *f = fopen(src, "r");
  char line[512];
  while (f && fgets(line, sizeof line, f)) {
    const char *t = strstr(line, tag);
    if (!t)
      continue;
    char size[16];
    if (sscanf(t + sizeof tag - 1, "%15[0-9MG]", size) == 1 &&
        kdiff_memory_ok(size))
      snprintf(out, n, "%s", size);
    break;
  }
  if (f)
    fclose(f);
}

/* Runs argv to completion; a non-zero exit is an error showing its stderr. */
static int run_tool(const char *const *argv, char *err, size_t errlen) {
  run_result r = {0};
  int rc = run_process(argv, 300, &r);
  if (rc == 0 && r.end == RUN_EXITED && r.code == 0) {
    run_result_free(&r);
    return 0;
  }
  char how[256];
  fail(err, errlen, "%s failed (%s): %.300s", argv[0],
       run_describe(&r, 300, how, sizeof how),
       r.err.data ? r.err.data : r.error);
  run_result_free(&r);
  return -1;
}

static const char *musl_for(const char *arch) {
  return strcmp(arch, "arm64") == 0 ? "aarch64-linux-musl-gcc" : "musl-gcc";
}

/* A program named without a '/' that is neither a file here nor a
 * contract: the first executable regular file of that name in $PATH, as a
 * shell finds it. False when there is none. */
static bool path_lookup(const char *name, char *out, size_t n) {
  const char *path = getenv("PATH");
  for (const char *d = path; d && *d;) {
    const char *c = strchr(d, ':');
    size_t len = c ? (size_t)(c - d) : strlen(d);
    struct stat st;
    pathf(out, n, "%.*s/%s", (int)(len ? len : 1), len ? d : ".", name);
    if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
      return true;
    d += len + (c ? 1 : 0);
  }
  return false;
}

/* Links p->payload into p->image with the arch's link-image.sh, fd 0
 * holding o->stdin_file when there is one. 0, or -1 with why in err. */
static int link_image(const struct kdiff_run_opts *o,
                      const struct kdiff_paths *p, char *err, size_t errlen) {
  char link[PATH_MAX];
  pathf(link, sizeof link, "%s/images/%s/link-image.sh", p->build, o->arch);
  if (!exists(link))
    return fail(err, errlen,
                "%s: missing; build the %s kernel first (cmake --build %s "
                "--target kernel_%s)",
                link, o->arch, p->build, o->arch);
  const char *ln[] = {"sh",     link,          p->payload, p->id,
                      p->image, o->stdin_file, NULL};
  return run_tool(ln, err, errlen);
}

int kdiff_locate(const struct kdiff_run_opts *o, struct kdiff_paths *p,
                 char *err, size_t errlen) {
  struct kdiff_run_opts found = *o;
  char where[PATH_MAX], scratch[256], junk[256];
  if (!strchr(o->test, '/') && !ends_with(o->test, ".c") && !exists(o->test) &&
      find_contract(o->test, scratch, sizeof scratch, junk, sizeof junk) &&
      path_lookup(o->test, where, sizeof where)) {
    found.test = where;
    o = &found;
  }
  char *bd = p->build, *linux_bin = p->linux_bin, *image = p->image,
       *tmpl = p->qemu_args;
  char *id = p->id, *payload = p->payload;
  /* A path (a '/' or a .c name) names a file, never a contract id. */
  bool path = strchr(o->test, '/') || ends_with(o->test, ".c");
  if (path && !exists(o->test))
    return fail(err, errlen, "%s: no such file", o->test);
  if (exists(o->test) && !ends_with(o->test, ".c")) {
    /* A file that exists is taken as one, whatever its name. */
    const char *why = is_elf(o->test) ? elf_unfit(o->test) : what_file(o->test);
    if (why)
      return fail(err, errlen, "%s %s", o->test, why);
  }
  build_dir(bd, sizeof p->build);
  pathf(tmpl, sizeof p->qemu_args, "%s/images/%s/qemu-args.txt", bd, o->arch);
  pathf(p->dir, sizeof p->dir, "%s/kdiff-XXXXXX",
        getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!mkdtemp(p->dir)) {
    p->dir[0] = 0;
    return fail(err, errlen, "cannot make a work directory: %s",
                strerror(errno));
  }
  const char *w = p->dir;

  bool is_c = ends_with(o->test, ".c") && exists(o->test);
  bool is_bin = !is_c && exists(o->test) && is_elf(o->test);
  if (is_c || is_bin) {
    const char *base =
        strrchr(o->test, '/') ? strrchr(o->test, '/') + 1 : o->test;
    pathf(id, sizeof p->id, "%.*s",
          (int)(is_c ? strlen(base) - 2 : strlen(base)), base);
    pathf(image, sizeof p->image, "%s/%s.elf", w, id);
    if (is_c) {
      source_memory(o->test, p->memory, sizeof p->memory);
      pathf(linux_bin, sizeof p->linux_bin, "%s/%s.x86_64", w, id);
      const char *cc[] = {"musl-gcc", TEST_CFLAGS, "-o",
                          linux_bin,  o->test,     NULL};
      bool x86_image = strcmp(o->arch, "x86_64") == 0;
      if ((o->need_linux || (x86_image && o->need_libos)) &&
          run_tool(cc, err, errlen))
        return -1;
      pathf(payload, sizeof p->payload, "%s",
            linux_bin); /* same bytes on both sides */
      if (!x86_image && o->need_libos) {
        pathf(payload, sizeof p->payload, "%s/%s.%s", w, id, o->arch);
        const char *acc[] = {musl_for(o->arch), TEST_CFLAGS, "-o",
                             payload,           o->test,     NULL};
        if (run_tool(acc, err, errlen))
          return -1;
      }
    } else {
      if (realpath(o->test, linux_bin) == NULL)
        return fail(err, errlen, "%s: %s", o->test, strerror(errno));
      pathf(payload, sizeof p->payload, "%s", linux_bin);
    }
    if (o->need_libos && link_image(o, p, err, errlen))
      return -1;
  } else {
    if (find_contract(o->test, id, sizeof p->id, err, errlen))
      return -1;
    char src[PATH_MAX];
    const char *dot = strchr(id, '.');
    pathf(src, sizeof src, "%s/tests/contracts/%.*s/%s.c", KDIFF_SOURCE_DIR,
          (int)(dot - id), id, dot + 1);
    source_memory(src, p->memory, sizeof p->memory);
    pathf(linux_bin, sizeof p->linux_bin, "%s/tests/x86_64/%s", bd, id);
    pathf(payload, sizeof p->payload, "%s/tests/%s/%s", bd, o->arch, id);
    pathf(image, sizeof p->image, "%s/images/%s/%s.elf", bd, o->arch, id);
    if (o->need_linux && !exists(linux_bin))
      return fail(err, errlen,
                  "%s: missing; build it (cmake --build %s --target "
                  "contract_programs_x86_64)",
                  linux_bin, bd);
    if (o->need_libos && !exists(image))
      return fail(err, errlen,
                  "%s: missing; build it (cmake --build %s --target kernel_%s)",
                  image, bd, o->arch);
    if (o->need_libos && o->stdin_file) {
      /* The built image reads /dev/null: link one that holds the input. */
      pathf(image, sizeof p->image, "%s/%s.elf", w, id);
      if (!exists(payload))
        return fail(err, errlen, "%s: missing; build the %s kernel first",
                    payload, o->arch);
      if (link_image(o, p, err, errlen))
        return -1;
    }
  }
  if (o->need_libos && !exists(tmpl))
    return fail(err, errlen, "%s: missing; build the %s kernel first", tmpl,
                o->arch);
  return 0;
}

/* --reference vm: the arch's program under kdiff-ref-trace in the
 * reference VM; its JSONL trace and stdout into the work directory. */
static int linux_in_vm(const struct kdiff_run_opts *o,
                       const struct kdiff_paths *p, struct kdiff_run_out *out,
                       char *err, size_t errlen) {
  ref_config c = {0};
  run_accel accel;
  if (run_accel_parse(o->accel, &accel) < 0)
    return fail(err, errlen, "--accel: auto, kvm or tcg");
  ref_config_defaults(&c, p->build, o->arch, o->timeout_s, accel);
  c.memory = o->memory ? o->memory : p->memory[0] ? p->memory : NULL;
  char tracer[4096];
  pathf(tracer, sizeof tracer, "%s/reference/%s/kdiff-ref-trace", p->build,
        o->arch);
  if (!exists(p->payload))
    return fail(err, errlen,
                "%s: missing; build it (cmake --build %s --target "
                "contract_programs_%s)",
                p->payload, p->build, o->arch);
  if (!exists(tracer))
    return fail(err, errlen,
                "%s: missing; build it (cmake --build %s --target "
                "kdiff_ref_trace_%s)",
                tracer, p->build, o->arch);
  ref_answer a;
  run_buf trace;
  char e[2048];
  if (ref_trace(&c, tracer, p->id, p->payload, &a, &trace, e, sizeof e) < 0)
    return fail(err, errlen, "reference VM: %s", e);
  pathf(out->linux_trace, sizeof out->linux_trace, "%s/linux.jsonl", p->dir);
  pathf(out->linux_stdout, sizeof out->linux_stdout, "%s/linux.stdout", p->dir);
  int rc = 0;
  /* A test that ran out of time still shows where it stopped. */
  if (a.outcome == REF_TIMED_OUT && trace.len)
    fprintf(stderr,
            "kdiff: %s timed out after %.0f s in the reference VM; its trace "
            "up to there is compared\n",
            p->id, c.test_timeout_s);
  if ((a.outcome != REF_ENDED && a.outcome != REF_TIMED_OUT) || !trace.len) {
    char k[600];
    fail(err, errlen, "the reference VM (Linux %s) gave no trace of %s: %s%s%s",
         ref_kernel_describe(a.kernel, k, sizeof k), p->id,
         a.outcome == REF_TIMED_OUT ? "it timed out"
         : a.outcome == REF_ENDED   ? "the tracer wrote nothing"
                                    : "the VM hung or died",
         a.console ? "; console:\n" : "", a.console ? a.console : "");
    rc = -1;
  } else if (run_write_file(out->linux_trace, trace.data, trace.len) < 0 ||
             run_write_file(out->linux_stdout, a.lr.out.data, a.lr.out.len) <
                 0) {
    fail(err, errlen, "cannot write %s: %s", out->linux_trace, strerror(errno));
    rc = -1;
  } else {
    out->linux_status = exit_status_of_run(&a.lr); /* the init's record */
  }
  run_buf_free(&trace);
  ref_answer_free(&a);
  return rc;
}

/* What the kernel's command line takes (libos/cmdline.h, hal/hal.h). */
#define IMAGE_MAX_ARGS 64
#define IMAGE_MAX_ENV 64
#define IMAGE_CMDLINE_MAX 1023

/* Appends " \"word\"" with '"' and '\\' escaped; false when it does not fit. */
static bool append_quoted(char *buf, size_t n, size_t *k, const char *prefix,
                          const char *word) {
  const char *parts[2] = {prefix, word};
  if (*k + 2 >= n)
    return false;
  if (*k)
    buf[(*k)++] = ' ';
  buf[(*k)++] = '"';
  for (int i = 0; i < 2; i++)
    for (const char *c = parts[i]; *c; c++) {
      if (*k + 3 >= n)
        return false;
      if (*c == '"' || *c == '\\')
        buf[(*k)++] = '\\';
      buf[(*k)++] = *c;
    }
  buf[(*k)++] = '"';
  buf[*k] = 0;
  return true;
}

int kdiff_image_cmdline(const struct kdiff_run_opts *o, const char *exe,
                        char *buf, size_t n, char *err, size_t errlen) {
  if (o->nargs > IMAGE_MAX_ARGS)
    return fail(err, errlen,
                "%d arguments: the image's command line takes at most %d",
                o->nargs, IMAGE_MAX_ARGS);
  if (o->nenv > IMAGE_MAX_ENV)
    return fail(err, errlen,
                "%d --env words: the image's command line takes at most %d",
                o->nenv, IMAGE_MAX_ENV);
  size_t cap = n < IMAGE_CMDLINE_MAX + 1 ? n : IMAGE_CMDLINE_MAX + 1;
  int k0 = snprintf(buf, cap, "debug=syscall,signal");
  size_t k = k0 > 0 ? (size_t)k0 : 0;
  bool ok = k < cap;
  if (ok && exe)
    ok = append_quoted(buf, cap, &k, "exe=", exe);
  for (int i = 0; ok && i < o->nenv; i++)
    ok = append_quoted(buf, cap, &k, "env=", o->env[i]);
  if (ok && k + 3 < cap) {
    memcpy(buf + k, " --", 4);
    k += 3;
  } else {
    ok = false;
  }
  for (int i = 0; ok && i < o->nargs; i++)
    ok = append_quoted(buf, cap, &k, "", o->args[i]);
  if (!ok)
    return fail(err, errlen,
                "the arguments and environment do not fit the image's command "
                "line (%d bytes, quoted)",
                IMAGE_CMDLINE_MAX);
  return 0;
}

int kdiff_run_test(const struct kdiff_run_opts *o, struct kdiff_run_out *out,
                   char *err, size_t errlen) {
  struct kdiff_paths p;
  memset(&p, 0, sizeof p);
  int rc = kdiff_locate(o, &p, err, errlen);
  pathf(out->kept_dir, sizeof out->kept_dir, "%s", p.dir);
  if (rc)
    return -1;
  const char *w = p.dir, *linux_bin = p.linux_bin, *image = p.image,
             *tmpl = p.qemu_args;
  char cmdline[IMAGE_CMDLINE_MAX + 1];
  if (o->need_libos &&
      kdiff_image_cmdline(o,
                          o->need_linux && !o->reference_vm ? linux_bin : NULL,
                          cmdline, sizeof cmdline, err, errlen))
    return -1;
  if (o->need_linux && o->reference_vm) {
    if (linux_in_vm(o, &p, out, err, errlen) < 0)
      return -1;
  } else if (o->need_linux) {
    pathf(out->linux_trace, sizeof out->linux_trace, "%s/linux.strace", w);
    pathf(out->linux_stdout, sizeof out->linux_stdout, "%s/linux.stdout", w);
    const char **argv = calloc((size_t)o->nargs + 2, sizeof *argv);
    char **envp = calloc((size_t)o->nenv + 1, sizeof *envp);
    if (!argv || !envp)
      abort();
    argv[0] = linux_bin;
    for (int i = 0; i < o->nargs; i++)
      argv[i + 1] = o->args[i];
    for (int i = 0; i < o->nenv; i++)
      envp[i] = o->env[i];
    /* As in the image: argv[0] is the test's name, the environment only
     * what --env gave, stdout and stderr one stream. */
    run_native_opts no = {.argv = argv,
                          .strace_file = out->linux_trace,
                          .stdout_file = out->linux_stdout,
                          .timeout_s = o->timeout_s,
                          .host_tmp = o->host_tmp || !run_sandbox_default(),
                          .stdin_file = o->stdin_file,
                          .envp = envp,
                          .argv0 = p.id,
                          .merge_stderr = 1};
    run_result r = {0};
    int rc = run_native(&no, &r);
    free(argv);
    free(envp);
    out->linux_status = exit_status_of_run(&r);
    char how[256];
    run_describe(&r, o->timeout_s, how, sizeof how);
    bool bad = rc != 0 || r.end == RUN_FAILED || r.end == RUN_TIMED_OUT;
    if (!bad && r.escaped)
      fprintf(stderr,
              "kdiff: the Linux run of %s left %d process(es) running after "
              "it ended (outside its process group); they were killed\n",
              linux_bin, r.escaped);
    if (bad)
      fail(err, errlen, "Linux run of %s under strace: %s", linux_bin,
           rc != 0 || r.end == RUN_FAILED ? r.error : how);
    run_result_free(&r);
    if (bad)
      return -1;
  }
  if (o->need_libos) {
    pathf(out->libos_trace, sizeof out->libos_trace, "%s/libos.jsonl", w);
    pathf(out->libos_console, sizeof out->libos_console, "%s/libos.console", w);
    run_qemu_opts qo = {.template_file = tmpl,
                        .image = image,
                        .cmdline = cmdline,
                        .console_file = out->libos_console,
                        .trace_file = out->libos_trace,
                        .timeout_s = o->timeout_s,
                        .memory = o->memory     ? o->memory
                                  : p.memory[0] ? p.memory
                                                : NULL};
    if (run_accel_parse(o->accel, &qo.accel) < 0)
      return fail(err, errlen, "--accel: auto, kvm or tcg");
    run_qemu_result qr = {0};
    int rc = run_qemu(&qo, &qr);
    char how[256];
    run_describe(&qr.qemu, o->timeout_s, how, sizeof how);
    bool bad = rc != 0 || qr.qemu.end == RUN_FAILED;
    if (bad)
      fail(err, errlen, "QEMU run of %s: %s %s", image, how, qr.qemu.error);
    else if (qr.qemu.end == RUN_TIMED_OUT)
      fprintf(stderr, "kdiff: the libos run %s: comparing the partial trace\n",
              how);
    run_qemu_result_free(&qr);
    if (bad)
      return -1;
  }
  return 0;
}

void kdiff_shell_word(char *buf, size_t n, const char *s) {
  size_t k = strlen(buf);
  bool plain = *s != 0;
  for (const char *p = s; *p; p++)
    if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                "_-+=/.,:@%",
                *p))
      plain = false;
  if (k && k + 1 < n)
    buf[k++] = ' ';
  if (plain) {
    snprintf(buf + k, k < n ? n - k : 0, "%s", s);
    return;
  }
  k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "'");
  for (const char *p = s; *p && k < n; p++)
    k += (size_t)snprintf(buf + k, n - k, *p == '\'' ? "'\\''" : "%c", *p);
  snprintf(buf + k, k < n ? n - k : 0, "'");
}

static int rm_entry(const char *path, const struct stat *st, int flag,
                    struct FTW *f) {
  (void)st;
  (void)flag;
  (void)f;
  return remove(path);
}

void kdiff_remove_dir(const char *dir) {
  nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}
