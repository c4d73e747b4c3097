/* Finding a trace's raw lines again by number, for the HTML report's "raw
 * line" view. The readers keep only each event's line numbers
 * (event.line, event.first_line); the text is found here, afterwards, only
 * when a report asks for it, so reading and aligning never pay for it. */
#ifndef KDIFF_LINE_INDEX_H
#define KDIFF_LINE_INDEX_H

#include <stddef.h>

struct line_index {
  char *buf;     /* the file's bytes (kd_map_file) */
  size_t len, mapped;
  size_t *start; /* start[k]: offset of line k+1; start[n]: one past the last
                  * line's newline (len + 1 without one) */
  size_t n;      /* number of lines */
  int ok;        /* 0: the file could not be read again (no raw lines) */
};

/* Maps path and numbers its lines ("-", or an unreadable file: ok = 0, and
 * every lookup finds nothing). */
void line_index_open(struct line_index *li, const char *path);

/* The text of 1-based line k without its newline (and a trailing \r):
 * sets *n and returns a pointer into the file, or NULL when there is no
 * such line. */
const char *line_index_get(const struct line_index *li, size_t k, size_t *n);

/* Releases the mapping and the table. */
void line_index_close(struct line_index *li);

#endif
