/* libos/signal.c against signal(7) and Linux's kernel/signal.c rules:
 * dequeue order, coalescing and FIFO queueing, masks, dispositions, the
 * generation rules (ignore, SIGCONT/stop cancellation, force). */
#include <libos/task.h>
#include <libos/signal.h>

#include <string.h>

#include "check.h"

static struct proc proc;
static struct sighand handlers;
static struct thread thr;

/* A fresh thread in a fresh process: nothing blocked or pending, SIG_DFL. */
static struct thread *fresh(void) {
  memset(&proc, 0xa5, sizeof proc);
  memset(&thr, 0xa5, sizeof thr);
  proc.sighand = &handlers;
  proc.action = handlers.action;
  signal_init_proc(&proc);
  signal_init_thread(&thr);
  thr.proc = &proc;
  thr.state = THREAD_RUNNABLE;
  thr.tid = proc.pid = 100;
  thr.next_in_proc = NULL;
  proc.threads = &thr;
  proc.nthreads = 1;
  proc.stopped = false;
  return &thr;
}

static struct linux_siginfo info(int sig, int code, uint64_t value) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = sig;
  si.code = code;
  si.u.kill.value = value;
  return si;
}

static linux_sigset_t bit(int sig) { return 1ULL << (sig - 1); }

/* ---- default actions (signal(7)'s table) ---- */

struct dfl { int sig; enum sig_default act; };
static const struct dfl table[] = {
  {SIGHUP, SIGDFL_TERM},   {SIGINT, SIGDFL_TERM},    {SIGQUIT, SIGDFL_CORE},
  {SIGILL, SIGDFL_CORE},   {SIGTRAP, SIGDFL_CORE},   {SIGABRT, SIGDFL_CORE},
  {SIGBUS, SIGDFL_CORE},   {SIGFPE, SIGDFL_CORE},    {SIGKILL, SIGDFL_TERM},
  {SIGUSR1, SIGDFL_TERM},  {SIGSEGV, SIGDFL_CORE},   {SIGUSR2, SIGDFL_TERM},
  {SIGPIPE, SIGDFL_TERM},  {SIGALRM, SIGDFL_TERM},   {SIGTERM, SIGDFL_TERM},
  {SIGSTKFLT, SIGDFL_TERM}, {SIGCHLD, SIGDFL_IGNORE}, {SIGCONT, SIGDFL_CONT},
  {SIGSTOP, SIGDFL_STOP},  {SIGTSTP, SIGDFL_STOP},   {SIGTTIN, SIGDFL_STOP},
  {SIGTTOU, SIGDFL_STOP},  {SIGURG, SIGDFL_IGNORE},  {SIGXCPU, SIGDFL_CORE},
  {SIGXFSZ, SIGDFL_CORE},  {SIGVTALRM, SIGDFL_TERM}, {SIGPROF, SIGDFL_TERM},
  {SIGWINCH, SIGDFL_IGNORE}, {SIGIO, SIGDFL_TERM},   {SIGPWR, SIGDFL_TERM},
  {SIGSYS, SIGDFL_CORE},
};

static void test_default_actions(void) {
  CHECK(sizeof table / sizeof table[0] == 31);
  for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++) {
    CHECK_MSG(table[i].sig == (int)i + 1, "table row %u", i);
    CHECK_MSG(sig_default_action(table[i].sig) == table[i].act, "signal %d",
              table[i].sig);
  }
  /* Real-time signals terminate by default. */
  for (int sig = LINUX_SIGRTMIN; sig <= LINUX_NSIG; sig++)
    CHECK_MSG(sig_default_action(sig) == SIGDFL_TERM, "signal %d", sig);
}

/* ---- dequeue order ---- */

static bool is_sync(int sig) {
  return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP ||
         sig == SIGFPE || sig == SIGSYS;
}

/* Linux's next_signal(), written out: a synchronous fault first, then the
 * lowest number. */
static int model_next(linux_sigset_t set) {
  for (int sig = 1; sig <= 64; sig++)
    if ((set & bit(sig)) && is_sync(sig))
      return sig;
  for (int sig = 1; sig <= 64; sig++)
    if (set & bit(sig))
      return sig;
  return 0;
}

