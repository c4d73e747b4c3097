/* seqbuf.h: appends that fit or set the overflow flag. */
#include <libos/seqbuf.h>

#include <stdarg.h>

#include <libos/fmt.h>
#include <libos/kstring.h>

void seq_write(struct seqbuf *s, const void *p, size_t n) {
  if (s->overflow || s->len + n > s->cap) {
    s->overflow = true;
    return;
  }
  memcpy(s->buf + s->len, p, n);
  s->len += n;
}

void seq_printf(struct seqbuf *s, const char *fmt, ...) {
  if (s->overflow)
    return;
  va_list ap;
  va_start(ap, fmt);
  size_t room = s->cap - s->len;
  int n = kvsnprintf(s->buf + s->len, room + 1, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n > room)
    s->overflow = true;
  else
    s->len += (size_t)n;
}

void seq_pad_to(struct seqbuf *s, size_t width) {
  while (!s->overflow && s->len < width)
    seq_write(s, " ", 1);
}
