/* proc_format.c and libos/seqbuf.c on the host: maps lines byte for byte
 * as the reference Linux (6.18, x86-64) printed them, status's name
 * escaping, the number parser of /proc writes, and seqbuf's all-or-nothing
 * appends. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include <linux_shim/proc_format.h>
#include <uapi/errno.h>

static char text[8192];

static const char *line(const struct proc_map_line *l) {
  struct seqbuf s = {.buf = text, .cap = sizeof text - 1};
  proc_put_map_line(&s, l);
  text[s.len] = 0;
  return text;
}

static void test_maps(void) {
  /* Lines from the host's /proc/self/maps. */
  struct proc_map_line prog = {0x400000, 0x401000, 0,           10987070,
                               0xfe,     0,        true,        false,
                               false,    false,    "/tmp/p14/m"};
  CHECK(strcmp(line(&prog), "00400000-00401000 r--p 00000000 fe:00 10987070  "
                            "                         /tmp/p14/m\n") == 0);
  struct proc_map_line text_seg = prog;
  text_seg.start = 0x401000, text_seg.end = 0x403000, text_seg.offset = 0x1000;
  text_seg.x = true;
  CHECK(strcmp(line(&text_seg), "00401000-00403000 r-xp 00001000 fe:00 "
                                "10987070                           "
                                "/tmp/p14/m\n") == 0);
  struct proc_map_line heap = {0x2dc32000, 0x2dc33000, 0,     0,     0,       0,
                               true,       true,       false, false, "[heap]"};
  CHECK(strcmp(line(&heap), "2dc32000-2dc33000 rw-p 00000000 00:00 0        "
                            "                          [heap]\n") == 0);
  struct proc_map_line vdso = {
      0x7fc5f5064000, 0x7fc5f5066000, 0,    0,     0,       0,
      true,           false,          true, false, "[vdso]"};
  CHECK(strcmp(line(&vdso), "7fc5f5064000-7fc5f5066000 r-xp 00000000 00:00 0"
                            "                          [vdso]\n") == 0);
  struct proc_map_line vsys = {0xffffffffff600000,
                               0xffffffffff601000,
                               0,
                               0,
                               0,
                               0,
                               false,
                               false,
                               true,
                               false,
                               "[vsyscall]"};
  CHECK(strcmp(line(&vsys), "ffffffffff600000-ffffffffff601000 --xp 00000000 "
                            "00:00 0                  [vsyscall]\n") == 0);
  struct proc_map_line anon = {
      0x7f88a0f97000, 0x7f88a0fb9000, 0, 0, 0, 0, true, true, false, false, 0};
  CHECK(strcmp(line(&anon), "7f88a0f97000-7f88a0fb9000 rw-p 00000000 00:00 "
                            "0 \n") == 0);
  struct proc_map_line shared = {
      0x7f88a11ff000, 0x7f88a1206000, 0,     332280, 0xfe, 0,
      true,           false,          false, true,   "/x"};
  CHECK(strcmp(line(&shared), "7f88a11ff000-7f88a1206000 r--s 00000000 fe:00 "
                              "332280                     /x\n") == 0);
  /* A prefix past column 72: seq_pad adds nothing, its space follows the
   * prefix's own. */
  struct proc_map_line wide = vsys;
  wide.inode = 18446744073709551615ULL, wide.name = "n";
  const char *w = line(&wide);
  CHECK(strstr(w, " 18446744073709551615  n\n") != 0);
}

static const char *escaped(const char *name) {
  struct seqbuf s = {.buf = text, .cap = sizeof text - 1};
  proc_put_escaped_name(&s, name);
  text[s.len] = 0;
  return text;
}

static void test_escape(void) {
  CHECK(strcmp(escaped("cat"), "cat") == 0);
  CHECK(strcmp(escaped("a\nb"), "a\\nb") == 0);
  CHECK(strcmp(escaped("t\tb\\"), "t\\tb\\\\") == 0);
  CHECK(strcmp(escaped("\v\f\r"), "\\v\\f\\r") == 0);
  CHECK(strcmp(escaped(""), "") == 0);
}

static int parsed(const char *s, int *v) {
  return proc_parse_int(s, strlen(s), 12, v);
}

static void test_parse(void) {
  int v = 7;
  CHECK(parsed("100\n", &v) == 0 && v == 100);
  CHECK(parsed(" 200 ", &v) == 0 && v == 200);
  CHECK(parsed("+300", &v) == 0 && v == 300);
  CHECK(parsed("-1000", &v) == 0 && v == -1000);
  CHECK(parsed("-2147483648", &v) == 0 && v == -2147483647 - 1);
  CHECK(parsed("2147483647", &v) == 0 && v == 2147483647);
  CHECK(parsed("2147483648", &v) == -ERANGE);
  CHECK(parsed("99999999999999999999", &v) == -ERANGE); /* first 12 bytes */
  CHECK(parsed("garbage", &v) == -EINVAL);
  CHECK(parsed("12x", &v) == -EINVAL);
  CHECK(parsed("", &v) == -EINVAL);
  CHECK(parsed("-", &v) == -EINVAL);
  CHECK(parsed("  \n", &v) == -EINVAL);
  CHECK(parsed("1 2", &v) == -EINVAL);
  CHECK(proc_parse_int("5\0junk", 6, 12, &v) == 0 && v == 5);
  CHECK(proc_parse_int("12345678901234", 14, 12, &v) == -ERANGE);
  CHECK(proc_parse_int("1234567890123", 13, 3, &v) == 0 && v == 123);
}

static void test_seqbuf(void) {
  char small[8];
  struct seqbuf s = {.buf = small, .cap = sizeof small - 1};
  seq_printf(&s, "%s", "abc");
  CHECK(s.len == 3 && !s.overflow && memcmp(small, "abc", 3) == 0);
  seq_printf(&s, "%s", "defgh"); /* 8 > 7: nothing of it */
  CHECK(s.len == 3 && s.overflow);
  seq_write(&s, "d", 1); /* after an overflow nothing is appended */
  CHECK(s.len == 3);
  struct seqbuf t = {.buf = small, .cap = sizeof small - 1};
  seq_write(&t, "ab", 2);
  seq_pad_to(&t, 5);
  CHECK(t.len == 5 && memcmp(small, "ab   ", 5) == 0);
  seq_pad_to(&t, 3); /* already wider: nothing */
  CHECK(t.len == 5 && !t.overflow);
  seq_pad_to(&t, 9);
  CHECK(t.overflow && t.len == 7);
}

int main(void) {
  test_maps();
  test_escape();
  test_parse();
  test_seqbuf();
  return check_done("test_proc_format");
}
