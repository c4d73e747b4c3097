/* A small snprintf for kernel log lines (see fmt.h for the subset). */
#include "libos/fmt.h"

#include <stdbool.h>
#include <stdint.h>

/* Output cursor: counts every byte, stores those that fit (leaving room for
 * the terminating NUL). */
struct out {
  char *buf;
  size_t size, len;
};

static void put(struct out *o, char c) {
  if (o->len + 1 < o->size)
    o->buf[o->len] = c;
  o->len++;
}

static void pad(struct out *o, char c, int n) {
  while (n-- > 0)
    put(o, c);
}

struct spec {
  bool left, zero;
  int width;     /* 0 when none */
  int prec;      /* -1 when none */
  int lmod;      /* 0 int, 1 long, 2 long long, 3 size_t */
};

/* One integer conversion: digits of v in `base`, with sign and "0x" prefix
 * handled like C's printf for the flags we support. */
static void put_uint(struct out *o, const struct spec *sp, uint64_t v,
                     unsigned base, bool upper, bool neg, const char *prefix) {
  const char *digs = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char tmp[24];
  int n = 0;
  if (v == 0 && sp->prec != 0)
    tmp[n++] = '0';
  while (v) {
    tmp[n++] = digs[v % base];
    v /= base;
  }
  int zeros = sp->prec > n ? sp->prec - n : 0;
  int plen = 0;
  while (prefix[plen])
    plen++;
  int total = n + zeros + plen + (neg ? 1 : 0);
  int fill = sp->width > total ? sp->width - total : 0;
  /* '0' is ignored with '-' or with a precision, as in C. */
  bool zero_fill = sp->zero && !sp->left && sp->prec < 0;
  if (!sp->left && !zero_fill)
    pad(o, ' ', fill);
  if (neg)
    put(o, '-');
  for (int i = 0; i < plen; i++)
    put(o, prefix[i]);
  if (zero_fill)
    pad(o, '0', fill);
  pad(o, '0', zeros);
  while (n)
    put(o, tmp[--n]);
  if (sp->left)
    pad(o, ' ', fill);
}

static void put_str(struct out *o, const struct spec *sp, const char *s) {
  if (!s)
    s = "(null)";
  int n = 0;
  while (s[n] && (sp->prec < 0 || n < sp->prec))
    n++;
  int fill = sp->width > n ? sp->width - n : 0;
  if (!sp->left)
    pad(o, ' ', fill);
  for (int i = 0; i < n; i++)
    put(o, s[i]);
  if (sp->left)
    pad(o, ' ', fill);
}

static uint64_t get_unsigned(const struct spec *sp, va_list *ap) {
  switch (sp->lmod) {
  case 1: return va_arg(*ap, unsigned long);
  case 2: return va_arg(*ap, unsigned long long);
  case 3: return va_arg(*ap, size_t);
  default: return va_arg(*ap, unsigned int);
  }
}

static int64_t get_signed(const struct spec *sp, va_list *ap) {
  switch (sp->lmod) {
  case 1: return va_arg(*ap, long);
  case 2: return va_arg(*ap, long long);
  case 3: return (int64_t)va_arg(*ap, size_t); /* %zd: ssize_t-sized */
  default: return va_arg(*ap, int);
  }
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in) {
  struct out o = {buf, size, 0};
  va_list ap;
  va_copy(ap, ap_in);
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') {
      put(&o, *f);
      continue;
    }
    const char *start = f++;
    struct spec sp = {false, false, 0, -1, 0};
    for (;; f++) {
      if (*f == '-')
        sp.left = true;
      else if (*f == '0')
        sp.zero = true;
      else
        break;
    }
    if (*f == '*') {
      sp.width = va_arg(ap, int);
      if (sp.width < 0) { /* C: a negative width means '-' */
        sp.left = true;
        sp.width = sp.width == INT32_MIN ? 0 : -sp.width;
      }
      f++;
    } else {
      while (*f >= '0' && *f <= '9' && sp.width < 100000)
        sp.width = sp.width * 10 + (*f++ - '0');
      while (*f >= '0' && *f <= '9')
        f++;
    }
    if (*f == '.') {
      f++;
      sp.prec = 0;
      if (*f == '*') {
        sp.prec = va_arg(ap, int);
        if (sp.prec < 0)
          sp.prec = -1;
        f++;
      } else {
        while (*f >= '0' && *f <= '9' && sp.prec < 100000)
          sp.prec = sp.prec * 10 + (*f++ - '0');
        while (*f >= '0' && *f <= '9')
          f++;
      }
    }
    if (*f == 'l') {
      sp.lmod = 1;
      if (*++f == 'l') {
        sp.lmod = 2;
        f++;
      }
    } else if (*f == 'z') {
      sp.lmod = 3;
      f++;
    }
    switch (*f) {
    case 'd':
    case 'i': {
      int64_t v = get_signed(&sp, &ap);
      uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
      put_uint(&o, &sp, mag, 10, false, v < 0, "");
      break;
    }
    case 'u':
      put_uint(&o, &sp, get_unsigned(&sp, &ap), 10, false, false, "");
      break;
    case 'x':
      put_uint(&o, &sp, get_unsigned(&sp, &ap), 16, false, false, "");
      break;
    case 'X':
      put_uint(&o, &sp, get_unsigned(&sp, &ap), 16, true, false, "");
      break;
    case 'o':
      put_uint(&o, &sp, get_unsigned(&sp, &ap), 8, false, false, "");
      break;
    case 'p':
      /* Always "0x<hex>", also for NULL (kernel logs compare addresses). */
      put_uint(&o, &sp, (uintptr_t)va_arg(ap, void *), 16, false, false,
               "0x");
      break;
    case 'c': {
      char c = (char)va_arg(ap, int);
      int fill = sp.width > 1 ? sp.width - 1 : 0;
      if (!sp.left)
        pad(&o, ' ', fill);
      put(&o, c);
      if (sp.left)
        pad(&o, ' ', fill);
      break;
    }
    case 's':
      put_str(&o, &sp, va_arg(ap, const char *));
      break;
    case '%':
      put(&o, '%');
      break;
    default:
      /* Unknown conversion: copy it out verbatim so the mistake shows. */
      for (const char *c = start; c <= f && *c; c++)
        put(&o, *c);
      if (!*f)
        f--;
      break;
    }
  }
  va_end(ap);
  if (size)
    buf[o.len < size ? o.len : size - 1] = '\0';
  return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = kvsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
