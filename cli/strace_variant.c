/* strace's optional decorations (strace_variant.h): timestamps, -T
 * durations, -y fd paths, -X verbose comments. */
#include "strace_variant.h"

#include <ctype.h>
#include <string.h>

const unsigned char strace_char_class[256] = {
    ['0' ... '9'] = 3, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1};

static size_t digits(const char *s, size_t n, size_t i) {
  size_t a = i;
  while (i < n && STRACE_DIGIT(s[i]))
    i++;
  return i - a;
}

size_t strace_timestamp(const char *s, size_t n) {
  size_t i = 0, d = digits(s, n, 0);
  if (d == 0)
    return 0;
  i = d;
  if (i < n && s[i] == ':') {
    /* -t, -tt: HH:MM:SS[.frac] */
    if (d != 2 || digits(s, n, 3) != 2 || n < 8 || s[5] != ':' ||
        digits(s, n, 6) != 2)
      return 0;
    i = 8;
  } else if (!(i < n && s[i] == '.')) {
    return 0; /* digits alone are a pid, never a timestamp */
  }
  if (i < n && s[i] == '.') {
    size_t f = digits(s, n, i + 1);
    if (f == 0)
      return 0;
    i += 1 + f;
  }
  if (i >= n || s[i] != ' ')
    return 0;
  while (i < n && s[i] == ' ')
    i++;
  return i;
}

size_t strace_strip_duration(const char *s, size_t n) {
  if (n < 4 || s[n - 1] != '>')
    return n;
  static const char un[] = " <unavailable>";
  size_t ul = sizeof un - 1;
  if (n >= ul && memcmp(s + n - ul, un, ul) == 0)
    return n - ul;
  /* " <SECONDS.FRACTION>" */
  size_t i = n - 1, f = 0;
  while (i > 0 && isdigit((unsigned char)s[i - 1]))
    i--, f++;
  if (f == 0 || i == 0 || s[i - 1] != '.')
    return n;
  i--;
  size_t w = 0;
  while (i > 0 && isdigit((unsigned char)s[i - 1]))
    i--, w++;
  if (w == 0 || i < 2 || s[i - 1] != '<' || s[i - 2] != ' ')
    return n;
  return i - 2;
}

size_t strace_fd_decoration(const char *s, size_t n, size_t i) {
  if (i == 0 || i >= n || s[i] != '<')
    return 0;
  /* The fd must be a number of its own ("3<", not "x3<"), or AT_FDCWD,
   * which -y decorates with the cwd. */
  size_t a = i;
  if (i >= 8 && memcmp(s + i - 8, "AT_FDCWD", 8) == 0)
    a = i - 8;
  else
    while (a > 0 && isdigit((unsigned char)s[a - 1]))
      a--;
  if (a == i ||
      (a > 0 && (isalnum((unsigned char)s[a - 1]) || s[a - 1] == '_')))
    return 0;
  size_t depth = 0, sq = 0;
  for (size_t k = i; k < n; k++) {
    char c = s[k];
    if (c == '\\') {
      k++; /* strace's escape of a path byte ("\74" is '<') */
    } else if (c == '[') {
      sq++; /* socket and pipe inodes: "[1->2]" holds a '>' */
    } else if (c == ']' && sq) {
      sq--;
    } else if (sq) {
      continue;
    } else if (c == '<') {
      depth++;
    } else if (c == '>' && --depth == 0) {
      return k + 1 - i;
    }
  }
  return 0;
}

size_t strace_value_core(const char *s, size_t n) {
  size_t i = 0;
  if (i < n && s[i] == '-')
    i++;
  while (i < n && STRACE_NAME_CHAR(s[i]))
    i++; /* a decimal, 0x hex or octal number, NULL, AT_FDCWD */
  if (i == 0 || i == n)
    return n;
  size_t core = i;
  if (s[i] == '<') {
    size_t d = strace_fd_decoration(s, n, i);
    return d && i + d == n ? core : n;
  }
  /* -X verbose: the number, a blank, then one comment that ends the text. */
  if (n - i < 5 || memcmp(s + i, " /*", 3) != 0 || memcmp(s + n - 2, "*/", 2))
    return n;
  for (size_t k = i + 3; k + 2 < n; k++)
    if (s[k] == '*' && s[k + 1] == '/')
      return n; /* a comment ends before the text does: something else */
  return core;
}
