/* JSON trace lines: parsed back with jansson, every byte value must come
 * back (as the code point of the same number), the text must be ASCII, and
 * a line that overflows must still parse, with "truncated":true. */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "libos/json.h"

/* Parse one line; NULL (and a message) when jansson rejects it. */
static json_t *parse(const char *line, size_t len) {
  json_error_t err;
  json_t *v = json_loadb(line, len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES,
                         &err);
  if (!v)
    fprintf(stderr, "jansson: %s in [%.*s]\n", err.text, (int)len, line);
  return v;
}

static bool ascii_line(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80 || (s[i] < 0x20 && s[i] != '\n'))
      return false;
  return len > 0 && s[len - 1] == '\n' && memchr(s, '\n', len) == s + len - 1;
}

/* Decode jansson's UTF-8 into code points; each must be < 256. */
static size_t codepoints(const char *u, size_t n, unsigned *cp, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < max;) {
    unsigned char c = (unsigned char)u[i];
    if (c < 0x80) {
      cp[k++] = c;
      i++;
    } else if ((c & 0xe0) == 0xc0 && i + 1 < n) {
      cp[k++] = ((c & 0x1fu) << 6) | ((unsigned char)u[i + 1] & 0x3fu);
      i += 2;
    } else {
      cp[k++] = 0xffffffffu; /* wider than expected: a failure */
      i++;
    }
  }
  return k;
}

static void test_all_bytes(void) {
  char bytes[256];
  for (int i = 0; i < 256; i++)
    bytes[i] = (char)i;
  static char buf[16384];
  struct jline j;
  jl_begin(&j, buf, sizeof buf);
  jl_str(&j, "all", bytes, sizeof bytes);
  /* Each byte alone too, so an escaping slip names the byte. */
  for (int i = 0; i < 256; i++) {
    char key[8];
    snprintf(key, sizeof key, "b%d", i);
    jl_str(&j, key, &bytes[i], 1);
  }
  size_t len = jl_end(&j);
  CHECK(!j.overflow);
  CHECK(len == strlen(buf));
  CHECK(ascii_line(buf, len));
  json_t *v = parse(buf, len);
  CHECK(v != NULL);
  if (!v)
    return;
  json_t *all = json_object_get(v, "all");
  CHECK(json_is_string(all));
  unsigned cp[300];
  size_t n = codepoints(json_string_value(all), json_string_length(all), cp,
                        300);
  CHECK(n == 256);
  for (size_t i = 0; i < n && i < 256; i++)
    CHECK_MSG(cp[i] == i, "byte %zu came back as %u", i, cp[i]);
  for (int i = 0; i < 256; i++) {
    char key[8];
    snprintf(key, sizeof key, "b%d", i);
    json_t *s = json_object_get(v, key);
    unsigned c1[4];
    size_t k = s ? codepoints(json_string_value(s), json_string_length(s), c1,
                              4)
                 : 0;
    CHECK_MSG(k == 1 && c1[0] == (unsigned)i, "byte %d alone", i);
  }
  CHECK(json_object_get(v, "truncated") == NULL);
  json_decref(v);
}

static void test_numbers_and_kinds(void) {
  char buf[512];
  struct jline j;
  const uint64_t arr[6] = {0, 1, 0xdeadbeef, UINT64_MAX, 0x7f0000001000, 16};
  jl_begin(&j, buf, sizeof buf);
  jl_cstr(&j, "ev", "syscall_exit");
  jl_int(&j, "neg", INT64_MIN);
  jl_int(&j, "pos", INT64_MAX);
  jl_int(&j, "zero", 0);
  jl_uint(&j, "u", UINT64_MAX);
  jl_uint(&j, "u63", INT64_MAX);
  jl_hex(&j, "h", 0x7f0000001000ull);
  jl_hex(&j, "h0", 0);
  jl_hex_array(&j, "args", arr, 6);
  jl_hex_array(&j, "none", arr, 0);
  jl_bool(&j, "t", true);
  jl_bool(&j, "f", false);
  jl_cstr(&j, "k\"ey\n", "v"); /* odd keys are escaped too */
  size_t len = jl_end(&j);
  CHECK(ascii_line(buf, len));
  json_t *v = parse(buf, len);
  CHECK(v != NULL);
  if (!v)
    return;
  CHECK(!strcmp(json_string_value(json_object_get(v, "ev")), "syscall_exit"));
  CHECK(json_integer_value(json_object_get(v, "neg")) == INT64_MIN);
  CHECK(json_integer_value(json_object_get(v, "pos")) == INT64_MAX);
  CHECK(json_integer_value(json_object_get(v, "zero")) == 0);
  /* jansson holds integers as int64: larger unsigned values are hex
   * strings so a jansson reader never rejects the line. */
  CHECK(!strcmp(json_string_value(json_object_get(v, "u")),
                "0xffffffffffffffff"));
  CHECK(json_integer_value(json_object_get(v, "u63")) == INT64_MAX);
  CHECK(!strcmp(json_string_value(json_object_get(v, "h")), "0x7f0000001000"));
  CHECK(!strcmp(json_string_value(json_object_get(v, "h0")), "0x0"));
  json_t *a = json_object_get(v, "args");
  CHECK(json_array_size(a) == 6);
  for (size_t i = 0; i < 6 && i < json_array_size(a); i++) {
    char want[24];
    snprintf(want, sizeof want, "0x%llx", (unsigned long long)arr[i]);
    CHECK(!strcmp(json_string_value(json_array_get(a, i)), want));
  }
  CHECK(json_is_array(json_object_get(v, "none")) &&
        json_array_size(json_object_get(v, "none")) == 0);
  CHECK(json_is_true(json_object_get(v, "t")));
  CHECK(json_is_false(json_object_get(v, "f")));
  CHECK(!strcmp(json_string_value(json_object_get(v, "k\"ey\n")), "v"));
  CHECK(json_object_size(v) == 13);
  json_decref(v);
}

