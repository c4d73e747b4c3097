/* The optional decorations strace adds to its lines, recognised so that
 * the reader (strace_parse.c) sees the same event whatever options wrote
 * the file. One job: say how long a decoration is; the reader decides
 * what to do with the rest of the line. Nothing here allocates.
 *
 * Covered (strace 6.x):
 *   -t / -tt / -ttt    "07:02:58 ", "07:02:58.403846 ", "1796281378.354891 "
 *                      after the pid column, before the -n column
 *   -T                 " <0.000283>" at the end of a call's line
 *   -y / -yy           "3</dev/null>", "3</dev/null<char 1:3>>",
 *                      "4<pipe:[105774]>", "3<UNIX-STREAM:[1->2]>" after an
 *                      fd, in arguments and return values (strace escapes
 *                      '<' and '>' inside paths, so nesting is exact)
 *   -X verbose         a C comment naming a number after it: 0x8001 then
 *                      slash-star O_WRONLY|O_LARGEFILE star-slash
 *   -X raw, -s N, -v, -e trace=, no -f, -n: nothing to strip (numbers,
 *                      cut strings and structs read as ever; see
 *                      docs/kdiff.md for what each means for a comparison)
 * Non-goals: -r (relative timestamps read as -ttt ones do, but nothing
 * uses them), -k stack traces, --syscall-times with units. */
#ifndef KDIFF_STRACE_VARIANT_H
#define KDIFF_STRACE_VARIANT_H

#include <stddef.h>

/* 1 for [A-Za-z0-9_] (isalnum in the C locale, or '_'), 2 more for
 * [0-9]: a table, not ctype's call per byte, since the readers classify
 * every byte of every name and number with it. */
extern const unsigned char strace_char_class[256];
#define STRACE_NAME_CHAR(c) (strace_char_class[(unsigned char)(c)] & 1)
#define STRACE_DIGIT(c) (strace_char_class[(unsigned char)(c)] & 2)

/* The length of a -t/-tt/-ttt (or -r) timestamp at the start of s[0..n),
 * with the blanks after it; 0 when s does not start with one. A timestamp
 * MUST be followed by a blank, so a bare pid ("13448 ") is never one. */
size_t strace_timestamp(const char *s, size_t n);

/* The length of s[0..n) without a -T duration (" <0.000283>", or
 * " <unavailable>") at its end; n when there is none. */
size_t strace_strip_duration(const char *s, size_t n);

/* The length of the -y/-yy decoration "<...>" that starts at s[i], which
 * MUST directly follow a decimal digit (the fd) to count; 0 when s[i] does
 * not start one or it never closes (the caller then reports the line). */
size_t strace_fd_decoration(const char *s, size_t n, size_t i);

/* The length of the number at the start of the value text s[0..n) when
 * the rest is only a decoration of it: a -y fd path or a -X verbose
 * comment ("3</dev/null>", or 0x8001 and a comment); n otherwise. The
 * caller parses s[0..result) as the value. */
size_t strace_value_core(const char *s, size_t n);

#endif
