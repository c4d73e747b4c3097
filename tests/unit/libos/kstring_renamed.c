/* libos/kstring.c compiled under other names (ks_memcpy, ...), so the
 * test can call the kernel's versions next to libc's. */
#define memcpy ks_memcpy
#define memmove ks_memmove
#define memset ks_memset
#define memcmp ks_memcmp
#define strlen ks_strlen
#define strnlen ks_strnlen
#define strcmp ks_strcmp
#define strncmp ks_strncmp
#define strchr ks_strchr
#include "libos/kstring.c"
