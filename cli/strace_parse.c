/* strace text -> raw events. One pass over the lines; each line is checked
 * completely (balanced brackets, closed strings, a "= RET" part) so that
 * truncated or foreign input is reported with its line number. */
#define _GNU_SOURCE /* memmem */
#include "strace_parse.h"

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "progress.h"
#include "strace_variant.h"
#include "syscall_names.h"

/* A call whose first half was printed with <unfinished ...>. */
struct pending {
  int32_t pid;
  size_t ev;        /* index of its event */
  const char *head; /* args text before <unfinished ...> */
  size_t headlen;
};

struct parser {
  struct trace *t;
  struct kd_error *e;
  size_t line;
  struct pending *pend;
  size_t npend, cappend;
  /* `[pid N]` form: lines without a prefix belong to the first process,
   * whose pid strace does not print until a second process exists. */
  int32_t *children;
  size_t nchildren, capchildren;
  int32_t
      initial_alias; /* pid that stands for the unprefixed one (0: none yet) */
  uint32_t id_restart_syscall, id_fork, id_vfork, id_clone, id_clone3;
  uint32_t id_waitid;
};

static int fail(struct parser *p, const char *what) {
  return kd_fail(p->e, p->t->path, p->line, "%s", what);
}

int strace_number(const char *s, size_t n, int64_t *v) {
  if (n == 4 && memcmp(s, "NULL", 4) == 0) {
    *v = 0;
    return 1;
  }
  size_t i = 0;
  int neg = 0;
  if (i < n && s[i] == '-') {
    neg = 1;
    i++;
  }
  if (i >= n)
    return 0;
  uint64_t x = 0;
  if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    i += 2;
    if (n - i > 16)
      return 0;
    for (; i < n; i++) {
      int c = (unsigned char)s[i], d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      else
        return 0;
      x = x * 16 + (uint64_t)d;
    }
  } else {
    /* strace prints modes in octal with a leading 0 ("0644"); decimals
     * never have one. */
    unsigned base = n - i > 1 && s[i] == '0' ? 8 : 10;
    if (n - i > 22)
      return 0;
    for (; i < n; i++) {
      if (s[i] < '0' || s[i] >= (char)('0' + base))
        return 0;
      x = x * base + (uint64_t)(s[i] - '0');
    }
  }
  *v = neg ? -(int64_t)x : (int64_t)x;
  return 1;
}

long strace_string(const char *s, size_t n, char *out, bool *cut) {
  *cut = false;
  if (n < 2 || s[0] != '"')
    return -1;
  size_t k = 0, i = 1;
  for (; i < n && s[i] != '"'; i++) {
    if (s[i] != '\\') {
      out[k++] = s[i];
      continue;
    }
    if (++i >= n)
      return -1;
    char c = s[i];
    static const char from[] = "\\\"fnrtv", to[] = "\\\"\f\n\r\t\v";
    const char *m = strchr(from, c);
    if (c && m) {
      out[k++] = to[m - from];
    } else if (c >= '0' && c <= '7') {
      unsigned v = 0, d = 0;
      for (; d < 3 && i < n && s[i] >= '0' && s[i] <= '7'; d++, i++)
        v = v * 8 + (unsigned)(s[i] - '0');
      i--;
      if (v > 0xff)
        return -1;
      out[k++] = (char)v;
    } else if (c == 'x' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
               isxdigit((unsigned char)s[i + 2])) {
      char h[3] = {s[i + 1], s[i + 2], 0};
      out[k++] = (char)strtoul(h, NULL, 16);
      i += 2;
    } else {
      return -1;
    }
  }
  if (i >= n)
    return -1; /* never closed */
  i++;
  if (n - i == 3 && memcmp(s + i, "...", 3) == 0) {
    *cut = true;
    i += 3;
  }
  return i == n ? (long)k : -1;
}

/* A str-kind argument strace printed as a string: its interned bytes. */
static int str_arg(struct parser *p, const char *s, size_t n, struct kval *v) {
  char tmp[8192];
  char *b = n <= sizeof tmp ? tmp : malloc(n);
  if (!b)
    abort();
  bool cut;
  long len = strace_string(s, n, b, &cut);
  /* strace prints a path up to its NUL: one inside is not its output. */
  if (len >= 0 && memchr(b, 0, (size_t)len))
    len = -1;
  if (len >= 0) {
    v->cls = cut ? VAL_STRCUT : VAL_STR;
    v->v = intern_n(b, (size_t)len);
  }
  if (b != tmp)
    free(b);
  return len < 0 ? fail(p, "bad string argument") : 0;
}

