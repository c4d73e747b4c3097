/* Finding a trace's raw lines again by number, for the HTML report's "raw
 * line" view. The readers keep only each event's line numbers
 * (event.line, event.first_line); the text is found here, afterwards, only
 * when a report asks for it, so reading and aligning never pay for it.
 *
 * Cost: one sequential read of the file through a small buffer, keeping
 * copies of just the lines asked for (each cut at LINE_INDEX_MAX bytes), so
 * memory is that of the page's lines, not of the file. */
#ifndef KDIFF_LINE_INDEX_H
#define KDIFF_LINE_INDEX_H

#include <stddef.h>
#include <stdint.h>

#define LINE_INDEX_MAX 4096

struct line_index {
  uint32_t *num; /* the line numbers found, ascending */
  char **text;   /* their text (NUL-terminated, without the newline) */
  size_t
      *len; /* their length (a cut line: LINE_INDEX_MAX, text ends "[...]") */
  size_t n;
};

/* Reads path once and keeps the lines whose 1-based numbers are in
 * want[0..nwant) (any order, repeats allowed). "-" or an unreadable file
 * keeps nothing: every lookup then finds nothing. */
void line_index_open(struct line_index *li, const char *path,
                     const uint32_t *want, size_t nwant);

/* The text of line k (a trailing \r removed), with *n set, or NULL when it
 * was not asked for or not found. */
const char *line_index_get(const struct line_index *li, uint32_t k, size_t *n);

/* Frees the kept lines. */
void line_index_close(struct line_index *li);

#endif
