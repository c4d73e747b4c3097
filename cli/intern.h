/* Interned names (syscalls, errnos, signals, si_codes): equal strings get
 * equal ids, so events compare names as integers. Id 0 means "none". One
 * process-wide table, shared by both traces; thread-safe (the two readers
 * run in parallel). */
#ifndef KDIFF_INTERN_H
#define KDIFF_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns the id of s[0..n), adding it if new (ids start at 1). */
uint32_t intern_n(const char *s, size_t n);

/* intern_n on a NUL-terminated string. */
uint32_t intern(const char *s);

/* Returns the id of s if interned already, else 0 (never adds). */
uint32_t intern_lookup(const char *s);

/* True when id names exactly s[0..n): what intern_n(s, n) == id says, but
 * without hashing, and never adding a string (for a reader that expects a
 * name it has already seen). Lock-free, as intern_str. */
bool intern_is(uint32_t id, const char *s, size_t n);

/* The NUL-terminated text of id ("" for 0 or an unknown id). */
const char *intern_str(uint32_t id);

#endif
