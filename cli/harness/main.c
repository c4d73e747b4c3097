/* kdiff-contract: the contract runner CTest calls. Subcommands:
 *   run          one test on one arch -> verdict, display, result file
 *   check-known  validate known-divergences.json (and that its ids exist)
 *   setup        check-known, then clear old result files (CTest fixture)
 *   report       aggregate result files -> report.json + the summary table
 *   show-summary print a summary file once, then remove it (ctest post-step)
 * Exit: 0 good, 1 a failing verdict, 2 trouble (message on stderr). */
#include <dirent.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "contract_run.h"
#include "known.h"
#include "result.h"

static void usage(FILE *f) {
  fprintf(f,
    "usage:\n"
    "  kdiff-contract run --id ID --arch x86_64|arm64 [--build-dir DIR]\n"
    "      [--linux-bin FILE] [--image FILE] [--qemu-template FILE]\n"
    "      [--known FILE] [--results DIR] [--work-dir DIR] [--kdiff FILE]\n"
    "      [--cmdline STR] [--accel auto|tcg|kvm] [--timeout S]\n"
    "      [--linux-timeout S] [--trace] [--memory SIZE]\n"
    "      [--reference native|vm] [REFERENCE-OPTIONS]\n"
    "  kdiff-contract reference --arch x86_64|arm64 --ids ID,ID,...\n"
    "      [--build-dir DIR] [--jobs N] [--linux-timeout S] [REFERENCE-OPTIONS]\n"
    "  kdiff-contract check-known FILE [--ids ID,ID,...]\n"
    "  kdiff-contract setup --known FILE --results DIR [--ids ID,ID,...]\n"
    "  kdiff-contract report --results DIR --out FILE [--summary FILE]\n"
    "  kdiff-contract show-summary FILE\n"
    "Defaults under --build-dir DIR (default .): DIR/tests/x86_64/ID,\n"
    "DIR/images/ARCH/ID.elf, DIR/images/ARCH/qemu-args.txt,\n"
    "DIR/contracts/results, DIR/contracts/work, DIR/kdiff.\n"
    "Environment: KDIFF_ACCEL (auto|tcg|kvm, default auto = TCG),\n"
    "KDIFF_CONTRACTS_TRACE=1 (same as --trace).\n"
    "REFERENCE-OPTIONS (the reference VM, docs/reference.md): --ref-kernel FILE\n"
    "(default: the newest /boot/vmlinuz-*-cloud-<amd64|arm64>), --ref-init FILE,\n"
    "--ref-template FILE, --ref-mkinitramfs FILE, --ref-cache DIR, --ref-work DIR,\n"
    "--ref-idle S (VM hung after S silent seconds, default linux-timeout + 30);\n"
    "defaults under DIR/reference/.\n");
}

/* The value after argv[*i], or exit 2 if there is none. */
static const char *value(int argc, char **argv, int *i) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "kdiff-contract: %s needs a value\n", argv[*i]);
    exit(2);
  }
  return argv[++*i];
}

static double seconds(const char *opt, const char *s) {
  char *end;
  double v = strtod(s, &end);
  if (*s == '\0' || *end != '\0' || v <= 0) {
    fprintf(stderr, "kdiff-contract: %s wants a positive number of seconds, not '%s'\n",
            opt, s);
    exit(2);
  }
  return v;
}

static int env_on(const char *name) {
  const char *v = getenv(name);
  return v && *v && strcmp(v, "0") && strcasecmp(v, "off") &&
         strcasecmp(v, "no") && strcasecmp(v, "false");
}

static char *joined(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 1;
  char *s = malloc(n);
  if (!s) {
    perror("kdiff-contract");
    exit(2);
  }
  snprintf(s, n, "%s%s", a, b);
  return s;
}

/* A reference option at argv[*i] into c; 1 if it was one. */
static int ref_option(int argc, char **argv, int *i, ref_config *c) {
  const char *a = argv[*i];
  if (!strcmp(a, "--ref-kernel")) c->kernel = value(argc, argv, i);
  else if (!strcmp(a, "--ref-init")) c->init = value(argc, argv, i);
  else if (!strcmp(a, "--ref-template")) c->template_file = value(argc, argv, i);
  else if (!strcmp(a, "--ref-mkinitramfs")) c->mkinitramfs = value(argc, argv, i);
  else if (!strcmp(a, "--ref-cache")) c->cache_dir = value(argc, argv, i);
  else if (!strcmp(a, "--ref-work")) c->work_dir = value(argc, argv, i);
  else if (!strcmp(a, "--ref-idle")) c->idle_s = seconds(a, value(argc, argv, i));
  else return 0;
  return 1;
}

