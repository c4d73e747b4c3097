/* Trace records, each built into one buffer and written with one call so a
 * record is never split on the channel. */
#include <libos/trace.h>

#include <hal/console.h>
#include <libos/fmt.h>
#include <libos/json.h>

/* Big enough for a boot record with a 1023-byte cmdline, every byte
 * escaped (6 bytes each), and for a syscall_entry with two whole plain
 * paths of PATH_MAX bytes (rename, link, symlink). */
#define LINE_MAX 16384

static unsigned filter;
static uint64_t seq;
static char line[LINE_MAX];

void trace_set_filter(unsigned bits) {
  filter = bits;
}

bool trace_enabled(unsigned bit) {
  return (filter & bit) != 0;
}

static void begin(struct jline *j, const char *ev, bool with_seq) {
  jl_begin(j, line, sizeof line);
  jl_cstr(j, "ev", ev);
  if (with_seq)
    jl_uint(j, "seq", seq++);
}

static void ids(struct jline *j, int pid, int tid) {
  jl_int(j, "pid", pid);
  if (tid >= 0)
    jl_int(j, "tid", tid);
}

static void emit(struct jline *j) {
  size_t n = jl_end(j);
  hal_trace_write(line, n);
}

void trace_boot(const char *arch, const char *cmdline, uint64_t boot_ns,
                uint64_t mem_kib) {
  struct jline j;
  begin(&j, "boot", false);
  jl_int(&j, "v", 1);
  jl_cstr(&j, "arch", arch);
  jl_cstr(&j, "cmdline", cmdline);
  jl_uint(&j, "boot_ns", boot_ns);
  jl_uint(&j, "mem_kib", mem_kib);
  emit(&j);
}

void trace_syscall_entry(int pid, int tid, long nr, const char *name,
                         const uint64_t args[6], const struct trace_strs *strs) {
  struct jline j;
  begin(&j, "syscall_entry", true);
  ids(&j, pid, tid);
  jl_int(&j, "nr", nr);
  jl_cstr(&j, "name", name);
  jl_hex_array(&j, "args", args, 6);
  if (strs && strs->n) {
    jl_str_map(&j, "str", strs->idx, strs->s, strs->len, strs->n);
    unsigned cut[TRACE_STR_ARGS], ncut = 0;
    for (unsigned i = 0; i < strs->n; i++)
      if (strs->cut[i])
        cut[ncut++] = strs->idx[i];
    if (ncut)
      jl_uint_array(&j, "str_cut", cut, ncut);
  }
  emit(&j);
}

void trace_syscall_exit(int pid, int tid, long nr, const char *name,
                        int64_t ret, const char *err) {
  struct jline j;
  begin(&j, "syscall_exit", true);
  ids(&j, pid, tid);
  jl_int(&j, "nr", nr);
  jl_cstr(&j, "name", name);
  jl_int(&j, "ret", ret);
  if (err)
    jl_cstr(&j, "errno", err);
  emit(&j);
}

void trace_signal(int pid, int tid, const char *sig, const char *code,
                  int code_num, bool has_addr, uint64_t addr, const char *action) {
  struct jline j;
  begin(&j, "signal", true);
  ids(&j, pid, tid);
  jl_cstr(&j, "sig", sig);
  char num[16]; /* never omitted: the number when the code has no name */
  if (!code)
    ksnprintf(num, sizeof num, "%d", code_num);
  jl_cstr(&j, "code", code ? code : num);
  if (has_addr)
    jl_hex(&j, "addr", addr);
  jl_cstr(&j, "action", action);
  emit(&j);
}

void trace_fault(int pid, int tid, uint64_t addr, uint64_t ip,
                 const char *access, const char *result) {
  struct jline j;
  begin(&j, "fault", true);
  ids(&j, pid, tid);
  jl_hex(&j, "addr", addr);
  jl_hex(&j, "ip", ip);
  jl_cstr(&j, "access", access);
  jl_cstr(&j, "result", result);
  emit(&j);
}

void trace_process(int pid, const char *kind, int other) {
  struct jline j;
  begin(&j, "process", true);
  jl_int(&j, "pid", pid);
  jl_cstr(&j, "kind", kind);
  jl_int(&j, "other", other);
  emit(&j);
}

void trace_exit(int pid, int status, const char *signame, bool core) {
  struct jline j;
  begin(&j, "exit", true);
  jl_int(&j, "pid", pid);
  if (signame) {
    jl_cstr(&j, "signal", signame);
    if (core)
      jl_bool(&j, "core", true);
  } else {
    jl_int(&j, "status", status);
  }
  emit(&j);
}

void trace_unimplemented(int pid, int tid, long nr, const char *name) {
  struct jline j;
  begin(&j, "unimplemented", true);
  ids(&j, pid, tid);
  jl_int(&j, "nr", nr);
  if (name)
    jl_cstr(&j, "name", name);
  emit(&j);
}

void trace_log(const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  kvsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  struct jline j;
  begin(&j, "log", true);
  jl_cstr(&j, "msg", msg);
  emit(&j);
}

void trace_panic(const char *msg, uint64_t ip, const char *regs) {
  struct jline j;
  begin(&j, "panic", false);
  jl_cstr(&j, "msg", msg);
  jl_hex(&j, "ip", ip);
  if (regs)
    jl_cstr(&j, "regs", regs);
  emit(&j);
}
