/* The JSONL reader (jsonl.h): lines from a buffer or a streamed file, each
 * classified, and a record's fields read by the fast scanner or, for what
 * it leaves, by jansson. */
#include "jsonl.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define JSONL_BLOCK                                                            \
  (1u << 20) /* file window (holds any line: JSONL_MAX_LINE) */

/* Marks every field absent. Field by field: a memset of the whole record
 * showed up as a sixth of the scanner's time. Values behind an absent mark
 * are never read. */
static void rec_clear(struct jsonl_rec *r) {
  r->ev.s = r->name.s = r->err.s = r->sig.s = r->code.s = r->signal.s =
      r->msg.s = r->arch.s = r->cmdline.s = r->action.s = NULL;
  r->v.present = r->pid.present = r->tid.present = r->nr.present =
      r->ret.present = r->status.present = 0;
  r->v.ok = r->pid.ok = r->tid.ok = r->nr.ok = r->ret.ok = r->status.ok = 0;
  r->nargs = 0;
  r->str_has = r->str_cut = 0;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* A number written as a string: "0x" and 1-16 hex digits. */
static void num_from_str(struct jsonl_num *out, const char *s, size_t n) {
  out->present = 1;
  out->ok = 0;
  if (n < 3 || n > 18 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
    return;
  uint64_t x = 0;
  for (size_t i = 2; i < n; i++) {
    int d = hex_digit(s[i]);
    if (d < 0)
      return;
    x = x << 4 | (uint64_t)d;
  }
  out->v = (int64_t)x;
  out->ok = 1;
}

/* ---- the fast scanner ------------------------------------------------- */

struct scan {
  const char *p, *end;
};

static void ws(struct scan *s) {
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
    s->p++;
}

/* Bytes that end a plain string: the closing quote, and what the scanner
 * leaves to jansson (escapes, control bytes, non-ASCII). */
static const unsigned char str_stop[256] = {
    [0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xff] = 1};

/* A string without escapes, control or non-ASCII bytes. */
static int scan_str(struct scan *s, struct jsonl_str *out) {
  if (s->p >= s->end || *s->p != '"')
    return 0;
  const char *a = s->p + 1, *q = a;
  while (q < s->end && !str_stop[(unsigned char)*q])
    q++;
  if (q >= s->end || *q != '"')
    return 0;
  out->s = a;
  out->n = (size_t)(q - a);
  s->p = q + 1;
  return 1;
}

/* A JSON integer of at most 18 digits (so it fits int64):
 * -?(0|[1-9][0-9]*), no fraction or exponent. */
static int scan_int(struct scan *s, int64_t *v) {
  bool neg = s->p < s->end && *s->p == '-';
  const char *d = s->p + neg, *q = d, *end = s->end;
  /* Digits read as they are found (one pass: every record has four or
   * five integers); unsigned, so a too-long run wraps harmlessly before
   * it is refused. */
  uint64_t x = 0;
  for (unsigned c; q < end && (c = (unsigned)(unsigned char)*q - '0') <= 9; q++)
    x = x * 10 + c;
  size_t nd = (size_t)(q - d);
  s->p = q;
  if (nd == 0 || nd > 18 || (nd > 1 && *d == '0'))
    return 0;
  if (q < end && (*q == '.' || *q == 'e' || *q == 'E'))
    return 0;
  *v = neg ? -(int64_t)x : (int64_t)x;
  return 1;
}

/* 1 + a hex digit's value; 0: not a hex digit. */
static const uint8_t hex1[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,
    ['6'] = 7,  ['7'] = 8,  ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12,
    ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12,
    ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16};

/* The kernel's "0x" + 1-16 hex digits, read while it is scanned (most of
 * a trace's bytes are these). Returns 0, consuming nothing, for anything
 * else: scan_str and num_from_str then decide, as they would have. */
static int scan_hex_str(struct scan *s, struct jsonl_num *n) {
  const char *q = s->p + 1;
  if (s->end - q < 4 || q[0] != '0' || q[1] != 'x')
    return 0;
  const char *d = q + 2, *e = d, *lim = s->end - d > 17 ? d + 17 : s->end;
  uint64_t x = 0;
  for (; e < lim && hex1[(unsigned char)*e]; e++)
    x = x << 4 | (uint64_t)(hex1[(unsigned char)*e] - 1);
  if (e == d || e - d > 16 || e >= s->end || *e != '"')
    return 0;
  n->present = 1;
  n->ok = 1;
  n->v = (int64_t)x;
  s->p = e + 1;
  return 1;
}

static int scan_num(struct scan *s, struct jsonl_num *n) {
  if (s->p < s->end && *s->p == '"') {
    if (scan_hex_str(s, n))
      return 1;
    struct jsonl_str str;
    if (!scan_str(s, &str))
      return 0;
    num_from_str(n, str.s, str.n);
    return 1;
  }
  n->present = 1;
  n->ok = (uint8_t)scan_int(s, &n->v);
  return n->ok;
}

/* Any scalar no reader uses. */
static int scan_skip_scalar(struct scan *s) {
  struct jsonl_str str;
  int64_t v;
  if (s->p < s->end && *s->p == '"')
    return scan_str(s, &str);
  static const char *const lits[] = {"true", "false", "null"};
  for (int i = 0; i < 3; i++) {
    size_t n = strlen(lits[i]);
    if ((size_t)(s->end - s->p) >= n && memcmp(s->p, lits[i], n) == 0) {
      s->p += n;
      return 1;
    }
  }
  return scan_int(s, &v);
}

/* Field dispatch on the key's length first: this runs for every key of
 * every line. */
static struct jsonl_str *str_field(struct jsonl_rec *r, struct jsonl_str k) {
  switch (k.n) {
  case 2:
    return jsonl_str_is(k, "ev") ? &r->ev : NULL;
  case 3:
    return jsonl_str_is(k, "sig")   ? &r->sig
           : jsonl_str_is(k, "msg") ? &r->msg
                                    : NULL;
  case 4:
    return jsonl_str_is(k, "name")   ? &r->name
           : jsonl_str_is(k, "code") ? &r->code
           : jsonl_str_is(k, "arch") ? &r->arch
                                     : NULL;
  case 5:
    return jsonl_str_is(k, "errno") ? &r->err : NULL;
  case 6:
    return jsonl_str_is(k, "signal")   ? &r->signal
           : jsonl_str_is(k, "action") ? &r->action
                                       : NULL;
  case 7:
    return jsonl_str_is(k, "cmdline") ? &r->cmdline : NULL;
  default:
    return NULL;
  }
}

static struct jsonl_num *num_field(struct jsonl_rec *r, struct jsonl_str k) {
  switch (k.n) {
  case 1:
    return k.s[0] == 'v' ? &r->v : NULL;
  case 2:
    return jsonl_str_is(k, "nr") ? &r->nr : NULL;
  case 3:
    return jsonl_str_is(k, "pid")   ? &r->pid
           : jsonl_str_is(k, "tid") ? &r->tid
           : jsonl_str_is(k, "ret") ? &r->ret
                                    : NULL;
  case 6:
    return jsonl_str_is(k, "status") ? &r->status : NULL;
  default:
    return NULL;
  }
}

/* Reads what follows a value in an object or array: ',' (returns 1), the
 * closer (0) or anything else (-1). */
static int scan_next(struct scan *s, char closer) {
  ws(s);
  if (s->p >= s->end)
    return -1;
  char c = *s->p++;
  return c == ',' ? 1 : c == closer ? 0 : -1;
}

/* "[" num, ... "]" into r->args. */
static int scan_args(struct scan *s, struct jsonl_rec *r) {
  if (s->p >= s->end || *s->p++ != '[')
    return 0;
  r->nargs = 0;
  ws(s);
  if (s->p < s->end && *s->p == ']') {
    s->p++;
    return 1;
  }
  for (;;) {
    struct jsonl_num spare;
    struct jsonl_num *slot =
        r->nargs < JSONL_MAXARGS ? &r->args[r->nargs] : &spare;
    ws(s);
    if (!scan_num(s, slot))
      return 0;
    if (r->nargs < JSONL_MAXARGS)
      r->nargs++;
    int more = scan_next(s, ']');
    if (more <= 0)
      return more == 0;
  }
}

/* "str": {"<digit>":"string",...} into r->str (indices past the last
 * argument are read and dropped). */
static int scan_strmap(struct scan *s, struct jsonl_rec *r) {
  if (s->p >= s->end || *s->p++ != '{')
    return 0;
  r->str_has = 0; /* a repeated key: the last one counts, as in jansson */
  ws(s);
  if (s->p < s->end && *s->p == '}') {
    s->p++;
    return 1;
  }
  for (;;) {
    struct jsonl_str k, v;
    ws(s);
    if (!scan_str(s, &k))
      return 0;
    ws(s);
    if (s->p >= s->end || *s->p++ != ':')
      return 0;
    ws(s);
    if (!scan_str(s, &v))
      return 0;
    if (k.n == 1 && k.s[0] >= '0' && k.s[0] < '0' + JSONL_MAXARGS) {
      r->str[k.s[0] - '0'] = v;
      r->str_has |= (uint8_t)(1u << (k.s[0] - '0'));
    }
    int more = scan_next(s, '}');
    if (more <= 0)
      return more == 0;
  }
}

/* "str_cut": [int,...] into the r->str_cut bits. */
static int scan_cut(struct scan *s, struct jsonl_rec *r) {
  if (s->p >= s->end || *s->p++ != '[')
    return 0;
  r->str_cut = 0;
  ws(s);
  if (s->p < s->end && *s->p == ']') {
    s->p++;
    return 1;
  }
  for (;;) {
    int64_t v;
    ws(s);
    if (!scan_int(s, &v))
      return 0;
    if (v >= 0 && v < JSONL_MAXARGS)
      r->str_cut |= (uint8_t)(1u << v);
    int more = scan_next(s, ']');
    if (more <= 0)
      return more == 0;
  }
}

/* The kernel's "args" array: "0x" hex strings (1-16 digits), at most
 * JSONL_MAXARGS, no blanks; read as scan_args would read it, without its
 * per-element dispatch (these are most of a trace's bytes). Returns 0 at
 * anything else, r then partly filled (the caller starts again). */
static int kernel_args(struct scan *s, struct jsonl_rec *r) {
  const char *p = s->p, *end = s->end;
  if (p >= end || *p++ != '[')
    return 0;
  r->nargs = 0;
  if (p < end && *p == ']') {
    s->p = p + 1;
    return 1;
  }
  for (;;) {
    if (r->nargs == JSONL_MAXARGS || end - p < 5 || p[0] != '"' ||
        p[1] != '0' || p[2] != 'x')
      return 0;
    const char *d = p + 3, *e = d, *lim = end - d > 17 ? d + 17 : end;
    uint64_t x = 0;
    for (; e < lim && hex1[(unsigned char)*e]; e++)
      x = x << 4 | (uint64_t)(hex1[(unsigned char)*e] - 1);
    if (e == d || e - d > 16 || e + 1 >= end || *e != '"')
      return 0;
    struct jsonl_num *a = &r->args[r->nargs++];
    a->present = a->ok = 1;
    a->v = (int64_t)x;
    p = e + 2;
    if (e[1] == ']') {
      s->p = p;
      return 1;
    }
    if (e[1] != ',')
      return 0;
  }
}

/* Consumes the literal lit if the text goes on with it (a constant
 * length: the compare is inlined). */
#define LIT(s, lit)                                                            \
  ((size_t)((s)->end - (s)->p) >= sizeof(lit) - 1 &&                           \
   memcmp((s)->p, lit, sizeof(lit) - 1) == 0 &&                                \
   ((s)->p += sizeof(lit) - 1, 1))

/* The kernel's own layout of its two commonest records (docs/trace.md:
 * keys in this order, no whitespace), read with the same scanners into the
 * same fields as fast_scan's general loop would, without dispatching on
 * every key:
 *   {"ev":"syscall_entry","seq":N,"pid":N,"tid":N,"nr":N,"name":"S",
 *    "args":[...][,"str":{...}][,"str_cut":[...]]}
 *   {"ev":"syscall_exit","seq":N,"pid":N,"tid":N,"nr":N,"name":"S",
 *    "ret":N[,"errno":"S"]}
 * Returns 1 when the whole line is one of these; 0 at the first byte that
 * differs (r is then partly filled: the caller starts again from scratch). */
static int kernel_scan(const char *line, size_t n, struct jsonl_rec *r) {
  struct scan s = {line, line + n};
  int64_t seq;
  bool entry;
  if (LIT(&s, "{\"ev\":\"syscall_entry\",\"seq\":"))
    entry = true;
  else if (LIT(&s, "{\"ev\":\"syscall_exit\",\"seq\":"))
    entry = false;
  else
    return 0;
  r->ev.s = line + 7;
  r->ev.n = entry ? 13 : 12;
  if (!scan_int(&s, &seq) || !LIT(&s, ",\"pid\":") || !scan_num(&s, &r->pid) ||
      !LIT(&s, ",\"tid\":") || !scan_num(&s, &r->tid) || !LIT(&s, ",\"nr\":") ||
      !scan_num(&s, &r->nr) || !LIT(&s, ",\"name\":") ||
      !scan_str(&s, &r->name))
    return 0;
  if (entry) {
    if (!LIT(&s, ",\"args\":") || !kernel_args(&s, r))
      return 0;
    if (LIT(&s, ",\"str\":") && !scan_strmap(&s, r))
      return 0;
    if (LIT(&s, ",\"str_cut\":") && !scan_cut(&s, r))
      return 0;
  } else {
    if (!LIT(&s, ",\"ret\":") || !scan_num(&s, &r->ret))
      return 0;
    if (LIT(&s, ",\"errno\":") && !scan_str(&s, &r->err))
      return 0;
  }
  return s.end - s.p == 1 && *s.p == '}';
}

/* Returns 1 and fills r if line is a flat object the scanner understands. */
static int fast_scan(const char *line, size_t n, struct jsonl_rec *r) {
  struct scan s = {line, line + n};
  rec_clear(r);
  if (kernel_scan(line, n, r))
    return 1;
  rec_clear(r);
  ws(&s);
  if (s.p >= s.end || *s.p++ != '{')
    return 0;
  ws(&s);
  if (s.p < s.end && *s.p == '}') {
    s.p++;
  } else {
    for (;;) {
      struct jsonl_str k, *sf;
      struct jsonl_num *nf;
      int ok;
      ws(&s);
      if (!scan_str(&s, &k))
        return 0;
      ws(&s);
      if (s.p >= s.end || *s.p++ != ':')
        return 0;
      ws(&s);
      if (jsonl_str_is(k, "args"))
        ok = scan_args(&s, r);
      else if (jsonl_str_is(k, "str"))
        ok = scan_strmap(&s, r);
      else if (jsonl_str_is(k, "str_cut"))
        ok = scan_cut(&s, r);
      else if ((sf = str_field(r, k)) != NULL)
        ok = scan_str(&s, sf);
      else if ((nf = num_field(r, k)) != NULL)
        ok = scan_num(&s, nf);
      else
        ok = scan_skip_scalar(&s);
      if (!ok)
        return 0;
      int more = scan_next(&s, '}');
      if (more < 0)
        return 0;
      if (more == 0)
        break;
    }
  }
  ws(&s);
  return s.p == s.end;
}

int jsonl_fast_accepts(const char *line, size_t n) {
  struct jsonl_rec r;
  return fast_scan(line, n, &r);
}

/* ---- jansson ---------------------------------------------------------- */

static void j_str(json_t *o, const char *key, struct jsonl_str *out) {
  json_t *v = json_object_get(o, key);
  if (json_is_string(v)) {
    out->s = json_string_value(v);
    out->n = json_string_length(v);
  }
}

static void j_num(json_t *v, struct jsonl_num *out) {
  out->present = out->ok = 0;
  if (!v)
    return;
  out->present = 1;
  if (json_is_integer(v)) {
    out->ok = 1;
    out->v = (int64_t)json_integer_value(v);
  } else if (json_is_string(v)) {
    num_from_str(out, json_string_value(v), json_string_length(v));
  }
}

static void j_fill(json_t *o, struct jsonl_rec *r) {
  rec_clear(r);
  j_str(o, "ev", &r->ev);
  j_str(o, "name", &r->name);
  j_str(o, "errno", &r->err);
  j_str(o, "sig", &r->sig);
  j_str(o, "code", &r->code);
  j_str(o, "signal", &r->signal);
  j_str(o, "msg", &r->msg);
  j_str(o, "arch", &r->arch);
  j_str(o, "cmdline", &r->cmdline);
  j_str(o, "action", &r->action);
  j_num(json_object_get(o, "v"), &r->v);
  j_num(json_object_get(o, "pid"), &r->pid);
  j_num(json_object_get(o, "tid"), &r->tid);
  j_num(json_object_get(o, "nr"), &r->nr);
  j_num(json_object_get(o, "ret"), &r->ret);
  j_num(json_object_get(o, "status"), &r->status);
  json_t *a = json_object_get(o, "args");
  if (json_is_array(a))
    for (size_t i = 0; i < json_array_size(a) && r->nargs < JSONL_MAXARGS; i++)
      j_num(json_array_get(a, i), &r->args[r->nargs++]);
  json_t *m = json_object_get(o, "str");
  for (int i = 0; json_is_object(m) && i < JSONL_MAXARGS; i++) {
    char k[2] = {(char)('0' + i), 0};
    r->str[i].s = NULL;
    j_str(m, k, &r->str[i]);
    if (r->str[i].s)
      r->str_has |= (uint8_t)(1u << i);
  }
  json_t *c = json_object_get(o, "str_cut");
  for (size_t i = 0; json_is_array(c) && i < json_array_size(c); i++) {
    json_t *x = json_array_get(c, i);
    if (json_is_integer(x) && json_integer_value(x) >= 0 &&
        json_integer_value(x) < JSONL_MAXARGS)
      r->str_cut |= (uint8_t)(1u << json_integer_value(x));
  }
}

size_t jsonl_latin1(const char *s, size_t n, char *out) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c == 0xc2 || c == 0xc3) && i + 1 < n &&
        ((unsigned char)s[i + 1] & 0xc0) == 0x80) {
      out[k++] = (char)(((c & 0x03) << 6) | ((unsigned char)s[i + 1] & 0x3f));
      i++;
    } else {
      out[k++] = (char)c;
    }
  }
  return k;
}

