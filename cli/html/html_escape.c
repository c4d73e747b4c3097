/* HTML escaping (contract in html_escape.h). */
#include "html_escape.h"

size_t html_utf8_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80)
    return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    if (c == 0xe0)
      lo = 0xa0; /* overlong below U+0800 */
    if (c == 0xed)
      hi = 0x9f; /* UTF-16 surrogates */
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    if (c == 0xf0)
      lo = 0x90; /* overlong below U+10000 */
    if (c == 0xf4)
      hi = 0x8f; /* above U+10FFFF */
  } else {
    return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
  }
  if (n < len || s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < len; i++)
    if (s[i] < 0x80 || s[i] > 0xbf)
      return 0;
  return len;
}

static void stand_in(FILE *f, const char *form, unsigned v, int markup) {
  if (markup)
    fputs("<span class=\"x\">", f);
  fprintf(f, form, v);
  if (markup)
    fputs("</span>", f);
}

static void escape(FILE *f, const char *str, size_t n, int markup) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    size_t run = i; /* copy plain bytes in one write */
    while (run < n && s[run] >= 0x20 && s[run] < 0x7f && s[run] != '&' &&
           s[run] != '<' && s[run] != '>' && s[run] != '"' && s[run] != '\'')
      run++;
    if (run > i) {
      fwrite(s + i, 1, run - i, f);
      i = run;
      continue;
    }
    unsigned char c = s[i];
    switch (c) {
    case '&':
      fputs("&amp;", f);
      break;
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    case '"':
      fputs("&quot;", f);
      break;
    case '\'':
      fputs("&#39;", f);
      break;
    case '\n':
    case '\t':
      fputc(c, f);
      break;
    default:
      if (c < 0x80) { /* C0 control or DEL */
        stand_in(f, "\\x%02x", c, markup);
        break;
      }
      size_t len = html_utf8_len(s + i, n - i);
      if (len == 0) {
        stand_in(f, "\\x%02x", c, markup);
        break;
      }
      if (len == 2 && c == 0xc2 && s[i + 1] < 0xa0) /* C1 control */
        stand_in(f, "\\u%04x", s[i + 1], markup);
      else
        fwrite(s + i, 1, len, f);
      i += len;
      continue;
    }
    i++;
  }
}

void html_text(FILE *f, const char *s, size_t n) {
  escape(f, s, n, 1);
}

void html_attr(FILE *f, const char *s, size_t n) {
  escape(f, s, n, 0);
}