static void test_sig_next(void) {
  for (int sig = 1; sig <= 64; sig++)
    CHECK_MSG(sig_is_synchronous(sig) == is_sync(sig), "signal %d", sig);
  CHECK(sig_next(0) == 0);
  CHECK(sig_next(bit(SIGINT) | bit(SIGSEGV)) == SIGSEGV);
  CHECK(sig_next(bit(SIGHUP) | bit(SIGSYS)) == SIGSYS);
  CHECK(sig_next(bit(SIGFPE) | bit(SIGTRAP) | bit(SIGHUP)) == SIGTRAP);
  CHECK(sig_next(bit(SIGTERM) | bit(SIGUSR1)) == SIGUSR1);
  CHECK(sig_next(bit(40) | bit(SIGTERM)) == SIGTERM); /* standard first */
  CHECK(sig_next(bit(64) | bit(33)) == 33);
  CHECK(sig_next(bit(64)) == 64);
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (int i = 0; i < 20000; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    linux_sigset_t set = x & (x >> 3) & (x >> 11); /* sparse sets */
    CHECK_MSG(sig_next(set) == model_next(set), "set %llx",
              (unsigned long long)set);
  }
}

/* ---- the pending queue ---- */

static void test_coalesce_and_fifo(void) {
  struct sigpending p;
  sigpending_init(&p);
  struct linux_siginfo a = info(SIGUSR1, SI_QUEUE, 11);
  struct linux_siginfo b = info(SIGUSR1, SI_QUEUE, 22);
  CHECK(sigpending_add(&p, &a) == 0);
  CHECK(sigpending_add(&p, &b) == 1); /* already pending: not queued */
  CHECK(p.n == 1 && p.set == bit(SIGUSR1));
  for (int v = 1; v <= 3; v++) {
    struct linux_siginfo r = info(40, SI_QUEUE, (uint64_t)v);
    CHECK(sigpending_add(&p, &r) == 0);
    struct linux_siginfo q = info(35, SI_QUEUE, (uint64_t)(10 + v));
    CHECK(sigpending_add(&p, &q) == 0);
  }
  CHECK(p.n == 7);
  CHECK(p.set == (bit(SIGUSR1) | bit(40) | bit(35)));
  struct linux_siginfo out;
  /* The first SIGUSR1's siginfo survives, delivered once. */
  CHECK(sigpending_take(&p, ~0ULL, &out) && out.signo == SIGUSR1 &&
        out.u.kill.value == 11);
  CHECK(!(p.set & bit(SIGUSR1)));
  /* Then 35 before 40, each FIFO with its value; the bit stays until the
   * last instance leaves. */
  for (int v = 1; v <= 3; v++) {
    CHECK(sigpending_take(&p, ~0ULL, &out));
    CHECK_MSG(out.signo == 35 && out.u.kill.value == (uint64_t)(10 + v),
              "got %d/%llu", out.signo, (unsigned long long)out.u.kill.value);
    CHECK(((p.set & bit(35)) != 0) == (v < 3));
  }
  for (int v = 1; v <= 3; v++) {
    CHECK(sigpending_take(&p, ~0ULL, &out));
    CHECK(out.signo == 40 && out.u.kill.value == (uint64_t)v);
  }
  CHECK(p.n == 0 && p.set == 0);
  CHECK(!sigpending_take(&p, ~0ULL, &out));
}

static void test_take_allowed(void) {
  struct sigpending p;
  sigpending_init(&p);
  int sigs[] = {SIGUSR2, SIGUSR1, 34, SIGSEGV};
  for (int i = 0; i < 4; i++) {
    struct linux_siginfo s = info(sigs[i], SI_USER, (uint64_t)i);
    sigpending_add(&p, &s);
  }
  struct linux_siginfo out;
  CHECK(!sigpending_take(&p, 0, &out));
  CHECK(p.n == 4);
  linux_sigset_t allowed = ~(bit(SIGUSR1) | bit(SIGSEGV));
  CHECK(sigpending_take(&p, allowed, &out) && out.signo == SIGUSR2);
  CHECK(sigpending_take(&p, allowed, &out) && out.signo == 34);
  CHECK(!sigpending_take(&p, allowed, &out));
  /* The blocked ones are still pending. */
  CHECK(p.set == (bit(SIGUSR1) | bit(SIGSEGV)) && p.n == 2);
  CHECK(sigpending_take(&p, ~0ULL, &out) && out.signo == SIGSEGV);
  CHECK(!sigpending_take_sig(&p, SIGUSR2, &out));
  CHECK(sigpending_take_sig(&p, SIGUSR1, NULL));
  CHECK(p.n == 0 && p.set == 0);
}

