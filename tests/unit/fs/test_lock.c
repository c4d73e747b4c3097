/* POSIX lock deadlock detection (libos/lock.c): cycles through one file
 * and across files are found, chains that end at an owner who is not
 * waiting are not, OFD requests never are, a waiter that left no longer
 * counts, and a chain longer than Linux's ten steps is let through. */
#include <string.h>

#include "check.h"
#include "fs_fake.h"
#include <libos/lock.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

static struct inode f1, f2;
static const char owners[16]; /* owner i is &owners[i] */

static struct lock_req req(int owner, uint64_t byte) {
  struct lock_req r = {LOCK_WRITE, byte, byte, &owners[owner], false, owner};
  return r;
}

static void hold(struct inode *ino, int owner, uint64_t byte) {
  struct lock_req r = req(owner, byte);
  CHECK(lock_set(ino, &r) == 0);
}

static struct lock_waiter waiting[16];

static void wait_for(struct inode *ino, int owner, uint64_t byte) {
  struct lock_waiter *w = &waiting[owner];
  w->ino = ino;
  w->r = req(owner, byte);
  lock_wait_add(w);
}

static void reset(void) {
  for (int i = 0; i < 16; i++) {
    lock_wait_del(&waiting[i]);
    lock_release(&f1, &owners[i]);
    lock_release(&f2, &owners[i]);
  }
}

int main(void) {
  fs_fake_init(64);
  /* Two owners, one file: 0 holds byte 0, 1 holds byte 1 and waits for
   * byte 0; 0 asking for byte 1 closes the cycle. */
  hold(&f1, 0, 0);
  hold(&f1, 1, 1);
  struct lock_req r = req(0, 1);
  CHECK(!lock_deadlocks(&f1, &r)); /* 1 is not waiting yet */
  wait_for(&f1, 1, 0);
  CHECK(lock_deadlocks(&f1, &r));
  r.ofd = true;
  r.owner = &owners[5];
  CHECK(!lock_deadlocks(&f1, &r)); /* OFD requests are never refused */
  lock_wait_del(&waiting[1]);
  r = req(0, 1);
  CHECK(!lock_deadlocks(&f1, &r));
  reset();

  /* Three owners across two files: 0 -> 1 (f1), 1 waits for 2 (f2), 2
   * waits for 0 (f1). */
  hold(&f1, 0, 0);
  hold(&f1, 1, 5);
  hold(&f2, 2, 0);
  wait_for(&f2, 1, 0);
  wait_for(&f1, 2, 0);
  r = req(0, 5);
  CHECK(lock_deadlocks(&f1, &r));
  /* Owner 3 asking for byte 5 is blocked by 1, whose chain ends at 0,
   * who is not waiting. */
  r = req(3, 5);
  CHECK(!lock_deadlocks(&f1, &r));
  reset();

  /* A chain of twelve owners, each holding byte i and waiting for byte
   * i+1 (the last one's byte is held by 0): longer than ten steps. */
  for (int i = 0; i < 13; i++)
    hold(&f1, i, (uint64_t)i);
  for (int i = 1; i < 13; i++)
    wait_for(&f1, i, i < 12 ? (uint64_t)i + 1 : 0);
  r = req(0, 1);
  CHECK(!lock_deadlocks(&f1, &r));
  /* The same with a chain of four is found. */
  reset();
  for (int i = 0; i < 4; i++)
    hold(&f1, i, (uint64_t)i);
  for (int i = 1; i < 4; i++)
    wait_for(&f1, i, i < 3 ? (uint64_t)i + 1 : 0);
  r = req(0, 1);
  CHECK(lock_deadlocks(&f1, &r));
  reset();
  CHECK(f1.locks == NULL && f2.locks == NULL);
  return check_done("unit.fs.lock");
}