static int is_name_char(int c) {
  return STRACE_NAME_CHAR(c);
}

/* The length of the call name at s: a run of name characters, or "???",
 * strace's name for a call it could not identify (a task killed as it
 * entered one prints "???( <unfinished ...>"). */
static size_t call_name_len(const char *s, size_t n) {
  if (n >= 3 && memcmp(s, "???", 3) == 0)
    return 3;
  size_t i = 0;
  while (i < n && is_name_char((unsigned char)s[i]))
    i++;
  return i;
}

/* Skips a quoted string starting at s[i] == '"'; returns the index after the
 * closing quote (and a "..." truncation mark), or 0 if it never closes. */
static size_t skip_string(const char *s, size_t n, size_t i) {
  for (i++; i < n; i++) {
    if (s[i] == '\\') {
      if (++i >= n)
        return 0;
    } else if (s[i] == '"') {
      i++;
      if (n - i >= 3 && memcmp(s + i, "...", 3) == 0)
        i += 3;
      return i;
    }
  }
  return 0;
}

/* The bytes the argument scanners below act on; any other byte is passed
 * over (most of an argument list is plain text). */
static const unsigned char arg_special[256] = {
    ['"'] = 1, ['<'] = 1, ['/'] = 1, ['('] = 1, ['['] = 1,
    ['{'] = 1, [')'] = 1, [']'] = 1, ['}'] = 1, [','] = 2};

/* waitid's idtype as strace names it (P_ALL, P_PID, P_PGID, P_PIDFD):
 * its number, so that both sides compare it and normalisation knows
 * whether the next argument is a pid or a pidfd. */
static bool waitid_idtype(const char *s, size_t n, int64_t *out) {
  static const char *const names[] = {"P_ALL", "P_PID", "P_PGID", "P_PIDFD"};
  for (int i = 0; i < 4; i++)
    if (strlen(names[i]) == n && memcmp(s, names[i], n) == 0) {
      *out = i;
      return true;
    }
  return false;
}

/* Splits the argument text s[0..n) (everything between the call's
 * parentheses) at top-level commas into ev->arg[]. Strings, comments and
 * nested ([{ are skipped whole. Returns 0, or -1 on unbalanced text. */
static int split_args(struct parser *p, const char *s, size_t n,
                      struct event *ev) {
  char stack[64];
  size_t depth = 0, start = 0;
  ev->nargs = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && !arg_special[(unsigned char)s[i]])
      continue;
    char c = i < n ? s[i] : ',';
    if (i < n && c == '"') {
      size_t j = skip_string(s, n, i);
      if (!j)
        return fail(p, "unterminated string in arguments");
      i = j - 1;
      continue;
    }
    size_t dec = i < n && c == '<' ? strace_fd_decoration(s, n, i) : 0;
    if (dec) {
      i += dec - 1; /* -y: a path, whatever brackets or commas it holds */
      continue;
    }
    if (i < n && c == '/' && i + 1 < n && s[i + 1] == '*') {
      const char *end = NULL;
      for (size_t j = i + 2; j + 1 < n; j++)
        if (s[j] == '*' && s[j + 1] == '/') {
          end = s + j;
          break;
        }
      if (!end)
        return fail(p, "unterminated comment in arguments");
      i = (size_t)(end - s) + 1;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      if (depth == sizeof stack)
        return fail(p, "arguments nested too deeply");
      stack[depth++] = c == '(' ? ')' : c == '[' ? ']' : '}';
    } else if (c == ')' || c == ']' || c == '}') {
      if (!depth || stack[depth - 1] != c)
        return fail(p, "unbalanced brackets in arguments");
      depth--;
    } else if (c == ',' && depth == 0) {
      size_t a = start, b = i;
      while (a < b && s[a] == ' ')
        a++;
      while (b > a && s[b - 1] == ' ')
        b--;
      if (i == n && a == b && ev->nargs == 0)
        break; /* no arguments at all */
      if (ev->nargs < KD_MAXARGS) {
        struct kval *v = &ev->arg[ev->nargs];
        int64_t num;
        if (strace_number(s + a, strace_value_core(s + a, b - a), &num)) {
          v->cls = VAL_NUM;
          v->v = num;
        } else if (b - a == 8 && memcmp(s + a, "AT_FDCWD", 8) == 0) {
          v->cls = VAL_NUM;
          v->v = -100;
        } else if (ev->name == p->id_waitid && ev->nargs == 0 &&
                   waitid_idtype(s + a, b - a, &num)) {
          v->cls = VAL_NUM;
          v->v = num;
        } else if (b - a >= 2 && s[a] == '"' &&
                   sc_arg_kind(ev->name, ev->nargs) == AK_STR) {
          if (str_arg(p, s + a, b - a, v))
            return -1;
        } else
          v->cls = VAL_UNKNOWN;
        ev->nargs++;
      }
      start = i + 1;
    }
  }
  if (depth)
    return fail(p, "unbalanced brackets in arguments");
  return 0;
}