static void test_flush(void) {
  struct sigpending p;
  sigpending_init(&p);
  int sigs[] = {34, SIGUSR1, 36, 34, SIGTERM, 36, 34};
  for (int i = 0; i < 7; i++) {
    struct linux_siginfo s = info(sigs[i], SI_QUEUE, (uint64_t)i);
    sigpending_add(&p, &s);
  }
  sigpending_flush(&p, bit(34) | bit(SIGUSR1));
  CHECK(p.set == (bit(36) | bit(SIGTERM)));
  CHECK(p.n == 3);
  struct linux_siginfo out;
  CHECK(sigpending_take(&p, ~0ULL, &out) && out.signo == SIGTERM);
  CHECK(sigpending_take(&p, ~0ULL, &out) && out.u.kill.value == 2);
  CHECK(sigpending_take(&p, ~0ULL, &out) && out.u.kill.value == 5);
  CHECK(!sigpending_take(&p, ~0ULL, &out));
  sigpending_flush(&p, ~0ULL); /* flushing nothing is fine */
  CHECK(p.n == 0 && p.set == 0);
}

static void test_queue_full(void) {
  struct sigpending p;
  sigpending_init(&p);
  for (int i = 0; i < SIGQUEUE_MAX; i++) {
    struct linux_siginfo s = info(34 + i % 3, SI_QUEUE, (uint64_t)i);
    CHECK(sigpending_add(&p, &s) == 0);
  }
  struct linux_siginfo extra = info(40, SI_QUEUE, 99);
  CHECK(sigpending_add(&p, &extra) == -1);
  CHECK(p.n == SIGQUEUE_MAX && !(p.set & bit(40)));
  /* A standard signal is never lost to a full queue (Linux keeps the
   * signal and drops only its siginfo: SI_USER, no sender). */
  struct linux_siginfo usr = info(SIGUSR1, SI_QUEUE, 7);
  usr.u.kill.pid = 1234;
  CHECK(sigpending_add(&p, &usr) == 0);
  CHECK(p.set & bit(SIGUSR1));
  CHECK(sigpending_add(&p, &usr) == 1); /* and still coalesces */
  struct linux_siginfo out;
  memset(&out, 0x5a, sizeof out);
  CHECK(sigpending_take(&p, ~0ULL, &out) && out.signo == SIGUSR1);
  CHECK(out.code == SI_USER && out.u.kill.pid == 0 && out.errno_ == 0);
  CHECK(!(p.set & bit(SIGUSR1)));
  /* The real-time entries are untouched, in order. */
  for (int i = 0; i < SIGQUEUE_MAX; i++) {
    CHECK(sigpending_take_sig(&p, 34 + i % 3, &out));
    CHECK(out.u.kill.value == (uint64_t)i);
  }
  CHECK(p.n == 0 && p.set == 0);
  /* Flushing a standard signal held without an entry clears it. */
  for (int i = 0; i < SIGQUEUE_MAX; i++) {
    struct linux_siginfo s = info(34, SI_QUEUE, (uint64_t)i);
    sigpending_add(&p, &s);
  }
  sigpending_add(&p, &usr);
  sigpending_flush(&p, bit(SIGUSR1));
  CHECK(!(p.set & bit(SIGUSR1)));
  CHECK(!sigpending_take_sig(&p, SIGUSR1, &out));
}

/* ---- masks and dispositions ---- */

static void test_blocked_mask(void) {
  struct thread *t = fresh();
  CHECK(t->blocked == 0 && t->pending.n == 0 && t->pending.set == 0);
  CHECK(t->altstack.flags == SS_DISABLE && !t->restore_saved_mask);
  for (int sig = 1; sig <= 64; sig++)
    CHECK(proc.action[sig - 1].handler == LINUX_SIG_DFL &&
          proc.action[sig - 1].flags == 0 && proc.action[sig - 1].mask == 0);
  signal_set_blocked(t, ~0ULL);
  CHECK(t->blocked == ~(bit(SIGKILL) | bit(SIGSTOP)));
  signal_set_blocked(t, bit(SIGKILL) | bit(SIGSTOP) | bit(SIGINT));
  CHECK(t->blocked == bit(SIGINT));
  signal_set_blocked(t, 0);
  CHECK(t->blocked == 0);
}