static int cmd_run(int argc, char **argv) {
  contract_opts o = {.timeout_s = 60, .linux_timeout_s = 30};
  const char *build = ".", *accel = NULL, *reference = "native";
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--id")) o.id = value(argc, argv, &i);
    else if (!strcmp(a, "--arch")) o.arch = value(argc, argv, &i);
    else if (!strcmp(a, "--build-dir")) build = value(argc, argv, &i);
    else if (!strcmp(a, "--linux-bin")) o.linux_bin = value(argc, argv, &i);
    else if (!strcmp(a, "--image")) o.image = value(argc, argv, &i);
    else if (!strcmp(a, "--qemu-template")) o.qemu_template = value(argc, argv, &i);
    else if (!strcmp(a, "--known")) o.known_file = value(argc, argv, &i);
    else if (!strcmp(a, "--results")) o.results_dir = value(argc, argv, &i);
    else if (!strcmp(a, "--work-dir")) o.work_dir = value(argc, argv, &i);
    else if (!strcmp(a, "--kdiff")) o.kdiff = value(argc, argv, &i);
    else if (!strcmp(a, "--cmdline")) o.cmdline = value(argc, argv, &i);
    else if (!strcmp(a, "--accel")) accel = value(argc, argv, &i);
    else if (!strcmp(a, "--timeout")) o.timeout_s = seconds(a, value(argc, argv, &i));
    else if (!strcmp(a, "--linux-timeout")) o.linux_timeout_s = seconds(a, value(argc, argv, &i));
    else if (!strcmp(a, "--trace")) o.trace = 1;
    else if (!strcmp(a, "--memory")) o.memory = value(argc, argv, &i);
    else if (!strcmp(a, "--reference")) reference = value(argc, argv, &i);
    else if (ref_option(argc, argv, &i, &o.ref)) continue;
    else {
      fprintf(stderr, "kdiff-contract run: unknown option '%s'\n", a);
      usage(stderr);
      return 2;
    }
  }
  if (!o.id || !o.arch) {
    fprintf(stderr, "kdiff-contract run: --id and --arch are required\n");
    return 2;
  }
  if (!known_arch_bit(o.arch)) {
    fprintf(stderr, "kdiff-contract run: unknown arch '%s' (x86_64, arm64)\n", o.arch);
    return 2;
  }
  if (accel ? run_accel_parse(accel, &o.accel) < 0 : run_accel_default(&o.accel) < 0) {
    fprintf(stderr, "kdiff-contract: accelerator must be auto, tcg or kvm (got '%s')\n",
            accel ? accel : getenv("KDIFF_ACCEL"));
    return 2;
  }
  if (env_on("KDIFF_CONTRACTS_TRACE"))
    o.trace = 1;
  if (strcmp(reference, "native") && strcmp(reference, "vm")) {
    fprintf(stderr, "kdiff-contract run: --reference is native or vm, not '%s'\n",
            reference);
    return 2;
  }
  o.reference_vm = !strcmp(reference, "vm");
  char *bd = joined(build, "/");
  char buf[4096];
  if (o.reference_vm)
    ref_config_defaults(&o.ref, build, o.arch, o.linux_timeout_s, o.accel);
  if (o.reference_vm && !o.ref.memory)
    o.ref.memory = o.memory; /* a big test needs it in both VMs */
  if (!o.linux_bin)
    o.linux_bin = joined(bd, (snprintf(buf, sizeof buf, "tests/%s/%s",
                                       o.reference_vm ? o.arch : "x86_64", o.id), buf));
  if (!o.image)
    o.image = joined(bd, (snprintf(buf, sizeof buf, "images/%s/%s.elf", o.arch, o.id), buf));
  if (!o.qemu_template)
    o.qemu_template = joined(bd, (snprintf(buf, sizeof buf, "images/%s/qemu-args.txt", o.arch), buf));
  if (!o.results_dir)
    o.results_dir = joined(bd, "contracts/results");
  if (!o.work_dir)
    o.work_dir = joined(bd, "contracts/work");
  if (!o.kdiff)
    o.kdiff = joined(bd, "kdiff");
  return contract_run(&o);
}