/* ---- lines ------------------------------------------------------------ */

void jsonl_open_mem(struct jsonl_reader *r, const char *data, size_t len) {
  memset(r, 0, sizeof *r);
  r->buf = data;
  r->have = len;
  r->eof = true;
}

int jsonl_open_file(struct jsonl_reader *r, const char *path) {
  memset(r, 0, sizeof *r);
  r->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!r->f)
    return -1;
  r->cap = JSONL_BLOCK;
  r->buf = r->block = malloc(r->cap);
  if (!r->block)
    abort();
  return 0;
}

/* Moves the unread rest of the window to its start and reads on behind it,
 * growing the window when one line fills it. Returns 0 or -1 (read error). */
static int refill(struct jsonl_reader *r) {
  memmove(r->block, r->block + r->pos, r->have - r->pos);
  r->have -= r->pos;
  r->pos = 0;
  if (r->have == r->cap) {
    r->cap *= 2;
    r->buf = r->block = realloc(r->block, r->cap);
    if (!r->block)
      abort();
  }
  size_t got = fread(r->block + r->have, 1, r->cap - r->have, r->f);
  if (got == 0) {
    if (ferror(r->f)) {
      snprintf(r->why, sizeof r->why, "read error: %s", strerror(errno));
      return -1;
    }
    r->eof = true;
  }
  r->have += got;
  return 0;
}