static void test_is_ignored(void) {
  fresh();
  for (int sig = 1; sig <= 64; sig++) {
    enum sig_default d = sig_default_action(sig);
    CHECK_MSG(signal_is_ignored(&proc, sig) ==
                  (d == SIGDFL_IGNORE || d == SIGDFL_CONT),
              "SIG_DFL %d", sig);
  }
  proc.action[SIGUSR1 - 1].handler = LINUX_SIG_IGN;
  CHECK(signal_is_ignored(&proc, SIGUSR1));
  proc.action[SIGCHLD - 1].handler = 0x401000; /* a handler */
  CHECK(!signal_is_ignored(&proc, SIGCHLD));
  proc.action[40 - 1].handler = LINUX_SIG_IGN;
  CHECK(signal_is_ignored(&proc, 40));
  CHECK(!signal_is_ignored(&proc, 41));
}

/* ---- generation ---- */

static void test_send_ignore_rule(void) {
  struct thread *t = fresh();
  struct linux_siginfo chld = info(SIGCHLD, SI_USER, 0);
  CHECK(signal_send(t, &chld) == 0);
  CHECK(t->pending.set == 0); /* SIG_DFL ignores it: discarded */
  signal_set_blocked(t, bit(SIGCHLD) | bit(SIGUSR1));
  CHECK(signal_send(t, &chld) == 0);
  CHECK(t->pending.set == bit(SIGCHLD)); /* blocked: kept */
  proc.action[SIGUSR1 - 1].handler = LINUX_SIG_IGN;
  proc.action[SIGUSR2 - 1].handler = LINUX_SIG_IGN;
  struct linux_siginfo u1 = info(SIGUSR1, SI_USER, 0);
  struct linux_siginfo u2 = info(SIGUSR2, SI_USER, 0);
  CHECK(signal_send(t, &u1) == 0 && signal_send(t, &u2) == 0);
  CHECK(t->pending.set == (bit(SIGCHLD) | bit(SIGUSR1)));
  proc.action[SIGUSR2 - 1].handler = 0x401000;
  CHECK(signal_send(t, &u2) == 0);
  CHECK(t->pending.set & bit(SIGUSR2));
  struct linux_siginfo term = info(SIGTERM, SI_USER, 0);
  CHECK(signal_send(t, &term) == 0 && (t->pending.set & bit(SIGTERM)));
  /* A full queue refuses a real-time signal. */
  signal_set_blocked(t, bit(50));
  for (int i = 0; i < SIGQUEUE_MAX; i++) {
    struct linux_siginfo r = info(50, SI_QUEUE, (uint64_t)i);
    signal_send(t, &r);
  }
  struct linux_siginfo r = info(50, SI_QUEUE, 0);
  CHECK(signal_send(t, &r) == -1);
}

static const int stops[] = {SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU};

static void test_cont_and_stop(void) {
  struct thread *t = fresh();
  signal_set_blocked(t, ~0ULL);
  struct linux_siginfo usr = info(SIGUSR1, SI_USER, 0);
  signal_send(t, &usr);
  for (int i = 0; i < 4; i++) {
    struct linux_siginfo s = info(stops[i], SI_USER, 0);
    signal_send(t, &s);
  }
  CHECK(t->pending.set == (bit(SIGUSR1) | bit(SIGSTOP) | bit(SIGTSTP) |
                           bit(SIGTTIN) | bit(SIGTTOU)));
  struct linux_siginfo cont = info(SIGCONT, SI_USER, 0);
  signal_send(t, &cont);
  CHECK(t->pending.set == (bit(SIGUSR1) | bit(SIGCONT)));
  for (int i = 0; i < 4; i++) {
    signal_send(t, &cont);
    CHECK(t->pending.set & bit(SIGCONT));
    struct linux_siginfo s = info(stops[i], SI_USER, 0);
    signal_send(t, &s);
    CHECK_MSG(t->pending.set == (bit(SIGUSR1) | bit(stops[i])), "stop %d",
              stops[i]);
    sigpending_flush(&t->pending, bit(stops[i]));
  }
  /* SIGCONT cancels the stops even when it is itself discarded
   * (unblocked, SIG_DFL), and an ignored stop still cancels SIGCONT. */
  signal_set_blocked(t, bit(SIGTSTP));
  struct linux_siginfo tstp = info(SIGTSTP, SI_USER, 0);
  signal_send(t, &tstp);
  CHECK(t->pending.set & bit(SIGTSTP));
  signal_send(t, &cont);
  CHECK(t->pending.set == bit(SIGUSR1));
  signal_set_blocked(t, bit(SIGCONT));
  signal_send(t, &cont);
  CHECK(t->pending.set == (bit(SIGUSR1) | bit(SIGCONT)));
  proc.action[SIGTTIN - 1].handler = LINUX_SIG_IGN;
  struct linux_siginfo ttin = info(SIGTTIN, SI_USER, 0);
  signal_send(t, &ttin);
  CHECK(t->pending.set == bit(SIGUSR1));
}

