/* Building one JSON object per line for the trace channel (schema v1). */
#ifndef LIBOS_JSON_H
#define LIBOS_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A line under construction in caller-provided memory. When it would
 * overflow, fields are dropped whole and "truncated":true is added at the
 * end, so the line is always valid JSON. */
struct jline {
  char *buf;
  size_t cap, len;
  bool first;     /* no field yet */
  bool overflow;
};

/* Start an object: "{". `cap` MUST be at least 64. */
void jl_begin(struct jline *j, char *buf, size_t cap);

/* "key":"<escaped s>" (s of length n: any bytes; '"', '\\' and control
 * bytes escaped, bytes >= 0x80 written as \u00XX so the line is ASCII). */
void jl_str(struct jline *j, const char *key, const char *s, size_t n);
/* Same for a NUL-terminated string. */
void jl_cstr(struct jline *j, const char *key, const char *s);
/* "key":<signed decimal> */
void jl_int(struct jline *j, const char *key, int64_t v);
/* "key":<unsigned decimal>; above INT64_MAX "key":"0x<lower hex>" instead,
 * because JSON readers such as jansson hold integers as int64 and would
 * reject the whole line. */
void jl_uint(struct jline *j, const char *key, uint64_t v);
/* "key":"0x<lower hex>" */
void jl_hex(struct jline *j, const char *key, uint64_t v);
/* "key":["0x..",...] of n values */
void jl_hex_array(struct jline *j, const char *key, const uint64_t *v,
                  unsigned n);
/* "key":{"<idx[0]>":"<escaped s[0]>",...}: n strings (any bytes, escaped as
 * jl_str does) under one-digit keys (idx[i] MUST be < 10). Written whole or
 * not at all. */
void jl_str_map(struct jline *j, const char *key, const unsigned *idx,
                const char *const *s, const size_t *len, unsigned n);
/* "key":[<decimal>,...] of n values */
void jl_uint_array(struct jline *j, const char *key, const unsigned *v,
                   unsigned n);
/* "key":true/false */
void jl_bool(struct jline *j, const char *key, bool v);

/* Close the object with "}\n"; returns the line length. */
size_t jl_end(struct jline *j);

#endif
