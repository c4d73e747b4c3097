/* Starting a program the way Linux's execve does. */
#ifndef LINUX_SHIM_EXEC_H
#define LINUX_SHIM_EXEC_H

#include <stddef.h>

struct proc;

/*
 * Load the static ELF `image` (size bytes) into `p`'s empty address space,
 * build Linux's initial stack (argv, envp, auxv) and set the main thread's
 * user frame to start it. Returns 0, or a negative errno with *why naming
 * the problem (an invalid program is ENOEXEC).
 */
int linux_exec(struct proc *p, const void *image, size_t size, int argc,
               char *const *argv, char *const *envp, const char *execfn,
               const char **why);

/* After a successful exec of `path` (as the program gave it): the exe
 * link becomes its absolute path (relative to the cwd), unless the path
 * is the /proc/self/exe magic link, which names the same program again.
 * (The comm is the exec'ing thread's business: proc_set_comm.) */
void linux_set_program(struct proc *p, const char *path);

struct inode;

/* The embedded program as a read-only file (memfile.h), made at first
 * use: what /proc/<pid>/exe opens. NULL when out of memory. No reference
 * is handed out. */
struct inode *linux_program_inode(void);

#endif