static int cmd_reference(int argc, char **argv) {
  ref_config c = {0};
  const char *arch = NULL, *build = ".", *ids = NULL;
  double linux_timeout = 30;
  int jobs = 1;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--arch")) arch = value(argc, argv, &i);
    else if (!strcmp(a, "--build-dir")) build = value(argc, argv, &i);
    else if (!strcmp(a, "--ids")) ids = value(argc, argv, &i);
    else if (!strcmp(a, "--jobs")) jobs = atoi(value(argc, argv, &i));
    else if (!strcmp(a, "--linux-timeout")) linux_timeout = seconds(a, value(argc, argv, &i));
    else if (!strcmp(a, "--memory")) c.memory = value(argc, argv, &i);
    else if (ref_option(argc, argv, &i, &c)) continue;
    else {
      fprintf(stderr, "kdiff-contract reference: unknown option '%s'\n", a);
      usage(stderr);
      return 2;
    }
  }
  if (!arch || !known_arch_bit(arch) || !ids) {
    fprintf(stderr, "kdiff-contract reference: --arch x86_64|arm64 and --ids are required\n");
    return 2;
  }
  run_accel accel;
  if (run_accel_default(&accel) < 0) {
    fprintf(stderr, "kdiff-contract: KDIFF_ACCEL must be auto, tcg or kvm\n");
    return 2;
  }
  char *bd = joined(build, "/");
  ref_config_defaults(&c, build, arch, linux_timeout, accel);
  size_t n = 0, cap = 16;
  const char **idv = malloc(cap * sizeof *idv), **progs = malloc(cap * sizeof *progs);
  for (const char *p = ids; idv && progs && p && *p;) {
    const char *end = strchr(p, ',');
    size_t l = end ? (size_t)(end - p) : strlen(p);
    if (n == cap) {
      cap *= 2;
      idv = realloc(idv, cap * sizeof *idv);
      progs = realloc(progs, cap * sizeof *progs);
      if (!idv || !progs)
        break;
    }
    char *id = strndup(p, l), buf[4096];
    snprintf(buf, sizeof buf, "tests/%s/%s", arch, id);
    idv[n] = id;
    progs[n++] = joined(bd, buf);
    p = end ? end + 1 : NULL;
  }
  if (!idv || !progs) {
    perror("kdiff-contract");
    return 2;
  }
  char err[2048];
  if (ref_batch(&c, idv, progs, n, jobs, stdout, err, sizeof err) < 0) {
    fprintf(stderr, "reference %s: ERROR: %s\n", arch, err);
    return 2;
  }
  return 0;
}

/* Is id in the comma-separated list? */
static int in_list(const char *list, const char *id) {
  size_t n = strlen(id);
  for (const char *p = list; p && *p;) {
    const char *end = strchr(p, ',');
    size_t l = end ? (size_t)(end - p) : strlen(p);
    if (l == n && !strncmp(p, id, n))
      return 1;
    p = end ? end + 1 : NULL;
  }
  return 0;
}

static int check_known(const char *file, const char *ids) {
  known_list k;
  char err[1024];
  if (known_load(file, &k, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  int rc = 0;
  for (size_t i = 0; ids && i < k.n; i++)
    if (!in_list(ids, k.e[i].id)) {
      fprintf(stderr, "%s:%d: \"%s\" is not a contract test (a stale entry?)\n", file,
              k.e[i].line, k.e[i].id);
      rc = 2;
    }
  known_free(&k);
  return rc;
}

static int cmd_check_known(int argc, char **argv) {
  const char *file = NULL, *ids = NULL;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--ids")) ids = value(argc, argv, &i);
    else if (!file) file = argv[i];
    else {
      usage(stderr);
      return 2;
    }
  }
  if (!file) {
    usage(stderr);
    return 2;
  }
  return check_known(file, ids);
}

static int cmd_setup(int argc, char **argv) {
  const char *known = NULL, *results = NULL, *ids = NULL;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--known")) known = value(argc, argv, &i);
    else if (!strcmp(argv[i], "--results")) results = value(argc, argv, &i);
    else if (!strcmp(argv[i], "--ids")) ids = value(argc, argv, &i);
    else {
      usage(stderr);
      return 2;
    }
  }
  if (!results) {
    usage(stderr);
    return 2;
  }
  int rc = known ? check_known(known, ids) : 0;
  /* Results of an earlier run must not appear in this run's report. */
  DIR *d = opendir(results);
  if (d) {
    struct dirent *de;
    while ((de = readdir(d))) {
      size_t l = strlen(de->d_name);
      if (l > 5 && !strcmp(de->d_name + l - 5, ".json")) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", results, de->d_name);
        unlink(path);
      }
    }
    closedir(d);
  }
  return rc;
}

static int cmd_report(int argc, char **argv) {
  const char *results = NULL, *out = NULL, *summary = NULL;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--results")) results = value(argc, argv, &i);
    else if (!strcmp(argv[i], "--out")) out = value(argc, argv, &i);
    else if (!strcmp(argv[i], "--summary")) summary = value(argc, argv, &i);
    else {
      usage(stderr);
      return 2;
    }
  }
  if (!results || !out) {
    usage(stderr);
    return 2;
  }
  return result_report(results, out, summary) < 0 ? 2 : 0;
}

static int cmd_show_summary(int argc, char **argv) {
  if (argc != 3) {
    usage(stderr);
    return 2;
  }
  FILE *f = fopen(argv[2], "r");
  if (!f)
    return 0; /* no contract tests ran in this ctest invocation */
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    fwrite(buf, 1, n, stdout);
  fclose(f);
  unlink(argv[2]);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "run")) return cmd_run(argc, argv);
  if (!strcmp(cmd, "check-known")) return cmd_check_known(argc, argv);
  if (!strcmp(cmd, "reference")) return cmd_reference(argc, argv);
  if (!strcmp(cmd, "setup")) return cmd_setup(argc, argv);
  if (!strcmp(cmd, "report")) return cmd_report(argc, argv);
  if (!strcmp(cmd, "show-summary")) return cmd_show_summary(argc, argv);
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
    usage(stdout);
    return 0;
  }
  fprintf(stderr, "kdiff-contract: unknown command '%s'\n", cmd);
  usage(stderr);
  return 2;
}
