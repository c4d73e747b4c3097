/* libos/signal_shared.c against kernel/signal.c: process-directed signals
 * wait in one shared queue; complete_signal wakes one thread that does not
 * block them (the preferred one first); dequeue takes a thread's own
 * signals before shared ones; unblocking takes a shared signal, blocking
 * or leaving hands it on (retarget); SIGKILL reaches every thread. */
#include <libos/task.h>
#include <libos/signal.h>

#include <string.h>

#include "check.h"

static struct proc proc;
static struct sighand handlers;
static struct thread t1, t2; /* t1 is the leader (tid == pid) */

static void fresh(void) {
  memset(&proc, 0xa5, sizeof proc);
  memset(&t1, 0xa5, sizeof t1);
  memset(&t2, 0xa5, sizeof t2);
  proc.sighand = &handlers;
  proc.action = handlers.action;
  signal_init_proc(&proc);
  signal_init_thread(&t1);
  signal_init_thread(&t2);
  proc.pid = t1.tid = 100;
  t2.tid = 101;
  t1.proc = t2.proc = &proc;
  t1.state = t2.state = THREAD_RUNNABLE;
  proc.threads = &t1;
  t1.next_in_proc = &t2;
  t2.next_in_proc = NULL;
  proc.nthreads = 2;
  proc.stopped = false;
}

static struct linux_siginfo info(int sig, uint64_t value) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = sig;
  si.code = SI_USER;
  si.u.kill.value = value;
  return si;
}

static linux_sigset_t bit(int sig) { return 1ULL << (sig - 1); }

/* kill() while the leader blocks the signal: shared, the other thread is
 * woken and takes it; the leader sees it pending but cannot take it. */
static void test_goes_to_unblocking_thread(void) {
  fresh();
  signal_set_blocked(&t1, bit(SIGUSR1));
  struct linux_siginfo u = info(SIGUSR1, 7), out;
  CHECK(signal_send_group(&proc, &u, NULL) == 0);
  CHECK(proc.shared_pending.set == bit(SIGUSR1));
  CHECK(t1.pending.set == 0 && t2.pending.set == 0);
  CHECK(!t1.shared_wake && t2.shared_wake);
  CHECK(!signal_interrupts(&t1) && signal_interrupts(&t2));
  CHECK(signal_pending(&t1) == bit(SIGUSR1));
  CHECK(signal_deliverable(&t1) == 0);
  CHECK(signal_deliverable(&t2) == bit(SIGUSR1));
  CHECK(!signal_dequeue(&t1, ~t1.blocked, &out));
  CHECK(signal_dequeue(&t2, ~t2.blocked, &out) && out.signo == SIGUSR1 &&
        out.u.kill.value == 7);
  CHECK(proc.shared_pending.set == 0 && !t2.shared_wake);
  CHECK(!signal_dequeue(&t2, ~0ULL, &out));
}

/* Both can take it: the preferred thread (leader by default) is woken;
 * a thread that already has a signal to handle is passed over. */
static void test_preferred_thread(void) {
  fresh();
  struct linux_siginfo u = info(SIGUSR1, 0);
  signal_send_group(&proc, &u, NULL);
  CHECK(t1.shared_wake && !t2.shared_wake);
  fresh();
  signal_send_group(&proc, &u, &t2);
  CHECK(!t1.shared_wake && t2.shared_wake);
  fresh();
  struct linux_siginfo own = info(SIGUSR2, 0);
  signal_send(&t1, &own);
  CHECK(t1.pending.set == bit(SIGUSR2));
  signal_send_group(&proc, &u, NULL);
  CHECK(!t1.shared_wake && t2.shared_wake);
}

/* Everyone blocks it: nobody is woken; the thread that unblocks it later
 * takes it (recalc), and sigwait-style dequeue with the signal allowed
 * takes it from any thread despite the mask. */
