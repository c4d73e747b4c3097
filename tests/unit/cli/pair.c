/* See pair.h. */
#include "pair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl_read.h"
#include "strace_parse.h"
#include "syscall_names.h"

/* Splits one spec line into words (modifies line). */
static int words(char *line, char **w, int max) {
  int n = 0;
  for (char *t = strtok(line, " "); t && n < max; t = strtok(NULL, " "))
    w[n++] = t;
  return n;
}

static void each_line(const char *spec, char *out, size_t n, bool strace) {
  size_t k = 0;
  int seq = 0;
  out[0] = 0;
#define PUT(...) (k += (size_t)snprintf(out + k, n - k, __VA_ARGS__))
  if (strace)
    PUT("4242 execve(\"./t\", [\"./t\"], 0x7ffc00000000 /* 3 vars */) = 0\n");
  else
    PUT("{\"ev\":\"boot\",\"v\":1,\"arch\":\"x86_64\"}\n");
  char *copy = strdup(spec);
  for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
       line = strtok_r(NULL, "\n", &save)) {
    char *w[16];
    int nw = words(line, w, 16);
    if (!nw)
      continue;
    if (!strcmp(w[0], "SIG")) {
      if (strace)
        PUT("4242 --- %s {si_signo=%s, si_code=%s} ---\n", w[1], w[1], w[2]);
      else
        PUT("{\"ev\":\"signal\",\"seq\":%d,\"pid\":1,\"tid\":1,\"sig\":\"%s\",\"code\":\"%s\"}\n", ++seq, w[1], w[2]);
    } else if (!strcmp(w[0], "EXIT")) {
      if (strace)
        PUT("4242 +++ exited with %s +++\n", w[1]);
      else
        PUT("{\"ev\":\"exit\",\"seq\":%d,\"pid\":1,\"status\":%s}\n", ++seq, w[1]);
    } else if (!strcmp(w[0], "KILL")) {
      if (strace)
        PUT("4242 +++ killed by %s +++\n", w[1]);
      else
        PUT("{\"ev\":\"exit\",\"seq\":%d,\"pid\":1,\"signal\":\"%s\"}\n", ++seq, w[1]);
    } else if (!strcmp(w[0], "PANIC")) {
      if (!strace)
        PUT("{\"ev\":\"panic\",\"msg\":\"%s\",\"ip\":\"0x1\"}\n", nw > 1 ? w[1] : "");
    } else {
      int eq = 1;
      while (eq < nw && strcmp(w[eq], "="))
        eq++;
      const char *ret = eq + 1 < nw ? w[eq + 1] : "?";
      const char *err = eq + 2 < nw ? w[eq + 2] : NULL;
      if (strace) {
        PUT("4242 %s(", w[0]);
        for (int i = 1; i < eq; i++)
          PUT("%s%s", i > 1 ? ", " : "", w[i]);
        if (err)
          PUT(") = %s %s (Some text)\n", strcmp(ret, "?") ? "-1" : "?", err);
        else
          PUT(") = %s\n", ret);
      } else {
        const struct sc_info *s = sc_by_name(w[0]);
        PUT("{\"ev\":\"syscall_entry\",\"seq\":%d,\"pid\":1,\"tid\":1,\"nr\":%d,\"name\":\"%s\",\"args\":[", ++seq,
            s ? s->nr[0] : 0, w[0]);
        for (int i = 1; i < 7; i++) {
          long long v = i < eq ? strtoll(w[i], NULL, 0) : 0;
          PUT("%s\"0x%llx\"", i > 1 ? "," : "", (unsigned long long)v);
        }
        PUT("]}\n");
        if (strcmp(ret, "?") || err) {
          if (err)
            PUT("{\"ev\":\"syscall_exit\",\"seq\":%d,\"pid\":1,\"tid\":1,\"name\":\"%s\",\"ret\":-22,\"errno\":\"%s\"}\n",
                ++seq, w[0], err);
          else
            PUT("{\"ev\":\"syscall_exit\",\"seq\":%d,\"pid\":1,\"tid\":1,\"name\":\"%s\",\"ret\":%lld}\n", ++seq, w[0],
                strtoll(ret, NULL, 0));
        }
      }
    }
  }
  free(copy);
#undef PUT
}

void spec_to_strace(const char *spec, char *out, size_t n) { each_line(spec, out, n, true); }
void spec_to_jsonl(const char *spec, char *out, size_t n) { each_line(spec, out, n, false); }

int pair_run(struct pair *p, const char *linux_spec, const char *libos_spec, const char *filter) {
  static char a[1 << 16], b[1 << 16];
  spec_to_strace(linux_spec, a, sizeof a);
  spec_to_jsonl(libos_spec, b, sizeof b);
  struct kd_error e;
  trace_init(&p->L, "linux");
  trace_init(&p->R, "libos");
  if (strace_parse_mem(a, strlen(a), &p->L, &e) ||
      jsonl_read_mem(b, strlen(b), ARCH_X86_64, &p->R, &e)) {
    fprintf(stderr, "pair_run: %s\n", e.msg);
    return -1;
  }
  uint32_t fl[8];
  size_t nf = 0;
  if (filter) {
    char *copy = strdup(filter);
    for (char *t = strtok(copy, ","); t && nf < 8; t = strtok(NULL, ","))
      fl[nf++] = intern(t);
    free(copy);
  }
  struct norm_opts lo = {.linux_side = true, .filter = filter ? fl : NULL, .nfilter = nf};
  struct norm_opts ro = {.filter = filter ? fl : NULL, .nfilter = nf};
  normalise(&p->L, &lo);
  normalise(&p->R, &ro);
  return align_traces(&p->L, &p->R, &p->a);
}

void pair_free(struct pair *p) {
  alignment_free(&p->a);
  trace_free(&p->L);
  trace_free(&p->R);
}

const char *pair_kind(const struct pair *p) {
  return p->a.first == (size_t)-1 ? "none" : row_status_name(p->a.first_kind);
}

long pair_index(const struct pair *p) {
  return p->a.first == (size_t)-1 ? -1 : (long)p->a.rows[p->a.first].linux_index;
}
