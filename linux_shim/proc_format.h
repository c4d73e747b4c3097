/* Pure pieces of /proc's Linux formats, shared by the generators and
 * checked on the host (tests/unit/shim/test_proc_format.c) against lines
 * the reference Linux printed. */
#ifndef LINUX_SHIM_PROC_FORMAT_H
#define LINUX_SHIM_PROC_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/seqbuf.h>

/* One line of /proc/<pid>/maps (show_map_vma): "start-end perms offset
 * major:minor inode ", then for a non-empty name spaces to column 73 and
 * the name; the newline. */
struct proc_map_line {
  uint64_t start, end, offset, inode;
  uint32_t major, minor;
  bool r, w, x, shared;
  const char *name; /* NULL or "" for none */
};
void proc_put_map_line(struct seqbuf *s, const struct proc_map_line *l);

/* A comm as status's Name shows it: seq_escape_str with ESCAPE_SPACE
 * (\t \n \v \f \r as backslash letters) and a backslash doubled. */
void proc_put_escaped_name(struct seqbuf *s, const char *name);

/* What a /proc write of a number reads (kstrtoint after strstrip) in the
 * first `max` of the n bytes at buf: 0 and *out, -EINVAL for anything but
 * blanks around an optionally signed decimal, -ERANGE past an int. */
int proc_parse_int(const char *buf, unsigned long n, unsigned long max,
                   int *out);

#endif