static void test_all_blocked_then_unblock(void) {
  fresh();
  signal_set_blocked(&t1, bit(SIGUSR1));
  signal_set_blocked(&t2, bit(SIGUSR1));
  struct linux_siginfo u = info(SIGUSR1, 0), out;
  signal_send_group(&proc, &u, NULL);
  CHECK(proc.shared_pending.set == bit(SIGUSR1));
  CHECK(!t1.shared_wake && !t2.shared_wake);
  CHECK(!signal_interrupts(&t1) && !signal_interrupts(&t2));
  signal_set_blocked(&t2, 0);
  CHECK(t2.shared_wake && signal_interrupts(&t2) && !t1.shared_wake);
  signal_set_blocked(&t2, bit(SIGUSR1));
  CHECK(!t2.shared_wake);
  CHECK(signal_dequeue(&t1, bit(SIGUSR1), &out) && out.signo == SIGUSR1);
  CHECK(proc.shared_pending.set == 0);
}

/* The chosen thread blocks the signal, or exits: another one that does
 * not block it is woken instead (retarget_shared_pending). */
static void test_retarget(void) {
  fresh();
  struct linux_siginfo u = info(SIGUSR1, 0);
  signal_send_group(&proc, &u, NULL);
  CHECK(t1.shared_wake && !t2.shared_wake);
  signal_set_blocked(&t1, bit(SIGUSR1));
  CHECK(!t1.shared_wake && t2.shared_wake);
  fresh();
  signal_send_group(&proc, &u, NULL);
  CHECK(t1.shared_wake && !t2.shared_wake);
  signal_thread_gone(&t1);
  CHECK(!t1.shared_wake && t2.shared_wake);
  /* Nobody else can take it: it just stays. */
  fresh();
  signal_set_blocked(&t2, bit(SIGUSR1));
  signal_send_group(&proc, &u, NULL);
  signal_set_blocked(&t1, bit(SIGUSR1));
  CHECK(!t1.shared_wake && !t2.shared_wake);
  CHECK(proc.shared_pending.set == bit(SIGUSR1));
}

/* A thread's own signals leave before shared ones, whatever the numbers
 * (Linux 6.x dequeue_signal); within one queue the usual order. */
static void test_own_before_shared(void) {
  fresh();
  struct linux_siginfo hup = info(SIGHUP, 0), usr2 = info(SIGUSR2, 0);
  struct linux_siginfo segv = info(SIGSEGV, 0), out;
  signal_send_group(&proc, &hup, NULL);
  signal_send_group(&proc, &segv, NULL);
  signal_send(&t2, &usr2);
  CHECK(signal_dequeue(&t2, ~0ULL, &out) && out.signo == SIGUSR2);
  CHECK(signal_dequeue(&t2, ~0ULL, &out) && out.signo == SIGSEGV);
  CHECK(signal_dequeue(&t2, ~0ULL, &out) && out.signo == SIGHUP);
  CHECK(!signal_dequeue(&t2, ~0ULL, &out));
}

/* Generation rules on the shared queue: ignored signals vanish unless the
 * leader blocks them; real-time ones queue FIFO up to the limit; a stop
 * cancels pending SIGCONT and SIGCONT every pending stop, shared or not. */
