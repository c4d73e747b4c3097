/* Line numbers -> text (contract in line_index.h). */
#include "line_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_num(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static void keep(struct line_index *li, uint32_t k, const char *s, size_t n,
                 int cut) {
  if (n && s[n - 1] == '\r' && !cut)
    n--;
  char *t = malloc(n + 8);
  if (!t)
    abort();
  memcpy(t, s, n);
  if (cut)
    memcpy(t + n, " [...]", 7), n += 6;
  else
    t[n] = 0;
  li->num[li->n] = k;
  li->text[li->n] = t;
  li->len[li->n] = n;
  li->n++;
}

void line_index_open(struct line_index *li, const char *path,
                     const uint32_t *want, size_t nwant) {
  memset(li, 0, sizeof *li);
  FILE *f = path && strcmp(path, "-") && nwant ? fopen(path, "rb") : NULL;
  if (!f)
    return;
  uint32_t *w = malloc(nwant * sizeof *w);
  li->num = malloc(nwant * sizeof *li->num);
  li->text = malloc(nwant * sizeof *li->text);
  li->len = malloc(nwant * sizeof *li->len);
  if (!w || !li->num || !li->text || !li->len)
    abort();
  memcpy(w, want, nwant * sizeof *w);
  qsort(w, nwant, sizeof *w, by_num);
  size_t next = 0; /* index in w of the next line wanted */
  while (next < nwant && w[next] == 0)
    next++;
  char buf[1 << 16], line[LINE_INDEX_MAX];
  size_t have = 0; /* bytes of the current line in `line` */
  int cut = 0;
  uint32_t k = 1;
  size_t got;
  while (next < nwant && (got = fread(buf, 1, sizeof buf, f)) > 0) {
    for (size_t i = 0; i < got && next < nwant;) {
      char *nl = memchr(buf + i, '\n', got - i);
      size_t end = nl ? (size_t)(nl - buf) : got;
      if (k == w[next]) { /* a wanted line: collect its bytes */
        size_t take = end - i;
        if (have + take > sizeof line) {
          take = sizeof line - have;
          cut = 1;
        }
        memcpy(line + have, buf + i, take);
        have += take;
      }
      if (!nl)
        break;
      if (k == w[next]) {
        keep(li, k, line, have, cut);
        while (next < nwant && w[next] == k)
          next++;
      }
      have = 0;
      cut = 0;
      k++;
      i = end + 1;
    }
  }
  if (next < nwant && k == w[next] &&
      have) /* the last line, without a newline */
    keep(li, k, line, have, cut);
  fclose(f);
  free(w);
}

const char *line_index_get(const struct line_index *li, uint32_t k, size_t *n) {
  size_t lo = 0, hi = li->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (li->num[mid] < k)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == li->n || li->num[lo] != k)
    return NULL;
  *n = li->len[lo];
  return li->text[lo];
}

void line_index_close(struct line_index *li) {
  for (size_t i = 0; i < li->n; i++)
    free(li->text[i]);
  free(li->num);
  free(li->text);
  free(li->len);
  memset(li, 0, sizeof *li);
}
