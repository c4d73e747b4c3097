/* The files of /proc about the whole system: self and thread-self, the
 * mounts link, meminfo, uptime, loadavg, version, stat, filesystems and
 * the sys/ tree (kernel/ and vm/ values this kernel has). Formats are
 * Linux 6.18's (fs/proc and kernel/sysctl.c); figures this kernel does
 * not keep are 0. */
#include <linux_shim/proc_fs.h>

#include <hal/time.h>
#include <libos/fmt.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <libos/proc.h>
#include <libos/random.h>
#include <libos/uts.h>
#include <linux_shim/utsname.h>
#include <uapi/errno.h>

#define TICK_NS 10000000ULL /* USER_HZ 100 */

static long link_self(const struct procfs_where *w, char *buf, size_t size) {
  (void)w;
  return ksnprintf(buf, size, "%d", current_proc()->pid);
}

static long link_thread_self(const struct procfs_where *w, char *buf,
                             size_t size) {
  (void)w;
  return ksnprintf(buf, size, "%d/task/%d", current_proc()->pid,
                   current()->tid);
}

static long link_mounts(const struct procfs_where *w, char *buf, size_t size) {
  (void)w;
  return ksnprintf(buf, size, "self/mounts");
}

/* Linux's show_val_kb: the name padded in its table, 8 columns, " kB". */
static void kb(struct seqbuf *s, const char *name, uint64_t pages) {
  seq_printf(s, "%-16s%8llu kB\n", name, (unsigned long long)pages * 4);
}

static int show_meminfo(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  uint64_t total = pmm_total_count(), free = pmm_free_count();
  kb(s, "MemTotal:", total);
  kb(s, "MemFree:", free);
  kb(s, "MemAvailable:", free);
  static const char *const zero1[] = {
      "Buffers:",        "Cached:",       "SwapCached:",     "Active:",
      "Inactive:",       "Active(anon):", "Inactive(anon):", "Active(file):",
      "Inactive(file):", "Unevictable:",  "Mlocked:",        "SwapTotal:",
      "SwapFree:",       "Zswap:",        "Zswapped:",       "Dirty:",
      "Writeback:",      "AnonPages:",    "Mapped:",         "Shmem:",
      "KReclaimable:",   "Slab:",         "SReclaimable:",   "SUnreclaim:",
      "KernelStack:",    "PageTables:",   "SecPageTables:",  "NFS_Unstable:",
      "Bounce:",         "WritebackTmp:"};
  for (unsigned i = 0; i < sizeof zero1 / sizeof zero1[0]; i++)
    kb(s, zero1[i], 0);
  kb(s, "CommitLimit:", total / 2); /* no swap, overcommit_ratio 50 */
  kb(s, "Committed_AS:", total - free);
  seq_printf(s, "%-16s%8llu kB\n", "VmallocTotal:", 34359738367ULL);
  static const char *const zero2[] = {
      "VmallocUsed:",    "VmallocChunk:",   "Percpu:",        "AnonHugePages:",
      "ShmemHugePages:", "ShmemPmdMapped:", "FileHugePages:", "FilePmdMapped:"};
  for (unsigned i = 0; i < sizeof zero2 / sizeof zero2[0]; i++)
    kb(s, zero2[i], 0);
  seq_printf(s, "HugePages_Total:       0\nHugePages_Free:        0\n"
                "HugePages_Rsvd:        0\nHugePages_Surp:        0\n");
  seq_printf(s, "%-16s%8u kB\n%-16s%8u kB\n", "Hugepagesize:", 2048,
             "Hugetlb:", 0);
  return 0;
}

/* CPU time of every process so far, split as /proc/stat does. */
static void cpu_times(uint64_t *user, uint64_t *sys) {
  *user = *sys = 0;
  for (struct proc *p = proc_list(); p; p = p->next) {
    uint64_t run = p->run_ns > p->sys_ns ? p->run_ns : p->sys_ns;
    *user += run - p->sys_ns;
    *sys += p->sys_ns;
  }
}

static void centi(struct seqbuf *s, uint64_t ns) {
  uint64_t c = ns / TICK_NS;
  seq_printf(s, "%llu.%02llu", (unsigned long long)(c / 100),
             (unsigned long long)(c % 100));
}

static int show_uptime(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  uint64_t now = hal_clock_ns(), user, sys;
  cpu_times(&user, &sys);
  centi(s, now);
  seq_write(s, " ", 1);
  centi(s, now > user + sys ? now - user - sys : 0); /* one CPU's idle */
  seq_write(s, "\n", 1);
  return 0;
}

static void count_tasks(int *running, int *threads, int *procs, int *last) {
  *running = *threads = *procs = *last = 0;
  for (struct proc *p = proc_list(); p; p = p->next) {
    (*procs)++;
    for (struct thread *t = p->threads; t; t = t->next_in_proc) {
      (*threads)++;
      if (t->state == THREAD_RUNNABLE)
        (*running)++;
      if (t->tid > *last)
        *last = t->tid;
    }
    if (p->pid > *last)
      *last = p->pid;
  }
}

