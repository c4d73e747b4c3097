/*
 * The index of an in-memory directory: its entries (struct dirent_k,
 * vfs.h) in Linux tmpfs's listing order, a name hash for lookups and the
 * stable getdents positions ("offsets") of Linux's simple_offset
 * directories (fs/libfs.c, 6.18), so a listing of n entries costs O(n)
 * and never O(n^2).
 *
 * Linux's rules, kept here: every new name gets the directory's next
 * offset (3, 4, 5, ...; never reused) and goes to the front of the listing
 * (the dentry's place among its parent's children, newest first). A
 * rename onto an existing name takes the replaced entry's offset and goes
 * to the front; RENAME_EXCHANGE leaves each name its offset and moves both
 * to the front. A listing resumes at the entry with the largest offset at
 * or below the position and goes on in listing order from there, so the
 * two orders need not agree.
 *
 * Costs: lookup, add, remove and replace are O(1) on average (remove is
 * amortized: removed offsets leave a hole that a later compaction takes
 * out); finding a position is O(1) when it is the one the last listing
 * handed out, otherwise a binary search, then a step back over each
 * removed offset just below the position (fewer than the live entries).
 *
 * Error policy: negative Linux errno values; a failed call changed
 * nothing. The directory is the inode's `entries` (the listing, newest
 * first, linked by next/prev) and its `index` (this file's).
 */
#ifndef LIBOS_DIRINDEX_H
#define LIBOS_DIRINDEX_H

#include <stddef.h>
#include <stdint.h>

#include <libos/vfs.h>

/* Where a listing past its end stands (Linux's DIR_OFFSET_EOD). */
#define DIRINDEX_EOD 0x7fffffffull
/* The first offset of an entry (Linux's DIR_OFFSET_MIN). */
#define DIRINDEX_FIRST_OFF 3u

/* A new entry named (name, len), in no directory, or NULL (no memory). */
struct dirent_k *dirent_new(const char *name, size_t len);

/* Give `e` the next offset of `dir` and put it at the front of the
 * listing. 0 or -ENOMEM (then `e` is in no directory). */
int dirindex_add(struct inode *dir, struct dirent_k *e);

/* The entry of `dir` named (name, len), or NULL. */
struct dirent_k *dirindex_find(const struct inode *dir, const char *name,
                               size_t len);

/* Take `e` out of `dir` (the caller frees it). */
void dirindex_remove(struct inode *dir, struct dirent_k *e);

/* `e` (in no directory) takes the place of `old` in `dir`: its offset,
 * with `e` at the front of the listing. `old` leaves (the caller frees
 * it). Never fails. */
void dirindex_replace(struct inode *dir, struct dirent_k *old,
                      struct dirent_k *e);

/* Move `e` of `dir` to the front of the listing (its offset stays). */
void dirindex_to_front(struct inode *dir, struct dirent_k *e);

/* The entry with the largest offset <= pos, or NULL when none has one. */
struct dirent_k *dirindex_at_or_before(struct inode *dir, uint64_t pos);

/* A listing stopped at `e` (its offset is the position handed out): the
 * next dirindex_at_or_before of that offset finds it in O(1). */
void dirindex_remember(struct inode *dir, const struct dirent_k *e);

/* Free every entry and the index (the directory is being freed). */
void dirindex_destroy(struct inode *dir);

#endif
