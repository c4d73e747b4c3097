/* The kernel command line: shell-like words, debug= filters, argv after
 * "--". Never fails: whatever it cannot use it reports. */
#include "libos/cmdline.h"

#include "libos/fmt.h"

static const struct {
  const char *name;
  unsigned bits;
} debug_words[] = {
    {"syscall", TRACE_SYSCALL}, {"signal", TRACE_SIGNAL},
    {"fault", TRACE_FAULT},     {"process", TRACE_PROCESS},
    {"all", TRACE_ALL},         {"none", 0},
};

/* s[0..n) equals the string w (s may hold any bytes, NULs included). */
static bool word_is(const char *s, size_t n, const char *w) {
  size_t i = 0;
  for (; i < n; i++)
    if (w[i] == '\0' || w[i] != s[i])
      return false;
  return w[i] == '\0';
}

/* One debug word: true and its bits when known. */
static bool debug_word(const char *s, size_t n, unsigned *bits) {
  for (size_t i = 0; i < sizeof debug_words / sizeof debug_words[0]; i++) {
    if (word_is(s, n, debug_words[i].name)) {
      *bits = debug_words[i].bits;
      return true;
    }
  }
  return false;
}

bool cmdline_parse_debug(const char *value, size_t len, unsigned *bits,
                         const char **bad, size_t *bad_len) {
  unsigned acc = 0;
  bool all_known = true;
  size_t i = 0;
  while (i <= len) {
    size_t start = i;
    while (i < len && value[i] != ',')
      i++;
    unsigned b;
    if (i == start) {
      /* Empty item ("debug=" or "a,,b"): nothing to add. */
    } else if (!debug_word(value + start, i - start, &b)) {
      if (all_known) {
        *bad = value + start;
        *bad_len = i - start;
      }
      all_known = false;
    } else if (b == 0) {
      acc = 0; /* "none" clears what came before it */
    } else {
      acc |= b;
    }
    i++; /* past the comma (or past the end) */
  }
  *bits = acc;
  return all_known;
}

/* Scratch space for report strings that are not words of the buffer. */
struct scratch {
  char *p;
  size_t left;
};

static void report(struct cmdline *out, char *msg) {
  if (out->nreports < CMDLINE_MAX_REPORTS)
    out->reports[out->nreports++] = msg;
  else
    out->reports_truncated = true;
}

/* Report "<prefix>'<word>'" built in scratch; without room, `fallback`. */
static void report_word(struct cmdline *out, struct scratch *sc,
                        const char *prefix, const char *w, size_t n,
                        const char *fallback) {
  if (out->nreports >= CMDLINE_MAX_REPORTS) {
    out->reports_truncated = true;
    return;
  }
  if (n > 64)
    n = 64; /* a report names the word, it need not quote a novel */
  int need = ksnprintf(0, 0, "%s'%.*s'", prefix, (int)n, w);
  if (sc->p && need >= 0 && (size_t)need < sc->left) {
    char *msg = sc->p;
    ksnprintf(msg, sc->left, "%s'%.*s'", prefix, (int)n, w);
    sc->p += need + 1;
    sc->left -= (size_t)need + 1;
    report(out, msg);
  } else {
    report(out, (char *)fallback);
  }
}

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Cut the next word out of *pos, in place (quotes and escapes removed).
 * Returns the word or NULL at the end; *quoted tells whether any quote was
 * part of it, *unterminated whether a quote was left open. */
static char *next_word(char **pos, bool *quoted, bool *unterminated) {
  char *r = *pos;
  while (is_space(*r))
    r++;
  if (!*r) {
    *pos = r;
    return 0;
  }
  char *word = r, *w = r;
  bool inq = false;
  *quoted = false;
  *unterminated = false;
  for (; *r; r++) {
    if (inq) {
      if (*r == '"') {
        inq = false;
      } else if (*r == '\\' && r[1]) {
        *w++ = *++r;
      } else {
        *w++ = *r;
      }
    } else if (*r == '"') {
      inq = true;
      *quoted = true;
    } else if (is_space(*r)) {
      break;
    } else {
      *w++ = *r;
    }
  }
  *unterminated = inq;
  /* w <= r: the terminator never overwrites an unread byte. */
  if (*r)
    r++;
  *w = '\0';
  *pos = r;
  return word;
}

