/* The kernel's one source of random-looking bytes: /dev/random, urandom,
 * getrandom and AT_RANDOM all draw from it. Not for cryptography: a
 * xorshift64* generator seeded from the HAL's entropy and the clock. */
#ifndef LIBOS_RANDOM_H
#define LIBOS_RANDOM_H

#include <stddef.h>
#include <stdint.h>

struct mm;

/* Fills buf with n fresh bytes. */
void random_bytes(void *buf, size_t n);

/* Copies n fresh bytes to user ubuf in mm: the count copied, or -EFAULT
 * when not even the first byte could be written (a fault later gives the
 * count before it, as Linux's copy loops do). */
long random_to_user(struct mm *mm, uint64_t ubuf, size_t n);

#endif