/* Finds the ')' closing the argument list that starts at s[0] (just after
 * the call's '('), skipping strings, comments and nested brackets. Returns
 * its index or -1. */
static long find_close(const char *s, size_t n) {
  size_t depth = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (arg_special[(unsigned char)c] != 1)
      continue; /* nothing a close could hide in, nor the close */
    if (c == '"') {
      size_t j = skip_string(s, n, i);
      if (!j)
        return -1;
      i = j - 1;
    } else if (c == '<' && strace_fd_decoration(s, n, i)) {
      i += strace_fd_decoration(s, n, i) - 1;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      size_t j = i + 2;
      while (j + 1 < n && !(s[j] == '*' && s[j + 1] == '/'))
        j++;
      if (j + 1 >= n)
        return -1;
      i = j + 1;
    } else if (c == '(' || c == '[' || c == '{') {
      depth++;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0)
        return c == ')' ? (long)i : -1;
      depth--;
    }
  }
  return -1;
}

/* Parses " = RET [ENAME (text)] [(text)]" after the closing parenthesis. */
static int parse_result(struct parser *p, const char *s, size_t n,
                        struct event *ev) {
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (i + 1 >= n || s[i] != '=' || s[i + 1] != ' ')
    return fail(p, "call without \"= result\" (truncated line?)");
  i += 2;
  size_t a = i;
  while (i < n && s[i] != ' ' && s[i] != '<')
    i++;
  size_t end = i;
  if (i < n && s[i] == '<') {
    size_t dec = strace_fd_decoration(s, n, i); /* -y: "= 3</dev/null>" */
    if (!dec)
      return fail(p, "bad return value");
    i += dec;
  }
  if (end - a == 1 && s[a] == '?') {
    ev->nret.cls = VAL_UNKNOWN;
  } else if (strace_number(s + a, end - a, &ev->ret)) {
    ev->nret.cls = VAL_NUM;
    ev->nret.v = ev->ret;
  } else {
    return fail(p, "bad return value");
  }
  while (i < n && s[i] == ' ')
    i++;
  if (i < n && s[i] == 'E') {
    size_t b = i;
    while (i < n && is_name_char((unsigned char)s[i]))
      i++;
    if (ev->nret.cls == VAL_NUM && ev->ret != -1)
      return fail(p, "errno name after a return value other than -1");
    ev->flags |= EVF_ERR;
    ev->err = intern_n(s + b, i - b);
  }
  /* Any "(explanation)" or decoded value that follows is display only, but
   * it must be well formed. */
  while (i < n && s[i] == ' ')
    i++;
  if (i < n) {
    if (s[i] != '(' && s[i] != '<')
      return fail(p, "unexpected text after the return value");
  }
  return 0;
}

static struct pending *find_pending(struct parser *p, int32_t pid) {
  for (size_t i = 0; i < p->npend; i++)
    if (p->pend[i].pid == pid)
      return &p->pend[i];
  return NULL;
}

static void drop_pending(struct parser *p, struct pending *pd) {
  *pd = p->pend[--p->npend];
}

static void note_child(struct parser *p, struct event *ev) {
  if (ev->name != p->id_fork && ev->name != p->id_vfork &&
      ev->name != p->id_clone && ev->name != p->id_clone3)
    return;
  if (ev->nret.cls != VAL_NUM || ev->ret <= 0)
    return;
  if (p->nchildren == p->capchildren) {
    p->capchildren = p->capchildren ? p->capchildren * 2 : 16;
    p->children = realloc(p->children, p->capchildren * sizeof *p->children);
    if (!p->children)
      abort();
  }
  p->children[p->nchildren++] = (int32_t)ev->ret;
}

/* Completes ev from "ARGS) = RET..." text (args already joined). */
static int finish_call(struct parser *p, struct event *ev, const char *s,
                       size_t n) {
  long close = find_close(s, n);
  if (close < 0)
    return fail(p,
                "unbalanced or unterminated argument list (truncated line?)");
  if (split_args(p, s, (size_t)close, ev))
    return -1;
  if (parse_result(p, s + close + 1, n - (size_t)close - 1, ev))
    return -1;
  note_child(p, ev);
  return 0;
}

