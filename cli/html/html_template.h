/* The HTML templates' format and the one function that fills them.
 *
 * A template is a text file in the tree (cli/html/NAME.html), embedded into
 * the program at build time (cmake/embed.cmake), so a report needs no file
 * at run time and no generator framework. Its format:
 *
 *   - A line that is exactly "@@ NAME" starts the block NAME, which runs to
 *     the next such line or the end. Text before the first block is a
 *     comment (the file's documentation) and is never written.
 *   - Inside a block, {{key}} is replaced by the writer's value for key,
 *     escaped as element content (html_text), and {{key:attr}} by the same
 *     value escaped for a quoted attribute (html_attr). Nothing is ever
 *     inserted unescaped: markup lives in the template, data in values.
 *   - There are no conditionals or loops: the writer decides which blocks
 *     to write, in which order, how many times.
 *
 * Errors: a block or a key the writer does not know is a bug in the pair
 * (template, writer); tpl_emit reports it (-1 and a message) so the unit
 * tests that render every block catch it. */
#ifndef KDIFF_HTML_TEMPLATE_H
#define KDIFF_HTML_TEMPLATE_H

#include <stddef.h>
#include <stdio.h>

struct tpl_block {
  const char *name;
  size_t namelen;
  const char *text; /* the block's body, up to the next "@@ " line */
  size_t len;
};

struct tpl {
  const char *what; /* the template's name, for messages */
  struct tpl_block *b;
  size_t nb;
  char err[256]; /* the last error */
};

/* One value: key and its bytes (len (size_t)-1: val is NUL-terminated;
 * val NULL: the empty string). */
struct tpl_var {
  const char *key;
  const char *val;
  size_t len;
};

#define TV(k, v) ((struct tpl_var){(k), (v), (size_t)-1})
#define TVN(k, v, n) ((struct tpl_var){(k), (v), (n)})

/* Splits src[0..n) (which must outlive t) into blocks. Returns 0, or -1
 * with t->err when there is no block or a block name repeats. */
int tpl_parse(struct tpl *t, const char *what, const char *src, size_t n);

/* Writes block `name` to f with its {{keys}} replaced from v[0..nv).
 * Returns 0, or -1 with t->err naming the unknown block, the key without a
 * value, or an unterminated {{. */
int tpl_emit(FILE *f, struct tpl *t, const char *name, const struct tpl_var *v,
             size_t nv);

/* Frees the block table. */
void tpl_free(struct tpl *t);

#endif
