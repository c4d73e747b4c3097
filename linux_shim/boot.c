/* Boot: the Linux personality starts its one program (entry.h). */
#include <linux_shim/entry.h>

#include <abi.h>
#include <hal/console.h>
#include <hal/time.h>
#include <libos/cmdline.h>
#include <libos/kernel.h>
#include <libos/kstring.h>
#include <libos/panic.h>
#include <libos/proc.h>
#include <libos/stdio.h>
#include <libos/trace.h>
#include <libos/vfs.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/exec.h>
#include <linux_shim/proc_fs.h>
#include <linux_shim/robust_list.h>

#ifndef KDIFF_DEBUG_DEFAULT
#define KDIFF_DEBUG_DEFAULT "none"
#endif

/* The embedded program (see cmake/payload.S.in). */
extern const char payload_start[], payload_end[], payload_name[];
extern const char stdin_start[], stdin_end[]; /* fd 0's bytes (link-image.sh) */

static char cmdline_buf[HAL_CMDLINE_MAX];
static char report_buf[1024];

static unsigned default_filter(void) {
  unsigned bits = 0;
  const char *bad;
  size_t bad_len;
  if (!cmdline_parse_debug(KDIFF_DEBUG_DEFAULT, strlen(KDIFF_DEBUG_DEFAULT),
                           &bits, &bad, &bad_len))
    trace_log("build default debug=%s has an unknown word",
              KDIFF_DEBUG_DEFAULT);
  return bits;
}

void shim_boot(const struct hal_boot_info *bi) {
  uint64_t ram = libos_init(bi);
  thread_exit_release = robust_list_release;

  struct cmdline cl;
  size_t n = strnlen(bi->cmdline, sizeof cmdline_buf - 1);
  memcpy(cmdline_buf, bi->cmdline, n);
  cmdline_buf[n] = '\0';
  cmdline_parse(cmdline_buf, &cl, report_buf, sizeof report_buf);
  trace_set_filter(cl.debug_given ? cl.debug : default_filter());
  if (bi->cmdline_truncated)
    trace_log("cmdline: longer than %u bytes, truncated", HAL_CMDLINE_MAX - 1);
  for (unsigned i = 0; i < cl.nreports; i++)
    trace_log("%s", cl.reports[i]);
  if (cl.reports_truncated)
    trace_log("cmdline: more problems not listed");

  if (vfs_init() != 0)
    kpanic("out of memory building the root filesystem");
  /* As a shell's open() of `< FILE` on a 64-bit kernel: O_LARGEFILE. */
  stdio_set_input(stdin_start, (size_t)(stdin_end - stdin_start),
                  LINUX_O_LARGEFILE);
  struct proc *p = proc_create_first(payload_name);
  if (!p)
    kpanic("out of memory creating the first process");
  cred_init_root(&p->cred); /* root with every capability, as init */

  /* argv[0] is the test's id; the words after "--" follow it. */
  static char *argv[CMDLINE_MAX_ARGS + 2];
  argv[0] = (char *)payload_name;
  for (int i = 0; i < cl.argc; i++)
    argv[i + 1] = cl.argv[i];
  argv[cl.argc + 1] = 0;
  /* The environment is exactly the env= words: none by default. */
  char **envp = cl.envp;
  const char *why = "";
  if (linux_exec(p, payload_start, (size_t)(payload_end - payload_start),
                 cl.argc + 1, argv, envp, payload_name, &why) != 0)
    kpanic("cannot run the embedded program: %s", why); /* Linux: no init */

  /* kdiff names the program as the Linux side ran it, so that
   * /proc/self/exe agrees; without exe= it is the test's name in the cwd. */
  linux_set_program(p, cl.exe ? cl.exe : payload_name);
  if (linux_procfs_mount() != 0)
    kpanic("out of memory mounting /proc");

  trace_boot(LINUX_ARCH_NAME, bi->cmdline, hal_clock_ns(), ram / 1024);
  proc_enter_user(p->main);
}
