/* The file operations of regular files (data through the inode's rw
 * operation, O_APPEND, timestamps) and directories (read is EISDIR;
 * entries come through getdents and the inode's readdir). */
#ifndef LIBOS_REGFILE_H
#define LIBOS_REGFILE_H

#include <libos/file.h>
#include <libos/vfs.h>

extern const struct file_ops regfile_ops;

/* A file would grow past RLIMIT_FSIZE: SIGXFSZ to the calling thread, as
 * Linux's send_sig (the caller then fails with EFBIG). */
void regfile_sigxfsz(void);
extern const struct file_ops dir_ops;

#endif
