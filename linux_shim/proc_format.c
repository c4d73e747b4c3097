/* proc_format.h's formats. */
#include <linux_shim/proc_format.h>

#include <libos/kstring.h>
#include <uapi/errno.h>

#define NAME_COLUMN 72 /* Linux: 25 + sizeof(void *) * 6 - 1 */

void proc_put_map_line(struct seqbuf *s, const struct proc_map_line *l) {
  size_t line = s->len;
  seq_printf(s, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
             (unsigned long long)l->start, (unsigned long long)l->end,
             l->r ? 'r' : '-', l->w ? 'w' : '-', l->x ? 'x' : '-',
             l->shared ? 's' : 'p', (unsigned long long)l->offset, l->major,
             l->minor, (unsigned long long)l->inode);
  if (l->name && l->name[0]) {
    seq_pad_to(s, line + NAME_COLUMN);
    seq_printf(s, " %s", l->name);
  }
  seq_write(s, "\n", 1);
}

void proc_put_escaped_name(struct seqbuf *s, const char *name) {
  static const char from[] = "\n\\\t\v\f\r", to[] = "n\\tvfr";
  for (const char *c = name; *c; c++) {
    const char *e = strchr(from, *c);
    if (e) {
      char esc[2] = {'\\', to[e - from]};
      seq_write(s, esc, 2);
    } else {
      seq_write(s, c, 1);
    }
  }
}

static bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

int proc_parse_int(const char *buf, unsigned long n, unsigned long max,
                   int *out) {
  unsigned long a = 0, b = n < max ? n : max;
  for (unsigned long i = 0; i < b; i++)
    if (buf[i] == '\0')
      b = i; /* the kernel's copy is a C string */
  while (a < b && is_space(buf[a]))
    a++;
  while (b > a && is_space(buf[b - 1]))
    b--;
  bool neg = a < b && buf[a] == '-';
  if (a < b && (buf[a] == '-' || buf[a] == '+'))
    a++;
  if (a == b)
    return -EINVAL;
  unsigned long long v = 0;
  for (; a < b; a++) {
    if (buf[a] < '0' || buf[a] > '9')
      return -EINVAL;
    v = v * 10 + (unsigned)(buf[a] - '0');
    if (v > (1ULL << 40))
      return -ERANGE; /* far past an int; stops the product wrapping */
  }
  if (v > (neg ? 2147483648ULL : 2147483647ULL))
    return -ERANGE;
  *out = neg ? (int)-(long long)v : (int)v;
  return 0;
}