static const char UNFINISHED[] = " <unfinished ...>";

/* "NAME(ARGS) = RET" or "NAME(ARGS <unfinished ...>". */
static int parse_call(struct parser *p, int32_t pid, const char *s, size_t n) {
  size_t i = call_name_len(s, n);
  if (i == 0 || i >= n || s[i] != '(')
    return fail(p, "unrecognised line");
  if (find_pending(p, pid))
    return fail(p, "new call while another call of the same pid is unfinished");
  struct event *ev = trace_push(p->t);
  ev->kind = EV_SYSCALL;
  ev->pid = pid;
  ev->line = (uint32_t)p->line;
  ev->name = intern_n(s, i);
  ev->text = s;
  ev->textlen = (uint32_t)n;
  const char *args = s + i + 1;
  size_t alen = n - i - 1;
  if (ev->name == p->id_restart_syscall) {
    static const char R[] = "<... resuming interrupted ";
    if (alen > sizeof R - 1 && memcmp(args, R, sizeof R - 1) == 0) {
      const char *nm = args + sizeof R - 1;
      size_t k = 0;
      while (k < alen - (sizeof R - 1) && is_name_char((unsigned char)nm[k]))
        k++;
      if (k)
        ev->name = intern_n(nm, k);
      ev->flags |= EVF_RESTARTED;
    }
  }
  size_t ul = sizeof UNFINISHED - 1;
  if (alen >= ul && memcmp(args + alen - ul, UNFINISHED, ul) == 0) {
    if (p->npend == p->cappend) {
      p->cappend = p->cappend ? p->cappend * 2 : 16;
      p->pend = realloc(p->pend, p->cappend * sizeof *p->pend);
      if (!p->pend)
        abort();
    }
    struct pending *pd = &p->pend[p->npend++];
    pd->pid = pid;
    pd->ev = p->t->n - 1;
    pd->head = args;
    pd->headlen = alen - ul;
    ev->flags |= EVF_UNFINISHED;
    return 0;
  }
  return finish_call(p, ev, args, alen);
}

/* "<... NAME resumed>REST". */
static int parse_resumed(struct parser *p, int32_t pid, const char *s,
                         size_t n) {
  size_t a = 5; /* after "<... " */
  size_t i = n > a ? a + call_name_len(s + a, n - a) : a;
  static const char R[] = " resumed>";
  if (i == a || n - i < sizeof R - 1 || memcmp(s + i, R, sizeof R - 1) != 0)
    return fail(p, "malformed resumed line");
  uint32_t name = intern_n(s + a, i - a);
  const char *rest = s + i + sizeof R - 1;
  size_t restlen = n - i - (sizeof R - 1);
  struct pending *pd = find_pending(p, pid);
  if (!pd)
    return fail(
        p,
        "resumed call that was never started (no matching <unfinished ...>)");
  struct event *ev = &p->t->ev[pd->ev];
  if (ev->name != name && !(ev->flags & EVF_RESTARTED))
    return fail(p,
                "resumed call does not match the unfinished call of this pid");
  /* Join both halves so the arguments split as if printed on one line. */
  size_t hl = pd->headlen;
  char *joined =
      arena_alloc(&p->t->arena, (size_t)(ev->text ? (pd->head - ev->text) : 0) +
                                    hl + restlen + 1);
  size_t pre = (size_t)(pd->head - ev->text);
  memcpy(joined, ev->text, pre);
  memcpy(joined + pre, pd->head, hl);
  memcpy(joined + pre + hl, rest, restlen);
  joined[pre + hl + restlen] = 0;
  ev->text = joined;
  ev->textlen = (uint32_t)(pre + hl + restlen);
  ev->first_line = ev->line; /* the <unfinished ...> half's */
  ev->line = (uint32_t)p->line;
  ev->flags &= (uint8_t)~EVF_UNFINISHED;
  drop_pending(p, pd);
  return finish_call(p, ev, joined + pre, hl + restlen);
}

/* "--- SIGxxx {si_signo=..., si_code=..., ...} ---" or "--- stopped by SIGxxx
 * ---". */
