/* Writes a pair of traces of N syscalls for timing kdiff: Linux as
 * `strace -f -n -o` text and libos as JSONL v1, agreeing except for a few
 * planted divergences (an errno at N/2, a missing call at 3N/4, and
 * shifted addresses throughout, which normalisation must absorb).
 * usage: gen_traces N OUT.strace OUT.jsonl */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static long seq;

static void entry(FILE *j, int nr, const char *name, const uint64_t *a) {
  fprintf(j,
          "{\"ev\":\"syscall_entry\",\"seq\":%ld,\"pid\":1,\"tid\":1,\"nr\":%d,\"name\":\"%s\","
          "\"args\":[\"0x%" PRIx64 "\",\"0x%" PRIx64 "\",\"0x%" PRIx64 "\",\"0x%" PRIx64
          "\",\"0x%" PRIx64 "\",\"0x%" PRIx64 "\"]}\n",
          ++seq, nr, name, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* An entry whose argument 0 is a str: the kernel records its string. */
static void entry_str0(FILE *j, int nr, const char *name, const uint64_t *a,
                       const char *str) {
  fprintf(j,
          "{\"ev\":\"syscall_entry\",\"seq\":%ld,\"pid\":1,\"tid\":1,\"nr\":%d,\"name\":\"%s\","
          "\"args\":[\"0x%" PRIx64 "\",\"0x%" PRIx64 "\",\"0x%" PRIx64 "\",\"0x%" PRIx64
          "\",\"0x%" PRIx64 "\",\"0x%" PRIx64 "\"],\"str\":{\"0\":\"%s\"}}\n",
          ++seq, nr, name, a[0], a[1], a[2], a[3], a[4], a[5], str);
}

static void exit_rec(FILE *j, int nr, const char *name, long ret, const char *err) {
  if (err)
    fprintf(j, "{\"ev\":\"syscall_exit\",\"seq\":%ld,\"pid\":1,\"tid\":1,\"nr\":%d,\"name\":\"%s\",\"ret\":%ld,\"errno\":\"%s\"}\n",
            ++seq, nr, name, ret, err);
  else
    fprintf(j, "{\"ev\":\"syscall_exit\",\"seq\":%ld,\"pid\":1,\"tid\":1,\"nr\":%d,\"name\":\"%s\",\"ret\":%ld}\n",
            ++seq, nr, name, ret);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: gen_traces N OUT.strace OUT.jsonl\n");
    return 2;
  }
  long n = atol(argv[1]);
  FILE *s = fopen(argv[2], "w"), *j = fopen(argv[3], "w");
  if (!s || !j) {
    perror("gen_traces");
    return 2;
  }
  const int P = 4242;
  fprintf(s, "%d  [  59] execve(\"./bench\", [\"./bench\"], 0x7ffc97285270 /* 37 vars */) = 0\n", P);
  fprintf(j, "{\"ev\":\"boot\",\"v\":1,\"arch\":\"x86_64\",\"cmdline\":\"debug=syscall,signal --\"}\n");
  uint64_t lbrk = 0x1396a000, jbrk = 0x405000; /* each side's own break */
  uint64_t lmap = 0x7f64a71e4000, jmap = 0x7fff00000000;
  long err_at = n / 2, miss_at = 3 * n / 4;
  for (long i = 0; i < n; i++) {
    uint64_t r = next() % 100, z[6] = {0};
    if (i == err_at || i == miss_at)
      r = 99; /* the planted divergences are on writes */
    if (i == 0 || r < 5) { /* brk(0) or a growth */
      uint64_t grow = i == 0 ? 0 : 0x1000 * (1 + next() % 4);
      uint64_t la = grow ? lbrk + grow : 0, ja = grow ? jbrk + grow : 0;
      if (grow) {
        lbrk += grow;
        jbrk += grow;
        fprintf(s, "%d  [  12] brk(%#" PRIx64 ")            = %#" PRIx64 "\n", P, la, lbrk);
      } else {
        fprintf(s, "%d  [  12] brk(NULL)                  = %#" PRIx64 "\n", P, lbrk);
      }
      z[0] = ja;
      entry(j, 12, "brk", z);
      exit_rec(j, 12, "brk", (long)jbrk, NULL);
    } else if (r < 10 && i + 1 != err_at && i + 1 != miss_at) { /* mmap + munmap */
      long len = 4096 * (1 + (long)(next() % 8));
      fprintf(s, "%d  [   9] mmap(NULL, %ld, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = %#" PRIx64 "\n",
              P, len, lmap);
      uint64_t a[6] = {0, (uint64_t)len, 3, 0x22, ~0ull, 0};
      entry(j, 9, "mmap", a);
      exit_rec(j, 9, "mmap", (long)jmap, NULL);
      fprintf(s, "%d  [  11] munmap(%#" PRIx64 ", %ld) = 0\n", P, lmap, len);
      uint64_t b[6] = {jmap, (uint64_t)len, 0, 0, 0, 0};
      entry(j, 11, "munmap", b);
      exit_rec(j, 11, "munmap", 0, NULL);
      i++;
      lmap -= 0x100000;
      jmap -= 0x100000;
    } else if (r < 20) {
      fprintf(s, "%d  [   2] open(\"/etc/bench/%ld\", O_RDONLY|O_LARGEFILE) = -1 ENOENT (No such file or directory)\n", P, i);
      uint64_t a[6] = {0x401000, 0x8000, 0, 0, 0, 0};
      char path[64];
      snprintf(path, sizeof path, "/etc/bench/%ld", i);
      entry_str0(j, 2, "open", a, path);
      exit_rec(j, 2, "open", -2, "ENOENT");
    } else if (r < 30) {
      fprintf(s, "%d  [  39] getpid()                   = %d\n", P, P);
      entry(j, 39, "getpid", z);
      exit_rec(j, 39, "getpid", 1, NULL);
    } else {
      long len = 1 + (long)(next() % 64);
      if (i == err_at) {
        fprintf(s, "%d  [   1] write(1, \"bench line %ld\\n\", %ld) = %ld\n", P, i, len, len);
        uint64_t a[6] = {1, 0x402000, (uint64_t)len, 0, 0, 0};
        entry(j, 1, "write", a);
        exit_rec(j, 1, "write", -5, "EIO");
        continue;
      }
      fprintf(s, "%d  [   1] write(1, \"bench line %ld\\n\", %ld) = %ld\n", P, i, len, len);
      if (i == miss_at)
        continue; /* the libos never made this call */
      uint64_t a[6] = {1, 0x402000, (uint64_t)len, 0, 0, 0};
      entry(j, 1, "write", a);
      exit_rec(j, 1, "write", len, NULL);
    }
  }
  fprintf(s, "%d  [ 231] exit_group(0)              = ?\n%d  [ 231] +++ exited with 0 +++\n", P, P);
  uint64_t z[6] = {0};
  entry(j, 231, "exit_group", z);
  fprintf(j, "{\"ev\":\"exit\",\"seq\":%ld,\"pid\":1,\"status\":0}\n", ++seq);
  if (fclose(s) || fclose(j)) {
    perror("gen_traces");
    return 2;
  }
  return 0;
}
