/* Line numbers -> text (contract in line_index.h). */
#include "line_index.h"

#include <stdlib.h>
#include <string.h>

#include "trace.h"

void line_index_open(struct line_index *li, const char *path) {
  memset(li, 0, sizeof *li);
  struct kd_error e;
  if (!path || strcmp(path, "-") == 0 ||
      kd_map_file(path, &li->buf, &li->len, &li->mapped, &e))
    return;
  size_t cap = 1024;
  li->start = malloc(cap * sizeof *li->start);
  if (!li->start)
    abort();
  size_t pos = 0;
  while (pos < li->len) {
    if (li->n + 2 > cap) {
      cap *= 2;
      li->start = realloc(li->start, cap * sizeof *li->start);
      if (!li->start)
        abort();
    }
    li->start[li->n++] = pos;
    const char *nl = memchr(li->buf + pos, '\n', li->len - pos);
    pos = nl ? (size_t)(nl - li->buf) + 1 : li->len + 1;
  }
  li->start[li->n] = pos; /* one past the last line's newline (or len + 1) */
  li->ok = 1;
}

const char *line_index_get(const struct line_index *li, size_t k, size_t *n) {
  if (!li->ok || k == 0 || k > li->n)
    return NULL;
  size_t a = li->start[k - 1], b = li->start[k] - 1; /* b: its newline (or len) */
  if (b > a && li->buf[b - 1] == '\r')
    b--;
  *n = b - a;
  return li->buf + a;
}

void line_index_close(struct line_index *li) {
  if (li->buf)
    kd_release_file(li->buf, li->mapped);
  free(li->start);
  memset(li, 0, sizeof *li);
}