static int parse_signal(struct parser *p, int32_t pid, const char *s,
                        size_t n) {
  if (n < 8 || memcmp(s + n - 4, " ---", 4) != 0)
    return fail(p, "unterminated signal line");
  const char *b = s + 4;
  size_t bl = n - 8;
  if (bl >= 11 && memcmp(b, "stopped by ", 11) == 0)
    return 0; /* a stop is not a delivery to the program */
  size_t i = 0;
  while (i < bl && is_name_char((unsigned char)b[i]))
    i++;
  if (i < 4 || memcmp(b, "SIG", 3) != 0)
    return fail(p, "malformed signal line");
  struct event *ev = trace_push(p->t);
  ev->kind = EV_SIGNAL;
  ev->pid = pid;
  ev->line = (uint32_t)p->line;
  ev->name = intern_n(b, i);
  ev->text = s;
  ev->textlen = (uint32_t)n;
  if (i < bl) {
    if (b[i] != ' ' || i + 1 >= bl || b[i + 1] != '{' || b[bl - 1] != '}')
      return fail(p, "malformed signal details");
    const char *c = NULL;
    for (size_t k = i; k + 8 <= bl; k++)
      if (memcmp(b + k, "si_code=", 8) == 0) {
        c = b + k + 8;
        break;
      }
    if (c) {
      size_t k = 0, max = (size_t)(b + bl - c);
      while (k < max && c[k] != ',' && c[k] != '}')
        k++;
      ev->code = intern_n(c, k);
    }
  }
  return 0;
}

/* "+++ exited with N +++", "+++ killed by SIGxxx [(core dumped)] +++". */
static int parse_exit(struct parser *p, int32_t pid, const char *s, size_t n) {
  if (n < 8 || memcmp(s + n - 4, " +++", 4) != 0)
    return fail(p, "unterminated exit line");
  const char *b = s + 4;
  size_t bl = n - 8;
  /* The process is gone: a call it never finished returned nothing. */
  struct pending *pd = find_pending(p, pid);
  if (pd) {
    struct event *u = &p->t->ev[pd->ev];
    u->flags &= (uint8_t)~EVF_UNFINISHED;
    u->nret.cls = VAL_UNKNOWN;
    drop_pending(p, pd);
  }
  if (bl >= 14 && memcmp(b, "superseded by ", 14) == 0)
    return 0;
  struct event *ev = trace_push(p->t);
  ev->kind = EV_EXIT;
  ev->pid = pid;
  ev->line = (uint32_t)p->line;
  ev->name = intern("exit");
  ev->text = s;
  ev->textlen = (uint32_t)n;
  if (bl > 12 && memcmp(b, "exited with ", 12) == 0) {
    if (!strace_number(b + 12, bl - 12, &ev->ret))
      return fail(p, "bad exit status");
    ev->nret.cls = VAL_NUM;
    ev->nret.v = ev->ret;
    return 0;
  }
  if (bl > 10 && memcmp(b, "killed by ", 10) == 0) {
    size_t i = 10;
    while (i < bl && is_name_char((unsigned char)b[i]))
      i++;
    if (i == 10)
      return fail(p, "bad killing signal");
    ev->code = intern_n(b + 10, i - 10);
    ev->nret.cls = VAL_NUM;
    if (i < bl) {
      if (bl - i == 14 && memcmp(b + i, " (core dumped)", 14) == 0)
        ev->flags |= EVF_CORE;
      else
        return fail(p, "unexpected text after the killing signal");
    }
    return 0;
  }
  return fail(p, "malformed exit line");
}

/* Maps a printed pid to the one events carry (see initial_alias). */
static int32_t canon_pid(struct parser *p, int32_t pid) {
  if (pid == 0 || pid == p->initial_alias)
    return 0;
  if (p->initial_alias == 0) {
    for (size_t i = 0; i < p->nchildren; i++)
      if (p->children[i] == pid)
        return pid;
    p->initial_alias = pid;
    return 0;
  }
  return pid;
}