/* Every buffer size from the minimum up: always valid, never past cap,
 * marked truncated exactly when a field was dropped, and kept fields are
 * whole and in order. */
static void test_truncation(void) {
  char big[600];
  for (size_t i = 0; i < sizeof big; i++)
    big[i] = (char)(i * 37 + 1);
  const uint64_t arr[6] = {1, 2, 3, 4, 5, UINT64_MAX};
  int whole = 0, cut = 0, path_dropped_ret_kept = 0;
  for (size_t cap = 64; cap <= 5000; cap += cap < 1400 ? 1 : 37) {
    char *buf = malloc(cap + 8);
    memset(buf, 'X', cap + 8);
    struct jline j;
    jl_begin(&j, buf, cap);
    jl_cstr(&j, "ev", "syscall_entry");
    jl_uint(&j, "seq", 123456789);
    jl_str(&j, "path", big, sizeof big);
    jl_hex_array(&j, "args", arr, 6);
    jl_int(&j, "ret", -12);
    size_t len = jl_end(&j);
    CHECK(len < cap);
    CHECK(buf[len] == '\0');
    CHECK(memcmp(buf + cap, "XXXXXXXX", 8) == 0); /* nothing past cap */
    CHECK(ascii_line(buf, len));
    json_t *v = parse(buf, len);
    CHECK_MSG(v != NULL, "cap %zu", cap);
    if (v) {
      size_t fields = json_object_size(v);
      bool trunc = json_is_true(json_object_get(v, "truncated"));
      CHECK(trunc == j.overflow);
      CHECK(trunc == (fields - trunc < 5)); /* a field is missing */
      whole += !trunc;
      cut += trunc;
      path_dropped_ret_kept += trunc && !json_object_get(v, "path") &&
                               json_object_get(v, "ret");
      json_t *p = json_object_get(v, "path");
      if (p)
        CHECK(json_string_length(p) >= sizeof big); /* whole, never cut */
      CHECK(json_object_get(v, "ev") != NULL); /* the first always fits */
      json_decref(v);
    }
    free(buf);
  }
  /* The sweep really covered both outcomes, and a later small field
   * survives an earlier big one being dropped. */
  CHECK(whole > 0 && cut > 0 && path_dropped_ret_kept > 0);
}

/* The syscall_entry string map: hostile bytes stay valid ASCII JSON, and a
 * map that does not fit is dropped whole. */
static void test_str_map(void) {
  char buf[256];
  struct jline j;
  const char bad[] = {'/', '"', '\\', '\n', 1, (char)0xff, (char)0xc3, 'x'};
  const unsigned idx[2] = {1, 3};
  const char *strs[2] = {bad, "lf"};
  const size_t lens[2] = {sizeof bad, 2};
  const unsigned cut[1] = {3};
  jl_begin(&j, buf, sizeof buf);
  jl_str_map(&j, "str", idx, strs, lens, 2);
  jl_uint_array(&j, "str_cut", cut, 1);
  size_t len = jl_end(&j);
  CHECK(ascii_line(buf, len));
  json_t *v = parse(buf, len);
  CHECK(v != NULL);
  if (!v)
    return;
  json_t *m = json_object_get(v, "str");
  CHECK(json_object_size(m) == 2);
  CHECK(!strcmp(json_string_value(json_object_get(m, "3")), "lf"));
  json_t *b = json_object_get(m, "1");
  unsigned cp[16];
  size_t k = codepoints(json_string_value(b), json_string_length(b), cp, 16);
  CHECK(k == sizeof bad);
  for (size_t i = 0; i < k && i < sizeof bad; i++)
    CHECK(cp[i] == (unsigned char)bad[i]);
  CHECK(json_integer_value(json_array_get(json_object_get(v, "str_cut"), 0)) == 3);
  json_decref(v);
  char big[300];
  memset(big, 'a', sizeof big);
  const char *bs[2] = {"ok", big};
  const size_t bl[2] = {2, sizeof big};
  jl_begin(&j, buf, sizeof buf);
  jl_cstr(&j, "ev", "syscall_entry");
  jl_str_map(&j, "str", idx, bs, bl, 2);
  len = jl_end(&j);
  v = parse(buf, len);
  CHECK(v && !json_object_get(v, "str") && json_is_true(json_object_get(v, "truncated")));
  json_decref(v);
}

int main(void) {
  test_str_map();
  test_all_bytes();
  test_numbers_and_kinds();
  test_truncation();
  return check_done("test_json");
}