static void test_force(void) {
  struct thread *t = fresh();
  const uint64_t h = 0x401000;
  /* Blocked with a handler: unblocked and reset to SIG_DFL. */
  proc.action[SIGSEGV - 1].handler = h;
  signal_set_blocked(t, bit(SIGSEGV) | bit(SIGINT));
  struct linux_siginfo segv = info(SIGSEGV, SEGV_MAPERR, 0);
  signal_force(t, &segv);
  CHECK(proc.action[SIGSEGV - 1].handler == LINUX_SIG_DFL);
  CHECK(t->blocked == bit(SIGINT));
  CHECK(signal_deliverable(t) == bit(SIGSEGV));
  /* Ignored, not blocked: reset to SIG_DFL and queued. */
  t = fresh();
  proc.action[SIGBUS - 1].handler = LINUX_SIG_IGN;
  struct linux_siginfo bus = info(SIGBUS, BUS_ADRALN, 0);
  signal_force(t, &bus);
  CHECK(proc.action[SIGBUS - 1].handler == LINUX_SIG_DFL);
  CHECK(signal_deliverable(t) == bit(SIGBUS));
  /* A handler that is neither blocked nor ignored stays. */
  t = fresh();
  proc.action[SIGFPE - 1].handler = h;
  struct linux_siginfo fpe = info(SIGFPE, FPE_INTDIV, 0);
  signal_force(t, &fpe);
  CHECK(proc.action[SIGFPE - 1].handler == h);
  CHECK(signal_deliverable(t) == bit(SIGFPE));
  /* Even a full queue takes the fault. */
  t = fresh();
  signal_set_blocked(t, bit(40));
  for (int i = 0; i < SIGQUEUE_MAX; i++) {
    struct linux_siginfo r = info(40, SI_QUEUE, (uint64_t)i);
    signal_send(t, &r);
  }
  signal_force(t, &segv);
  CHECK(signal_deliverable(t) == bit(SIGSEGV));
}

static void test_deliverable(void) {
  struct thread *t = fresh();
  CHECK(signal_deliverable(t) == 0 && !signal_interrupts(t));
  signal_set_blocked(t, bit(SIGUSR1));
  struct linux_siginfo u1 = info(SIGUSR1, SI_USER, 0);
  signal_send(t, &u1);
  CHECK(signal_deliverable(t) == 0 && !signal_interrupts(t));
  struct linux_siginfo u2 = info(SIGUSR2, SI_USER, 0);
  signal_send(t, &u2);
  CHECK(signal_deliverable(t) == bit(SIGUSR2) && signal_interrupts(t));
  signal_set_blocked(t, 0);
  CHECK(signal_deliverable(t) == (bit(SIGUSR1) | bit(SIGUSR2)));
  /* SIGKILL gets through whatever the mask word says. */
  t = fresh();
  t->blocked = ~0ULL;
  struct linux_siginfo kill = info(SIGKILL, SI_USER, 0);
  signal_send(t, &kill);
  CHECK(signal_deliverable(t) == bit(SIGKILL) && signal_interrupts(t));
}

int main(void) {
  test_default_actions();
  test_sig_next();
  test_coalesce_and_fifo();
  test_take_allowed();
  test_flush();
  test_queue_full();
  test_blocked_mask();
  test_is_ignored();
  test_send_ignore_rule();
  test_cont_and_stop();
  test_force();
  test_deliverable();
  return check_done("signal_state");
}
