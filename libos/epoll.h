/*
 * epoll sets (Linux's fs/eventpoll.c), arch-neutral: the interest list,
 * the ready list, the wait queue callbacks that move items onto it, the
 * harvest, nesting with its loop and depth checks. The syscalls and the
 * per-arch struct epoll_event are linux_shim/sys_epoll.c.
 *
 * An item watches an open file description (file, fd): it holds no
 * reference; the file's last close removes it from every set
 * (epoll_file_gone, called by file_put). Its entries sit on the file's
 * wait queues; a wake whose mask meets the item's events puts it on the
 * ready list and wakes the set's waiters (one epoll_wait thread: they
 * wait exclusively) and the set's own pollers (poll on the epoll fd, an
 * epoll that holds this one). Harvesting re-polls each ready item:
 * level-triggered items go back on the list, EPOLLET ones do not,
 * EPOLLONESHOT ones are disabled until EPOLL_CTL_MOD.
 *
 * Errors: negative Linux errno values.
 */
#ifndef LIBOS_EPOLL_H
#define LIBOS_EPOLL_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/file.h>

struct eventpoll;

/* A new epoll file (O_RDWR on the anonymous inode) with an empty set, or
 * NULL when out of memory. */
struct file *epoll_create_file(void);

/* Is `f` an epoll file? */
bool file_is_epoll(const struct file *f);

/* May `f` be watched (it has a poll operation)? */
bool file_can_poll(const struct file *f);

/* EPOLL_CTL_ADD of (tf, fd) to epoll file `ef` with `events` (EPOLLERR
 * and EPOLLHUP added) and `data`. The caller checked the rules of
 * epoll_ctl(2) that need no set (EBADF, EPERM, EINVAL for ef == tf or
 * bad EPOLLEXCLUSIVE use). -ELOOP when tf is an epoll file and the add
 * would close a loop or nest deeper than Linux allows, -EEXIST, -ENOMEM. */
int epoll_add(struct file *ef, struct file *tf, int fd, uint32_t events,
              uint64_t data);

/* EPOLL_CTL_MOD: -ENOENT when (tf, fd) is not in the set, -EINVAL when
 * it was added with EPOLLEXCLUSIVE. */
int epoll_mod(struct file *ef, struct file *tf, int fd, uint32_t events,
              uint64_t data);

/* EPOLL_CTL_DEL: 0 or -ENOENT. */
int epoll_del(struct file *ef, struct file *tf, int fd);

/* Called with each harvested event; false when it could not be stored
 * (the item stays ready). */
/* Call `fn` for every item of set `ef`, oldest first: the watched file,
 * the descriptor it was added by, its event mask (EPOLLERR|EPOLLHUP
 * included, as Linux keeps it) and data. */
typedef void (*epoll_item_fn)(void *ctx, const struct file *tf, int fd,
                              uint32_t events, uint64_t data);
void epoll_for_each_item(const struct file *ef, epoll_item_fn fn, void *ctx);

typedef bool (*epoll_emit)(void *ctx, uint32_t events, uint64_t data);

/* epoll_wait on `ef`: harvest up to `max` (> 0) events, waiting until
 * `deadline` (hal_clock_ns time; 0 only looks; UINT64_MAX forever) for
 * the first. Returns the count, 0 at the deadline, -EINTR for a signal,
 * -EFAULT when the first event could not be stored. */
long epoll_wait_file(struct file *ef, int max, uint64_t deadline,
                     epoll_emit emit, void *ctx);

#endif
