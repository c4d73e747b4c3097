/* JSON trace lines: always valid, always ASCII, never longer than the
 * buffer. Each field is written tentatively and rolled back if it does not
 * fit, so a full line loses whole fields, never half a string. */
#include "libos/json.h"

/* Room always kept free for the closing text: ,"truncated":true}\n and NUL. */
#define JL_TAIL (sizeof(",\"truncated\":true}\n") - 1 + 1)

static const char hexdig[] = "0123456789abcdef";

/* Append raw bytes if they fit below the reserved tail; false if not. */
static bool raw(struct jline *j, const char *s, size_t n) {
  if (j->cap < JL_TAIL || n > j->cap - JL_TAIL - j->len)
    return false;
  for (size_t i = 0; i < n; i++)
    j->buf[j->len + i] = s[i];
  j->len += n;
  return true;
}

static bool rawc(struct jline *j, const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return raw(j, s, n);
}

/* A quoted JSON string of the n bytes at s. Bytes >= 0x80 become \u00XX
 * (the code point equal to the byte), so the output is pure ASCII and a
 * reader recovers every byte. */
static bool quoted(struct jline *j, const char *s, size_t n) {
  if (!raw(j, "\"", 1))
    return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char e[6];
    size_t en;
    if (c == '"' || c == '\\') {
      e[0] = '\\';
      e[1] = (char)c;
      en = 2;
    } else if (c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
      e[0] = '\\';
      e[1] = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r'
                                           : c == '\b' ? 'b' : 'f';
      en = 2;
    } else if (c < 0x20 || c >= 0x7f) {
      e[0] = '\\';
      e[1] = 'u';
      e[2] = '0';
      e[3] = '0';
      e[4] = hexdig[c >> 4];
      e[5] = hexdig[c & 15];
      en = 6;
    } else {
      e[0] = (char)c;
      en = 1;
    }
    if (!raw(j, e, en))
      return false;
  }
  return raw(j, "\"", 1);
}

/* Start a field: separator and key. Returns the length to roll back to. */
static size_t field_begin(struct jline *j, const char *key, bool *ok) {
  size_t mark = j->len;
  size_t klen = 0;
  while (key[klen])
    klen++;
  *ok = (j->first || raw(j, ",", 1)) && quoted(j, key, klen) &&
        raw(j, ":", 1);
  return mark;
}

/* Finish a field: keep it, or roll it back and remember the loss. */
static void field_end(struct jline *j, size_t mark, bool ok) {
  if (ok) {
    j->first = false;
  } else {
    j->len = mark;
    j->overflow = true;
  }
}

static size_t fmt_u64(char *t, uint64_t v) {
  char tmp[20];
  size_t n = 0, i = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n)
    t[i++] = tmp[--n];
  return i;
}

static size_t fmt_hex(char *t, uint64_t v) {
  char tmp[16];
  size_t n = 0, i = 0;
  do {
    tmp[n++] = hexdig[v & 15];
    v >>= 4;
  } while (v);
  t[i++] = '"';
  t[i++] = '0';
  t[i++] = 'x';
  while (n)
    t[i++] = tmp[--n];
  t[i++] = '"';
  return i;
}

void jl_begin(struct jline *j, char *buf, size_t cap) {
  j->buf = buf;
  j->cap = cap;
  j->len = 0;
  j->first = true;
  j->overflow = false;
  if (cap >= JL_TAIL + 1)
    buf[j->len++] = '{';
  else
    j->overflow = true; /* contract broken (cap < 64): jl_end copes */
}

void jl_str(struct jline *j, const char *key, const char *s, size_t n) {
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  field_end(j, mark, ok && quoted(j, s, n));
}

void jl_cstr(struct jline *j, const char *key, const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  jl_str(j, key, s, n);
}

void jl_int(struct jline *j, const char *key, int64_t v) {
  char t[21];
  size_t n = 0;
  uint64_t mag = (uint64_t)v;
  if (v < 0) {
    t[n++] = '-';
    mag = (uint64_t)0 - mag;
  }
  n += fmt_u64(t + n, mag);
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  field_end(j, mark, ok && raw(j, t, n));
}

void jl_uint(struct jline *j, const char *key, uint64_t v) {
  if (v > (uint64_t)INT64_MAX) {
    jl_hex(j, key, v); /* readers (jansson) hold integers as int64 */
    return;
  }
  char t[20];
  size_t n = fmt_u64(t, v);
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  field_end(j, mark, ok && raw(j, t, n));
}

void jl_hex(struct jline *j, const char *key, uint64_t v) {
  char t[20];
  size_t n = fmt_hex(t, v);
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  field_end(j, mark, ok && raw(j, t, n));
}

void jl_hex_array(struct jline *j, const char *key, const uint64_t *v,
                  unsigned n) {
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  ok = ok && raw(j, "[", 1);
  for (unsigned i = 0; ok && i < n; i++) {
    char t[20];
    size_t tn = fmt_hex(t, v[i]);
    ok = (i == 0 || raw(j, ",", 1)) && raw(j, t, tn);
  }
  field_end(j, mark, ok && raw(j, "]", 1));
}

void jl_str_map(struct jline *j, const char *key, const unsigned *idx,
                const char *const *s, const size_t *len, unsigned n) {
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  ok = ok && raw(j, "{", 1);
  for (unsigned i = 0; ok && i < n; i++) {
    char k = (char)('0' + idx[i] % 10);
    ok = (i == 0 || raw(j, ",", 1)) && quoted(j, &k, 1) && raw(j, ":", 1) &&
         quoted(j, s[i], len[i]);
  }
  field_end(j, mark, ok && raw(j, "}", 1));
}

void jl_uint_array(struct jline *j, const char *key, const unsigned *v,
                   unsigned n) {
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  ok = ok && raw(j, "[", 1);
  for (unsigned i = 0; ok && i < n; i++) {
    char t[20];
    size_t tn = fmt_u64(t, v[i]);
    ok = (i == 0 || raw(j, ",", 1)) && raw(j, t, tn);
  }
  field_end(j, mark, ok && raw(j, "]", 1));
}

void jl_bool(struct jline *j, const char *key, bool v) {
  bool ok;
  size_t mark = field_begin(j, key, &ok);
  field_end(j, mark, ok && rawc(j, v ? "true" : "false"));
}

size_t jl_end(struct jline *j) {
  if (j->cap < JL_TAIL + 1) {
    /* Too small to promise anything but an empty string. */
    if (j->cap)
      j->buf[0] = '\0';
    j->len = 0;
    return 0;
  }
  /* The tail below always fits: raw() never let fields into it. */
  const char *tail = j->overflow ? (j->first ? "\"truncated\":true}\n"
                                             : ",\"truncated\":true}\n")
                                 : "}\n";
  for (const char *t = tail; *t; t++)
    j->buf[j->len++] = *t;
  j->buf[j->len] = '\0';
  return j->len;
}