static void test_generation_rules(void) {
  fresh();
  struct linux_siginfo chld = info(SIGCHLD, 0), out;
  signal_set_blocked(&t2, bit(SIGCHLD));
  signal_send_group(&proc, &chld, NULL);
  CHECK(proc.shared_pending.set == 0); /* the leader does not block it */
  signal_set_blocked(&t1, bit(SIGCHLD));
  signal_set_blocked(&t2, 0);
  signal_send_group(&proc, &chld, NULL);
  CHECK(proc.shared_pending.set == bit(SIGCHLD));

  fresh();
  for (unsigned i = 0; i < SIGQUEUE_MAX; i++) {
    struct linux_siginfo r = info(40, i);
    CHECK(signal_send_group(&proc, &r, NULL) == 0);
  }
  struct linux_siginfo extra = info(40, 999);
  CHECK(signal_send_group(&proc, &extra, NULL) == -1);
  for (unsigned i = 0; i < SIGQUEUE_MAX; i++)
    CHECK_MSG(signal_dequeue(&t2, ~0ULL, &out) && out.u.kill.value == i,
              "rt entry %u", i);

  fresh();
  signal_set_blocked(&t1, bit(SIGCONT) | bit(SIGTSTP));
  signal_set_blocked(&t2, bit(SIGCONT) | bit(SIGTSTP) | bit(SIGTTIN));
  struct linux_siginfo tstp = info(SIGTSTP, 0), ttin = info(SIGTTIN, 0);
  struct linux_siginfo cont = info(SIGCONT, 0);
  signal_send_group(&proc, &tstp, NULL);
  signal_send(&t2, &ttin);
  CHECK(proc.shared_pending.set == bit(SIGTSTP) && t2.pending.set == bit(SIGTTIN));
  signal_send_group(&proc, &cont, NULL);
  CHECK(proc.shared_pending.set == bit(SIGCONT) && t2.pending.set == 0);
  signal_send(&t2, &tstp); /* thread-directed: still clears shared SIGCONT */
  CHECK(proc.shared_pending.set == 0 && t2.pending.set == bit(SIGTSTP));
}

/* SIGKILL goes to every thread's own queue; flushing reaches all queues. */
static void test_kill_and_flush(void) {
  fresh();
  struct linux_siginfo k = info(SIGKILL, 0), u = info(SIGUSR1, 0);
  signal_set_blocked(&t1, ~0ULL);
  signal_send_group(&proc, &k, NULL);
  CHECK(proc.shared_pending.set == 0);
  CHECK(t1.pending.set == bit(SIGKILL) && t2.pending.set == bit(SIGKILL));
  CHECK(signal_interrupts(&t1) && signal_interrupts(&t2));
  fresh();
  signal_set_blocked(&t1, bit(SIGUSR1));
  signal_set_blocked(&t2, bit(SIGUSR1));
  signal_send_group(&proc, &u, NULL);
  signal_send(&t2, &u);
  signal_flush_group(&proc, bit(SIGUSR1));
  CHECK(proc.shared_pending.set == 0 && t2.pending.set == 0);
  CHECK(signal_pending(&t1) == 0 && signal_pending(&t2) == 0);
}

/* A stopped process wakes nobody for a shared signal; SIGCONT then
 * chooses a thread for it. Dead threads are never chosen. */
static void test_stopped_and_dead(void) {
  fresh();
  proc.stopped = true;
  struct linux_siginfo u = info(SIGUSR1, 0);
  signal_send_group(&proc, &u, NULL);
  CHECK(proc.shared_pending.set == bit(SIGUSR1));
  CHECK(!t1.shared_wake && !t2.shared_wake);
  /* SIGCONT resumes it (the caller clears `stopped` first): a thread is
   * chosen for what waited, even though SIGCONT itself is discarded. */
  proc.stopped = false;
  struct linux_siginfo cont = info(SIGCONT, 0);
  signal_send_group(&proc, &cont, NULL);
  CHECK(proc.shared_pending.set == bit(SIGUSR1));
  CHECK(t1.shared_wake && !t2.shared_wake);
  fresh();
  t1.state = THREAD_DEAD;
  signal_send_group(&proc, &u, &t1);
  CHECK(!t1.shared_wake && t2.shared_wake);
}

int main(void) {
  test_goes_to_unblocking_thread();
  test_preferred_thread();
  test_all_blocked_then_unblock();
  test_retarget();
  test_own_before_shared();
  test_generation_rules();
  test_kill_and_flush();
  test_stopped_and_dead();
  return check_done("signal_shared");
}
