/* SHA-256 (FIPS 180-4) of memory and of files: the reference cache's keys. */
#ifndef KDIFF_REFERENCE_SHA256_H
#define KDIFF_REFERENCE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256_ctx {
  uint32_t h[8];
  uint64_t bytes;
  unsigned char block[64];
  size_t fill;
} sha256_ctx;

/* Start a digest. */
void sha256_init(sha256_ctx *c);

/* Add n bytes. */
void sha256_update(sha256_ctx *c, const void *p, size_t n);

/* Finish: the 64 lowercase hex digits and a NUL into hex[65]. */
void sha256_hex(sha256_ctx *c, char hex[65]);

/* The digest of a whole file as hex. Returns 0, or -1 with errno set. */
int sha256_file(const char *path, char hex[65]);

#endif