static int parse_line(struct parser *p, const char *s, size_t n) {
  int32_t pid = 0;
  size_t i = 0;
  if (n >= 5 && memcmp(s, "[pid ", 5) == 0) {
    i = 5;
    while (i < n && s[i] == ' ')
      i++;
    size_t a = i;
    int64_t v = 0; /* 10 digits at most: no overflow */
    while (i < n && STRACE_DIGIT(s[i]) && i - a < 10)
      v = v * 10 + (s[i++] - '0');
    if (i == a || i >= n || s[i] != ']' || i - a > 9)
      return fail(p, "malformed [pid N] prefix");
    pid = canon_pid(p, (int32_t)v);
    i++;
  } else if (n && STRACE_DIGIT(s[0]) && !strace_timestamp(s, n)) {
    int64_t v = 0; /* 10 digits at most: no overflow */
    while (i < n && STRACE_DIGIT(s[i]) && i < 10)
      v = v * 10 + (s[i++] - '0');
    if (i >= n || s[i] != ' ' || i > 9)
      return fail(p, "malformed pid prefix");
    pid = (int32_t)v;
  }
  while (i < n && s[i] == ' ')
    i++;
  i += strace_timestamp(s + i, n - i); /* -t, -tt, -ttt */
  /* -n: "[ NNN] " syscall number column. */
  if (i < n && s[i] == '[') {
    size_t j = i + 1;
    while (j < n && s[j] == ' ')
      j++;
    size_t a = j;
    while (j < n && STRACE_DIGIT(s[j]))
      j++;
    if (j == a || j >= n || s[j] != ']')
      return fail(p, "malformed [NNN] syscall number column");
    i = j + 1;
    while (i < n && s[i] == ' ')
      i++;
  }
  s += i;
  n -= i;
  if (n == 0)
    return fail(p, "line has a prefix but no event");
  if (n >= 4 && memcmp(s, "--- ", 4) == 0)
    return parse_signal(p, pid, s, n);
  if (n >= 4 && memcmp(s, "+++ ", 4) == 0)
    return parse_exit(p, pid, s, n);
  n = strace_strip_duration(s, n); /* -T: how long the call took */
  if (n >= 5 && memcmp(s, "<... ", 5) == 0)
    return parse_resumed(p, pid, s, n);
  return parse_call(p, pid, s, n);
}

/* The length of "strace: Process N attached" when s[0..n) ends with it
 * after some text (0 otherwise): on stderr strace prints that notice inside
 * the line of the call that made the process, which goes on on the next
 * line. */
static size_t attached_tail(const char *s, size_t n) {
  static const char head[] = "strace: Process ", tail[] = " attached";
  size_t hl = sizeof head - 1, tl = sizeof tail - 1;
  if (n < tl || memcmp(s + n - tl, tail, tl) != 0)
    return 0;
  size_t i = n - tl;
  while (i > 0 && isdigit((unsigned char)s[i - 1]))
    i--;
  if (i == n - tl || i < hl + 1 || memcmp(s + i - hl, head, hl) != 0)
    return 0;
  return n - (i - hl);
}

/* The next line of buf[pos..len): its length in *n, its end in *next, and
 * in *text whether it is text: strace escapes every unprintable byte, so
 * raw ones mean foreign or binary input. Returns -1 when it runs past
 * KD_MAX_LINE (found without scanning more), whatever it holds.
 *
 * One pass for both (this runs over every byte of the file), eight bytes
 * at a time: a word with no byte below 0x20 and none at or above 0x7f is
 * text without a newline; a word with one (the newline, a tab, or a bad
 * byte) is looked at byte by byte. */
static int next_line(const char *buf, size_t len, size_t pos, size_t *n,
                     size_t *next, bool *text) {
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  const char *s = buf + pos;
  size_t left = len - pos,
         lim = left < KD_MAX_LINE + 1 ? left : KD_MAX_LINE + 1;
  size_t k = 0;
  *text = true;
  for (;;) {
    for (; k + 8 <= lim; k += 8) {
      uint64_t x;
      memcpy(&x, s + k, 8);
      uint64_t low = (x - 0x20 * ones) & ~x & highs;       /* a byte < 0x20 */
      uint64_t high = (((x & ~highs) + ones) | x) & highs; /* a byte >= 0x7f */
      if (low | high)
        break;
    }
    size_t stop = k + 8 <= lim ? k + 8 : lim;
    for (; k < stop; k++) {
      unsigned char c = (unsigned char)s[k];
      if (c == '\n')
        goto found;
      if ((c < 0x20 && c != '\t') || c >= 0x7f)
        break;
    }
    if (k < stop) { /* a bad byte: the rest only needs its newline */
      *text = false;
      const char *nl = memchr(s + k, '\n', lim - k);
      k = nl ? (size_t)(nl - s) : lim;
      break;
    }
    if (k >= lim)
      break;
  }
found:;
  bool nl = k < lim && s[k] == '\n';
  *n = nl ? k : left;
  *next = pos + *n + (nl ? 1 : 0);
  return *n > KD_MAX_LINE ? -1 : 0;
}

/* The stderr form prints no prefix on the first process's lines until it
 * has a child (they carry pid 0 while parsing): give them its pid, the one
 * its later `[pid N]` lines show, or else the one its first set_tid_address
 * (musl's first call, which returns the caller's tid), gettid or getpid
 * returned. Without any of these, pid 0 stays (nothing refers to it). */
