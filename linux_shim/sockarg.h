/* What every socket syscall does with its arguments first (net/socket.c):
 * the descriptor (EBADF, ENOTSOCK), an address copied in
 * (move_addr_to_kernel) or out (move_addr_to_user), and an AF_UNIX
 * address turned into a destination (unix_validate_addr, unix_find_bsd's
 * path walk and write permission). */
#ifndef LINUX_SHIM_SOCKARG_H
#define LINUX_SHIM_SOCKARG_H

#include <libos/unix_sock.h>

/* The socket behind descriptor fd: 0, -EBADF or -ENOTSOCK. */
int sock_fd(uint64_t fd, struct usock **out);

/* An address of `len` bytes (0..128, else EINVAL) into sa (at least
 * LINUX_SOCKADDR_STORAGE + 1 bytes): 0 or -EINVAL / -EFAULT. */
int sock_addr_in(uint64_t uaddr, int64_t len, char *sa);

/* A kernel address of klen bytes to (uaddr, *ulen): the user's length
 * read first (EFAULT, negative EINVAL), at most it copied, klen stored. */
int sock_addr_out(const char *sa, int klen, uint64_t uaddr, uint64_t ulen);

/* unix_validate_addr: more than the family, at most a sockaddr_un, and
 * AF_UNIX; else -EINVAL. */
int sock_addr_check(const char *sa, int64_t len);

/* A checked address as a destination: an abstract name, or the inode its
 * path names (EACCES without write permission; ENOENT...). Drop it with
 * sock_dest_put. */
int sock_dest_get(char *sa, unsigned len, struct unix_dest *d);
void sock_dest_put(struct unix_dest *d);

/* A path address's length as Linux keeps it (unix_mkname_bsd): the path
 * is NUL-terminated at len and measured. */
unsigned sock_path_len(char *sa, unsigned len);

#endif
