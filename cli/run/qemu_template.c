/* run_qemu_argv(): the per-arch QEMU argument template, expanded. */
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int run_accel_parse(const char *word, run_accel *out) {
  if (!strcmp(word, "auto") || !strcmp(word, "tcg")) {
    *out = RUN_ACCEL_TCG; /* auto = TCG: KVM is unreliable here, opt-in only */
    return 0;
  }
  if (!strcmp(word, "kvm")) {
    *out = RUN_ACCEL_KVM;
    return 0;
  }
  return -1;
}

int run_accel_default(run_accel *out) {
  const char *env = getenv("KDIFF_ACCEL");
  if (env && *env)
    return run_accel_parse(env, out);
  *out = RUN_ACCEL_TCG;
  return 0;
}

void run_argv_free(char **argv) {
  if (!argv)
    return;
  for (char **a = argv; *a; a++)
    free(*a);
  free(argv);
}

/* A growing vector of strings. */
typedef struct vec {
  char **v;
  size_t n, cap;
} vec;

static int vec_push(vec *v, char *s) {
  if (!s)
    return -1;
  if (v->n + 2 > v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 16;
    char **grown = realloc(v->v, cap * sizeof *grown);
    if (!grown) {
      free(s);
      return -1;
    }
    v->v = grown;
    v->cap = cap;
  }
  v->v[v->n++] = s;
  v->v[v->n] = NULL;
  return 0;
}

/* Expand the @NAME@ placeholders of one argument. Returns a malloc'd string
 * or NULL with *bad set to the unknown placeholder (or NULL: no memory). */
static char *expand(const char *arg, const run_qemu_opts *o, char *bad,
                    size_t badlen) {
  static const char *const names[] = {"IMAGE", "CMDLINE", "CONSOLE", "TRACE",
                                      "INITRD"};
  const char *values[] = {o->image, o->cmdline, o->console_file, o->trace_file,
                          o->initrd};
  size_t cap = strlen(arg) + 1, len = 0;
  for (size_t i = 0; i < 5; i++)
    cap += values[i] ? strlen(values[i]) * 4 : 0; /* generous: few repeats */
  char *out = malloc(cap + 1);
  if (!out)
    return NULL;
  const char *p = arg;
  while (*p) {
    if (*p == '@') {
      const char *end = strchr(p + 1, '@');
      size_t k = 0;
      if (end) {
        for (k = 0; k < 5; k++)
          if ((size_t)(end - p - 1) == strlen(names[k]) &&
              !strncmp(p + 1, names[k], strlen(names[k])))
            break;
      }
      if (end && k < 5) {
        const char *val = values[k] ? values[k] : "";
        size_t vl = strlen(val);
        if (len + vl + 1 > cap) {
          cap = (len + vl + 1) * 2;
          char *grown = realloc(out, cap + 1);
          if (!grown) {
            free(out);
            return NULL;
          }
          out = grown;
        }
        memcpy(out + len, val, vl);
        len += vl;
        p = end + 1;
        continue;
      }
      if (end && end > p + 1) {
        int looks_like_placeholder = 1;
        for (const char *c = p + 1; c < end; c++)
          if (!((*c >= 'A' && *c <= 'Z') || *c == '_'))
            looks_like_placeholder = 0;
        if (looks_like_placeholder) {
          snprintf(bad, badlen, "%.*s", (int)(end - p + 1), p);
          free(out);
          return NULL;
        }
      }
    }
    if (len + 2 > cap) {
      cap *= 2;
      char *grown = realloc(out, cap + 1);
      if (!grown) {
        free(out);
        return NULL;
      }
      out = grown;
    }
    out[len++] = *p++;
  }
  out[len] = '\0';
  return out;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

int run_qemu_argv(const run_qemu_opts *o, char ***argv_out, char *err,
                  size_t errlen) {
  *argv_out = NULL;
  run_buf text;
  if (run_read_file(o->template_file, &text) < 0) {
    snprintf(err, errlen, "%s: cannot read QEMU template: %s", o->template_file,
             strerror(errno));
    return -1;
  }
  vec v = {0};
  int line = 0, rc = 0;
  /* strtok_r would merge blank lines and so skew line numbers: split by hand.
   */
  char *p = text.data;
  while (p && *p) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = '\0';
    line++;
    char *arg = trim(p);
    p = nl ? nl + 1 : NULL;
    if (*arg == '\0' || *arg == '#')
      continue;
    if (!strncmp(arg, "tcg:", 4) || !strncmp(arg, "kvm:", 4)) {
      run_accel only = arg[0] == 't' ? RUN_ACCEL_TCG : RUN_ACCEL_KVM;
      arg = trim(arg + 4);
      if (*arg == '\0') {
        snprintf(err, errlen, "%s:%d: '%.4s' with no argument",
                 o->template_file, line,
                 only == RUN_ACCEL_TCG ? "tcg:" : "kvm:");
        rc = -1;
        break;
      }
      if (only != o->accel)
        continue;
    }
    char bad[64] = "";
    char *expanded = expand(arg, o, bad, sizeof bad);
    if (!expanded) {
      if (bad[0])
        snprintf(err, errlen,
                 "%s:%d: unknown placeholder %s (known: @IMAGE@, "
                 "@CMDLINE@, @CONSOLE@, @TRACE@, @INITRD@)",
                 o->template_file, line, bad);
      else
        snprintf(err, errlen, "%s:%d: out of memory", o->template_file, line);
      rc = -1;
      break;
    }
    if (vec_push(&v, expanded) < 0) {
      snprintf(err, errlen, "out of memory");
      rc = -1;
      break;
    }
  }
  if (rc == 0 && v.n == 0) {
    snprintf(err, errlen, "%s: the template names no program",
             o->template_file);
    rc = -1;
  }
  if (rc == 0 && o->memory) {
    /* The test's own memory size replaces the template's -m (or is added). */
    size_t i = 1;
    while (i + 1 < v.n && strcmp(v.v[i], "-m") != 0)
      i++;
    if (i + 1 < v.n) {
      free(v.v[i + 1]);
      v.v[i + 1] = strdup(o->memory);
      if (!v.v[i + 1])
        rc = -1;
    } else if (vec_push(&v, strdup("-m")) < 0 ||
               vec_push(&v, strdup(o->memory)) < 0) {
      rc = -1;
    }
    if (rc < 0)
      snprintf(err, errlen, "out of memory");
  }
  if (rc == 0 &&
      (vec_push(&v, strdup("-accel")) < 0 ||
       vec_push(&v, strdup(o->accel == RUN_ACCEL_KVM ? "kvm" : "tcg")) < 0)) {
    snprintf(err, errlen, "out of memory");
    rc = -1;
  }
  run_buf_free(&text);
  if (rc < 0) {
    run_argv_free(v.v);
    return -1;
  }
  *argv_out = v.v;
  return 0;
}
