/* /proc/cpuinfo on x86-64 (arch/x86/kernel/cpu/proc.c's fields, in its
 * order) for the one CPU the kernel runs on. The CPU's identity is not
 * read (no CPUID in the shim): the flags are the baseline AT_HWCAP says. */
#include <linux_shim/proc_fs.h>

int proc_show_cpuinfo(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "processor\t: 0\nvendor_id\t: unknown\ncpu family\t: 6\n"
                "model\t\t: 0\nmodel name\t: kdiff virtual CPU\n"
                "stepping\t: 0\ncpu MHz\t\t: 1000.000\ncache size\t: 0 KB\n"
                "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\n"
                "cpu cores\t: 1\napicid\t\t: 0\ninitial apicid\t: 0\n"
                "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: 13\n"
                "wp\t\t: yes\n"
                "flags\t\t: fpu tsc cx8 cmov mmx fxsr sse sse2\n"
                "bugs\t\t:\nbogomips\t: 2000.00\nclflush size\t: 64\n"
                "cache_alignment\t: 64\n"
                "address sizes\t: 48 bits physical, 48 bits virtual\n"
                "power management:\n\n");
  return 0;
}
