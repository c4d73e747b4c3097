/* /proc/cpuinfo on arm64 (arch/arm64/kernel/cpuinfo.c's c_show fields)
 * for the one CPU the kernel runs on; its ID registers are not read. */
#include <linux_shim/proc_fs.h>

int proc_show_cpuinfo(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "processor\t: 0\nBogoMIPS\t: 125.00\nFeatures\t: fp asimd\n"
                "CPU implementer\t: 0x00\nCPU architecture: 8\n"
                "CPU variant\t: 0x0\nCPU part\t: 0x000\nCPU revision\t: 0\n\n");
  return 0;
}