static int show_loadavg(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  int run, threads, procs, last;
  count_tasks(&run, &threads, &procs, &last);
  seq_printf(s, "0.00 0.00 0.00 %d/%d %d\n", run, threads, last);
  return 0;
}

static int show_version(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "%s version %s (kdiff@kdiff) (clang) %s\n", UTS_SYSNAME,
             UTS_RELEASE, UTS_VERSION);
  return 0;
}

static int show_stat(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  uint64_t now = hal_clock_ns(), user, sys;
  cpu_times(&user, &sys);
  uint64_t idle = now > user + sys ? now - user - sys : 0;
  unsigned long long u = user / TICK_NS, k = sys / TICK_NS, i = idle / TICK_NS;
  seq_printf(s, "cpu  %llu 0 %llu %llu 0 0 0 0 0 0\n", u, k, i);
  seq_printf(s, "cpu0 %llu 0 %llu %llu 0 0 0 0 0 0\n", u, k, i);
  int run, threads, procs, last;
  count_tasks(&run, &threads, &procs, &last);
  seq_printf(s, "intr 0\nctxt 0\nbtime %llu\nprocesses %d\n",
             (unsigned long long)(hal_wallclock_at_boot_ns() / 1000000000ULL),
             last);
  seq_printf(s, "procs_running %d\nprocs_blocked 0\n", run);
  seq_printf(s, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
  return 0;
}

static int show_filesystems(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "nodev\ttmpfs\nnodev\tproc\nnodev\tpipefs\n"
                "nodev\tanon_inodefs\n");
  return 0;
}

static int show_hostname(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "%s\n", current_proc()->uts->nodename); /* the reader's */
  return 0;
}

static int show_ostype(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "%s\n", UTS_SYSNAME);
  return 0;
}

static int show_osrelease(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "%s\n", UTS_RELEASE);
  return 0;
}

static int show_pid_max(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "32768\n"); /* PID_MAX_DEFAULT on a machine of few CPUs */
  return 0;
}

static int show_overcommit(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  seq_printf(s, "0\n"); /* heuristic overcommit, vm.h's vm_enough_memory */
  return 0;
}

/* A random (version 4) UUID as %pU prints it. */
static void put_uuid(struct seqbuf *s, uint8_t b[16]) {
  b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
  b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
  for (int i = 0; i < 16; i++)
    seq_printf(s, "%s%02x", i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "",
               b[i]);
  seq_write(s, "\n", 1);
}

static int show_boot_id(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  static uint8_t id[16];
  static bool made;
  if (!made) {
    random_bytes(id, sizeof id);
    made = true;
  }
  uint8_t b[16];
  memcpy(b, id, sizeof b);
  put_uuid(s, b);
  return 0;
}

static int show_uuid(struct seqbuf *s, const struct procfs_where *w) {
  (void)w;
  uint8_t b[16];
  random_bytes(b, sizeof b);
  put_uuid(s, b);
  return 0;
}

/* sysctl files (proc_sys_file_operations): spliceable. */
#define SYSCTL(n, m, fn)                                                       \
  { .name = n, .mode = m, .show = fn, .splice_read = true }

static const struct procfs_node random_entries[] = {
    SYSCTL("boot_id", PROC_FILE, show_boot_id),
    SYSCTL("uuid", PROC_FILE, show_uuid),
    {0}};

/* sysctl files: writing them is not supported yet (EINVAL), reading is. */
static const struct procfs_node kernel_entries[] = {
    SYSCTL("hostname", PROC_RW, show_hostname),
    SYSCTL("ostype", PROC_FILE, show_ostype),
    SYSCTL("osrelease", PROC_FILE, show_osrelease),
    SYSCTL("pid_max", PROC_RW, show_pid_max),
    {.name = "random", .mode = PROC_DIR, .entries = random_entries},
    {0}};

static const struct procfs_node vm_entries[] = {
    SYSCTL("overcommit_memory", PROC_RW, show_overcommit), {0}};

static const struct procfs_node sys_entries[] = {
    {.name = "kernel", .mode = PROC_DIR, .entries = kernel_entries},
    {.name = "vm", .mode = PROC_DIR, .entries = vm_entries},
    {0}};

/* Linux's proc_ops files: a write without a handler is EIO; they can be
 * spliced from. */
#define GLOBAL(n, fn)                                                          \
  {                                                                            \
    .name = n, .mode = PROC_FILE, .show = fn, .write_eio = true,               \
    .splice_read = true                                                        \
  }

const struct procfs_node proc_global_entries[] = {
    {.name = "self", .mode = PROC_LINK, .readlink = link_self},
    {.name = "thread-self", .mode = PROC_LINK, .readlink = link_thread_self},
    {.name = "mounts",
     .mode = PROC_LINK,
     .readlink = link_mounts,
     .link_size = PROCFS_LINK_TARGET},
    {.name = "sys", .mode = PROC_DIR, .entries = sys_entries},
    GLOBAL("cpuinfo", proc_show_cpuinfo),
    GLOBAL("meminfo", show_meminfo),
    GLOBAL("uptime", show_uptime),
    GLOBAL("loadavg", show_loadavg),
    GLOBAL("version", show_version),
    GLOBAL("stat", show_stat),
    GLOBAL("filesystems", show_filesystems),
    {0}};
