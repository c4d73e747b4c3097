/* Linux errno names by number, for traces that give only numbers (Kevlar's
 * DBG lines may). */
#ifndef KDIFF_ERRNO_NAMES_H
#define KDIFF_ERRNO_NAMES_H

#include <stdint.h>

/* The name strace prints for errno e (either sign: 2 and -2 are ENOENT),
 * including the kernel-internal ERESTART* results 512-516; NULL for a
 * number Linux does not define. */
const char *errno_name(int64_t e);

#endif