/* What line s[0..n) is (-1: blank); sets the reader's text. */
static int classify(struct jsonl_reader *r, const char *s, size_t n,
                    struct jsonl_rec *rec) {
  if (n && s[n - 1] == '\r')
    n--;
  if (n >= 4 && memcmp(s, "DBG ", 4) == 0) {
    s += 4;
    n -= 4;
  }
  r->text = s;
  r->len = n;
  size_t k = 0;
  while (k < n && (s[k] == ' ' || s[k] == '\t'))
    k++;
  if (k == n)
    return -1;
  if (s[k] != '{')
    return JSONL_TEXT;
  if (fast_scan(s, n, rec))
    return JSONL_RECORD;
  json_error_t je;
  json_t *o = json_loadb(s, n, 0, &je);
  if (!o || !json_is_object(o)) {
    snprintf(r->why, sizeof r->why, "%s", o ? "not an object" : je.text);
    json_decref(o);
    return JSONL_BAD;
  }
  r->held = o;
  j_fill(o, rec);
  return JSONL_RECORD;
}

enum jsonl_kind jsonl_next(struct jsonl_reader *r, struct jsonl_rec *rec) {
  json_decref(r->held);
  r->held = NULL;
  while (!r->done) {
    size_t left = r->have - r->pos;
    const char *start = left ? r->buf + r->pos : NULL;
    const char *nl = left ? memchr(start, '\n', left) : NULL;
    size_t n = nl ? (size_t)(nl - start) : left;
    if (r->f && n > JSONL_MAX_LINE) {
      r->line++;
      r->done = true;
      snprintf(r->why, sizeof r->why, "line longer than %u bytes",
               JSONL_MAX_LINE);
      return JSONL_LONG;
    }
    if (!nl && !r->eof) {
      if (refill(r) < 0) {
        r->done = true;
        return JSONL_IOERR;
      }
      continue;
    }
    if (!left)
      break;
    r->pos += n + (nl != NULL);
    r->line++;
    r->partial = nl == NULL;
    int kind = classify(r, start, n, rec);
    if (kind >= 0)
      return (enum jsonl_kind)kind;
  }
  r->done = true;
  return JSONL_END;
}

void jsonl_close(struct jsonl_reader *r) {
  json_decref(r->held);
  r->held = NULL;
  free(r->block);
  if (r->f && r->f != stdin)
    fclose(r->f);
  r->f = NULL;
  r->buf = r->block = NULL;
}