static void name_unprefixed(struct parser *p) {
  struct trace *t = p->t;
  int32_t root = p->initial_alias;
  uint32_t ids[3] = {intern("set_tid_address"), intern("gettid"),
                     intern("getpid")};
  for (size_t i = 0; !root && i < t->n; i++) {
    const struct event *ev = &t->ev[i];
    if (ev->pid == 0 && ev->kind == EV_SYSCALL && !(ev->flags & EVF_ERR) &&
        ev->nret.cls == VAL_NUM && ev->ret > 0 && ev->ret < INT32_MAX &&
        (ev->name == ids[0] || ev->name == ids[1] || ev->name == ids[2]))
      root = (int32_t)ev->ret;
  }
  if (!root)
    return;
  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].pid == 0)
      t->ev[i].pid = root;
}

/* Parses buf[0..len) without writing to it; t takes ownership (mapped:
 * see kd_map_file). */
static int parse_owned(char *buf, size_t len, size_t mapped, struct trace *t,
                       struct kd_error *e) {
  kd_release_file(t->buf, t->buf_mapped);
  t->buf = buf;
  t->buf_mapped = mapped;
  struct parser p = {.t = t, .e = e};
  p.id_restart_syscall = intern("restart_syscall");
  p.id_fork = intern("fork");
  p.id_vfork = intern("vfork");
  p.id_clone = intern("clone");
  p.id_clone3 = intern("clone3");
  p.id_waitid = intern("waitid");
  int rc = 0;
  size_t pos = 0, n, dropped = 0, counted = 0;
  while (pos < len) {
    p.line++;
    const char *s = buf + pos;
    if (pos - counted >= (1u << 20)) {
      progress_advance(pos - counted);
      counted = pos;
    }
    if (mapped && pos - dropped >= KD_DROP_BEHIND)
      dropped = kd_drop_behind(buf, dropped, pos);
    bool text;
    if (next_line(buf, len, pos, &n, &pos, &text)) {
      rc =
          kd_fail(e, t->path, p.line, "line longer than %u bytes", KD_MAX_LINE);
      goto out;
    }
    if (!text) {
      rc = fail(&p, "binary or non-strace data");
      goto out;
    }
    if (n == 0)
      continue;
    if (n >= 8 && memcmp(s, "strace: ", 8) == 0)
      continue; /* strace's own notices ("Process N attached") */
    size_t cut = attached_tail(s, n);
    if (cut && pos < len) {
      /* "fork(strace: Process N attached" + "<rest of the call>": one line. */
      size_t n2;
      const char *s2 = buf + pos;
      p.line++;
      if (next_line(buf, len, pos, &n2, &pos, &text) ||
          n - cut + n2 > KD_MAX_LINE) {
        rc = kd_fail(e, t->path, p.line, "line longer than %u bytes",
                     KD_MAX_LINE);
        goto out;
      }
      if (!text) {
        rc = fail(&p, "binary or non-strace data");
        goto out;
      }
      char *j = arena_alloc(&t->arena, n - cut + n2 + 1);
      memcpy(j, s, n - cut);
      memcpy(j + n - cut, s2, n2);
      s = j;
      n = n - cut + n2;
    }
    if (parse_line(&p, s, n)) {
      rc = -1;
      goto out;
    }
  }
  progress_advance(len - counted);
  trace_drop_text(
      t); /* what normalising reads again is a page here and there */
  /* A call still unfinished at the end means the trace was cut short,
   * unless its process was never seen to exit (then it is the last word). */
  for (size_t i = 0; i < p.npend; i++) {
    struct event *ev = &t->ev[p.pend[i].ev];
    ev->flags &= (uint8_t)~EVF_UNFINISHED;
    ev->nret.cls = VAL_UNKNOWN;
  }
  name_unprefixed(&p);
out:
  free(p.pend);
  free(p.children);
  return rc;
}

int strace_parse_mem(const char *data, size_t len, struct trace *t,
                     struct kd_error *e) {
  char *buf = malloc(len + 1);
  if (!buf)
    abort();
  memcpy(buf, data, len);
  buf[len] = 0;
  return parse_owned(buf, len, 0, t, e);
}

/* ---- strace -ff: one file per process -------------------------------- */

struct ff_file {
  long pid;
  char *buf;
  size_t len;
  bool root;
};

