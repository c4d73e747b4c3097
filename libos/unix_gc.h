/*
 * Garbage collection of passed AF_UNIX sockets (Linux's unix_gc). A
 * socket whose file is referenced only by messages in flight, all of them
 * queued on sockets that are themselves garbage (a socket sent over
 * itself, two sockets each holding the other), can never be received: the
 * collector takes those sockets' queued messages and frees them, and the
 * files go with them. Every socket is tracked from usock_alloc until it
 * is freed.
 */
#ifndef LIBOS_UNIX_GC_H
#define LIBOS_UNIX_GC_H

struct usock;

/* Start (stop) tracking a socket: usock_alloc (its last usock_put). */
void unix_gc_track(struct usock *s);
void unix_gc_untrack(struct usock *s);

/* Collect now. Called after a socket file's last close while files are
 * in flight (unix_release_sock's trigger); a call from within a
 * collection does nothing. */
void unix_gc(void);

#endif
