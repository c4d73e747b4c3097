/* linediff_print(): LCS line alignment, printed as one unified hunk. */
#include "linediff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Above this many cells the LCS table is not built: the common prefix and
 * suffix are kept and the middle is shown as all removed, then all added. */
#define LCS_MAX_CELLS (4u << 20)

typedef struct line {
  const char *p;
  size_t len; /* including the '\n' when there is one */
} line;

static line *split(const char *s, size_t len, size_t *n) {
  size_t count = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] == '\n')
      count++;
  line *v = calloc(count + 2, sizeof *v);
  if (!v)
    return NULL;
  size_t k = 0, start = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] == '\n') {
      v[k++] = (line){s + start, i + 1 - start};
      start = i + 1;
    }
  if (start < len)
    v[k++] = (line){s + start, len - start};
  *n = k;
  return v;
}

static int same(line a, line b) {
  return a.len == b.len && !memcmp(a.p, b.p, a.len);
}

static void put_escaped(FILE *f, const char *p, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '\t' || (c >= 0x20 && c < 0x7f) || c >= 0x80)
      fputc(c, f);
    else
      fprintf(f, "\\x%02x", c);
  }
}

/* One output line: prefix, text without its newline, newline marker. */
static void put_line(FILE *f, char prefix, line l) {
  int nl = l.len > 0 && l.p[l.len - 1] == '\n';
  fputc(prefix, f);
  put_escaped(f, l.p, nl ? l.len - 1 : l.len);
  fputc('\n', f);
  if (!nl)
    fputs("\\ No newline at end of file\n", f);
}

typedef struct emitter {
  FILE *f;
  size_t shown, max, hidden;
} emitter;

static void emit(emitter *e, char prefix, line l) {
  if (e->shown < e->max) {
    put_line(e->f, prefix, l);
    e->shown++;
  } else {
    e->hidden++;
  }
}

size_t linediff_print(FILE *f, const char *a_label, const char *a, size_t alen,
                      const char *b_label, const char *b, size_t blen,
                      size_t max_lines) {
  size_t na = 0, nb = 0;
  line *la = split(a, alen, &na), *lb = split(b, blen, &nb);
  if (!la || !lb) {
    free(la);
    free(lb);
    fprintf(f, "(out of memory for the diff)\n");
    return 1;
  }
  /* Common prefix and suffix need no table. */
  size_t pre = 0;
  while (pre < na && pre < nb && same(la[pre], lb[pre]))
    pre++;
  size_t suf = 0;
  while (suf < na - pre && suf < nb - pre && same(la[na - 1 - suf], lb[nb - 1 - suf]))
    suf++;
  size_t ma = na - pre - suf, mb = nb - pre - suf;

  /* lcs[i][j] = LCS length of the middles' suffixes from i and j. */
  uint32_t *lcs = NULL;
  if (ma && mb && (ma + 1) * (mb + 1) <= LCS_MAX_CELLS)
    lcs = calloc((ma + 1) * (mb + 1), sizeof *lcs);
  if (lcs) {
    for (size_t i = ma; i-- > 0;)
      for (size_t j = mb; j-- > 0;) {
        uint32_t *c = &lcs[i * (mb + 1) + j];
        if (same(la[pre + i], lb[pre + j]))
          *c = lcs[(i + 1) * (mb + 1) + j + 1] + 1;
        else {
          uint32_t down = lcs[(i + 1) * (mb + 1) + j], right = lcs[i * (mb + 1) + j + 1];
          *c = down >= right ? down : right;
        }
      }
  }

  fprintf(f, "--- %s\n+++ %s\n@@ -%zu,%zu +%zu,%zu @@\n", a_label, b_label,
          na ? (size_t)1 : 0, na, nb ? (size_t)1 : 0, nb);
  emitter e = {f, 0, max_lines, 0};
  size_t changed = 0;
  for (size_t i = 0; i < pre; i++)
    emit(&e, ' ', la[i]);
  size_t i = 0, j = 0;
  while (i < ma || j < mb) {
    if (lcs && i < ma && j < mb && same(la[pre + i], lb[pre + j])) {
      emit(&e, ' ', la[pre + i]);
      i++, j++;
    } else if (i < ma && (j == mb || !lcs ||
                          lcs[(i + 1) * (mb + 1) + j] >= lcs[i * (mb + 1) + j + 1])) {
      emit(&e, '-', la[pre + i++]);
      changed++;
    } else {
      emit(&e, '+', lb[pre + j++]);
      changed++;
    }
  }
  for (size_t k = na - suf; k < na; k++)
    emit(&e, ' ', la[k]);
  if (e.hidden)
    fprintf(f, "... %zu more lines (see the result file)\n", e.hidden);
  free(lcs);
  free(la);
  free(lb);
  return changed;
}

void linediff_print_block(FILE *f, const char *indent, const char *text,
                          size_t len, size_t max_lines) {
  size_t n = 0;
  line *v = split(text, len, &n);
  if (!v || n == 0) {
    fprintf(f, "%s(empty)\n", indent);
    free(v);
    return;
  }
  for (size_t i = 0; i < n && i < max_lines; i++) {
    fputs(indent, f);
    put_line(f, ' ', v[i]);
  }
  if (n > max_lines)
    fprintf(f, "%s... %zu more lines\n", indent, n - max_lines);
  free(v);
}