static int ff_cmp(const void *a, const void *b) {
  const struct ff_file *x = a, *y = b;
  if (x->root != y->root)
    return x->root ? -1 : 1;
  return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The numeric suffix of name after stem + ".", or -1. */
static long ff_suffix(const char *name, const char *stem, size_t sl) {
  if (strncmp(name, stem, sl) != 0 || name[sl] != '.' || !name[sl + 1])
    return -1;
  char *end;
  long v = strtol(name + sl + 1, &end, 10);
  return *end || v <= 0 || !isdigit((unsigned char)name[sl + 1]) ? -1 : v;
}

/* `strace -ff -o STEM` wrote STEM.PID files. When path is such a file with
 * siblings, or names no file but STEM.* exist, gathers them into one text
 * in the `-o` form ("PID " before each line; the root's file, the one that
 * starts with execve, first, then by pid) and returns 1; 0 when path is
 * not -ff output; -1 on trouble. */
static int ff_gather(const char *path, char **out, size_t *outlen,
                     struct kd_error *e) {
  struct stat st;
  bool missing = stat(path, &st) != 0;
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  char dir[4096], stem[1024];
  snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path + 1) : 1,
           slash ? path : ".");
  snprintf(stem, sizeof stem, "%s", base);
  if (!missing) {
    char *dot = strrchr(stem, '.');
    if (!dot || ff_suffix(stem, stem, (size_t)(dot - stem)) < 0)
      return 0;
    *dot = 0;
  }
  size_t sl = strlen(stem);
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  struct ff_file *f = NULL;
  size_t nf = 0, cap = 0;
  int rc = 0;
  for (struct dirent *de; (de = readdir(d));) {
    long pid = ff_suffix(de->d_name, stem, sl);
    if (pid < 0)
      continue;
    if (nf == cap) {
      cap = cap ? 2 * cap : 8;
      f = realloc(f, cap * sizeof *f);
      if (!f)
        abort();
    }
    char fp[4096 + 256];
    snprintf(fp, sizeof fp, "%s%s", slash ? dir : "", de->d_name);
    f[nf] = (struct ff_file){.pid = pid};
    if (kd_read_file(fp, &f[nf].buf, &f[nf].len, e)) {
      rc = -1;
      break;
    }
    const char *nl = memchr(f[nf].buf, '\n', f[nf].len);
    size_t first = nl ? (size_t)(nl - f[nf].buf) : f[nf].len;
    f[nf].root = memmem(f[nf].buf, first, "execve(", 7) != NULL;
    nf++;
  }
  closedir(d);
  if (rc == 0 && (nf > 1 || (missing && nf == 1))) {
    qsort(f, nf, sizeof *f, ff_cmp);
    size_t total = 1;
    for (size_t i = 0; i < nf; i++)
      total += f[i].len + 24 * (f[i].len / 2 + 2);
    size_t k = 0;
    char *b = malloc(total);
    if (!b)
      abort();
    for (size_t i = 0; i < nf; i++)
      for (size_t pos = 0; pos < f[i].len;) {
        const char *nl = memchr(f[i].buf + pos, '\n', f[i].len - pos);
        size_t n = nl ? (size_t)(nl - (f[i].buf + pos)) : f[i].len - pos;
        if (n)
          k += (size_t)sprintf(b + k, "%ld ", f[i].pid);
        memcpy(b + k, f[i].buf + pos, n);
        k += n;
        b[k++] = '\n';
        pos += n + 1;
      }
    b[k] = 0;
    *out = b;
    *outlen = k;
    rc = 1;
  }
  for (size_t i = 0; i < nf; i++)
    free(f[i].buf);
  free(f);
  return rc;
}

/* What a whole strace file must hold: some event, and the end of its first
 * process (strace always prints it; without it the file was cut short). */
static int check_complete(struct trace *t, struct kd_error *e) {
  if (t->n == 0)
    return kd_fail(e, t->path, 0,
                   "no strace records (an empty file, or not strace output)");
  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].kind == EV_EXIT && t->ev[i].pid == t->ev[0].pid)
      return 0;
  return kd_fail(e, t->path, 0,
                 "ends before its first process's `+++ exited with N +++` or "
                 "`+++ killed by SIG +++` line (cut short?)");
}

int strace_parse_file(struct trace *t, struct kd_error *e) {
  char *buf;
  size_t len;
  size_t mapped = 0;
  int ff = strcmp(t->path, "-") == 0 ? 0 : ff_gather(t->path, &buf, &len, e);
  if (ff < 0 || (ff == 0 && kd_map_file(t->path, &buf, &len, &mapped, e)))
    return -1;
  if (parse_owned(buf, len, mapped, t, e))
    return -1;
  return check_complete(t, e);
}