void cmdline_parse(char *buf, struct cmdline *out, char *report_space,
                   size_t report_len) {
  struct scratch sc = {report_len ? report_space : 0, report_len};
  out->debug_given = false;
  out->debug = 0;
  out->argc = 0;
  out->argv[0] = 0;
  out->envc = 0;
  out->envp[0] = 0;
  out->exe = 0;
  out->nreports = 0;
  out->reports_truncated = false;
  if (!buf)
    return;

  char *pos = buf;
  bool after_dashes = false;
  unsigned dropped_args = 0;
  bool quoted, unterminated;
  for (char *w; (w = next_word(&pos, &quoted, &unterminated));) {
    if (unterminated)
      report(out, "cmdline: unterminated quote (taken to the end)");
    if (after_dashes) {
      if (out->argc < CMDLINE_MAX_ARGS)
        out->argv[out->argc++] = w;
      else
        dropped_args++;
      continue;
    }
    if (!quoted && w[0] == '-' && w[1] == '-' && w[2] == '\0') {
      after_dashes = true;
      continue;
    }
    if (w[0] == 'd' && w[1] == 'e' && w[2] == 'b' && w[3] == 'u' &&
        w[4] == 'g' && w[5] == '=') {
      const char *v = w + 6;
      size_t len = 0;
      while (v[len])
        len++;
      unsigned bits;
      const char *bad;
      size_t bad_len;
      cmdline_parse_debug(v, len, &bits, &bad, &bad_len);
      /* Report every unknown word, not only the first. */
      for (size_t i = 0; i <= len;) {
        size_t s = i;
        while (i < len && v[i] != ',')
          i++;
        unsigned b;
        if (i > s && !debug_word(v + s, i - s, &b))
          report_word(out, &sc, "debug: unknown word ", v + s, i - s,
                      "debug: unknown word");
        i++;
      }
      out->debug_given = true;
      out->debug = bits;
      continue;
    }
    size_t n = 0;
    while (w[n])
      n++;
    if (n > 4 && w[0] == 'e' && w[1] == 'n' && w[2] == 'v' && w[3] == '=') {
      /* NAME=VALUE with a non-empty NAME, as execve's callers write it. */
      bool named = w[4] != '=';
      bool has_eq = false;
      for (size_t i = 5; i < n && !has_eq; i++)
        has_eq = w[i] == '=';
      if (!named || !has_eq)
        report_word(out, &sc, "cmdline: env= wants NAME=VALUE, not ", w, n,
                    "cmdline: env= wants NAME=VALUE");
      else if (out->envc < CMDLINE_MAX_ENV)
        out->envp[out->envc++] = w + 4;
      else
        report_word(out, &sc, "cmdline: too many env= words, ignored ", w, n,
                    "cmdline: too many env= words");
      continue;
    }
    if (n > 4 && w[0] == 'e' && w[1] == 'x' && w[2] == 'e' && w[3] == '=') {
      if (w[4] == '/')
        out->exe = w + 4;
      else
        report_word(out, &sc, "cmdline: exe= wants an absolute path, not ", w,
                    n, "cmdline: exe= wants an absolute path");
      continue;
    }
    report_word(out, &sc, "cmdline: ignored parameter ", w, n,
                "cmdline: ignored parameter");
  }
  out->argv[out->argc] = 0;
  out->envp[out->envc] = 0;
  if (dropped_args) {
    if (sc.p && sc.left > 0) {
      int need = ksnprintf(sc.p, sc.left,
                           "cmdline: too many arguments, %u ignored (max %d)",
                           dropped_args, CMDLINE_MAX_ARGS);
      if (need >= 0 && (size_t)need < sc.left) {
        report(out, sc.p);
        sc.p += need + 1;
        sc.left -= (size_t)need + 1;
        return;
      }
    }
    report(out, "cmdline: too many arguments, extra ones ignored");
  }
}
