/* Template blocks and {{key}} substitution (format in html_template.h). */
#include "html_template.h"

#include <stdlib.h>
#include <string.h>

#include "html_escape.h"

static int fail(struct tpl *t, const char *what, const char *s, size_t n) {
  snprintf(t->err, sizeof t->err, "template %s: %s '%.*s'", t->what, what,
           (int)(n > 80 ? 80 : n), s);
  return -1;
}

int tpl_parse(struct tpl *t, const char *what, const char *src, size_t n) {
  memset(t, 0, sizeof *t);
  t->what = what;
  size_t cap = 0;
  for (size_t pos = 0; pos < n;) {
    const char *line = src + pos;
    const char *nl = memchr(line, '\n', n - pos);
    size_t len = nl ? (size_t)(nl - line) : n - pos;
    size_t next = pos + len + (nl ? 1 : 0);
    if (len > 3 && memcmp(line, "@@ ", 3) == 0) {
      for (size_t i = 0; i < t->nb; i++)
        if (t->b[i].namelen == len - 3 &&
            memcmp(t->b[i].name, line + 3, len - 3) == 0)
          return fail(t, "block repeats:", line + 3, len - 3);
      if (t->nb == cap) {
        cap = cap ? cap * 2 : 32;
        t->b = realloc(t->b, cap * sizeof *t->b);
        if (!t->b)
          abort();
      }
      t->b[t->nb++] = (struct tpl_block){line + 3, len - 3, src + next, 0};
    } else if (t->nb) {
      struct tpl_block *b = &t->b[t->nb - 1];
      b->len = (size_t)(src + next - b->text);
    }
    pos = next;
  }
  if (!t->nb)
    return fail(t, "has no block", "", 0);
  return 0;
}

static const struct tpl_var *lookup(const struct tpl_var *v, size_t nv,
                                    const char *key, size_t n) {
  for (size_t i = 0; i < nv; i++)
    if (strlen(v[i].key) == n && memcmp(v[i].key, key, n) == 0)
      return &v[i];
  return NULL;
}

int tpl_emit(FILE *f, struct tpl *t, const char *name, const struct tpl_var *v,
             size_t nv) {
  const struct tpl_block *b = NULL;
  for (size_t i = 0; i < t->nb && !b; i++)
    if (t->b[i].namelen == strlen(name) &&
        memcmp(t->b[i].name, name, t->b[i].namelen) == 0)
      b = &t->b[i];
  if (!b)
    return fail(t, "no block", name, strlen(name));
  const char *s = b->text, *end = b->text + b->len;
  while (s < end) {
    const char *open = NULL;
    for (const char *p = s; p + 1 < end && !open; p++)
      if (p[0] == '{' && p[1] == '{')
        open = p;
    if (!open) {
      fwrite(s, 1, (size_t)(end - s), f);
      break;
    }
    fwrite(s, 1, (size_t)(open - s), f);
    const char *key = open + 2, *close = NULL;
    for (const char *p = key; p + 1 < end && !close; p++)
      if (p[0] == '}' && p[1] == '}')
        close = p;
    if (!close)
      return fail(t, "unterminated {{ in block", name, strlen(name));
    size_t klen = (size_t)(close - key);
    int attr = klen > 5 && memcmp(close - 5, ":attr", 5) == 0;
    const struct tpl_var *var = lookup(v, nv, key, attr ? klen - 5 : klen);
    if (!var)
      return fail(t, "no value for", key, klen);
    const char *val = var->val ? var->val : "";
    size_t vlen = var->len == (size_t)-1 ? strlen(val) : var->len;
    if (attr)
      html_attr(f, val, vlen);
    else
      html_text(f, val, vlen);
    s = close + 2;
  }
  return 0;
}

void tpl_free(struct tpl *t) {
  free(t->b);
  t->b = NULL;
  t->nb = 0;
}
