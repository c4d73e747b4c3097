/* Interrupted calls (restart.h) in both spellings, on both sides: what the
 * program saw compares equal however each kernel spelt it, a real
 * divergence placed after the interruptions is the one reported, and a
 * call one kernel restarted transparently while the other failed it with
 * EINTR is itself the divergence. */
#include "check.h"
#include "pair.h"

/* With restart machinery (Linux under strace): nanosleep's restart block,
 * pause's ERESTARTNOHAND and a read without SA_RESTART all end in
 * rt_sigreturn's EINTR; clone's ERESTARTNOINTR always runs again. */
#define RESTARTS                                                               \
  "nanosleep 0 0 = ? ERESTART_RESTARTBLOCK\nSIG SIGALRM SI_KERNEL\n"           \
  "rt_sigreturn 0 = -1 EINTR\n"                                                \
  "pause = ? ERESTARTNOHAND\nSIG SIGALRM SI_KERNEL\nwrite 2 0 3 = 3\n"         \
  "rt_sigreturn 0 = -1 EINTR\n"                                                \
  "read 0 0 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\n"                        \
  "rt_sigreturn 0 = -1 EINTR\n"                                                \
  "getuid = 0\n"

/* Without (a kernel that fails the call at once): the same program. */
#define EINTRS                                                                 \
  "nanosleep 0 0 = -1 EINTR\nSIG SIGALRM SI_KERNEL\n"                          \
  "rt_sigreturn 0 = -1 EINTR\n"                                                \
  "pause = -1 EINTR\nSIG SIGALRM SI_KERNEL\nwrite 2 0 3 = 3\n"                 \
  "rt_sigreturn 0 = -1 EINTR\n"                                                \
  "read 0 0 1 = -1 EINTR\nSIG SIGALRM SI_KERNEL\n"                             \
  "rt_sigreturn 0 = -1 EINTR\n"                                                \
  "getuid = 0\n"

/* After them, the real divergence: close's errno (Linux index 5: the
 * three folded calls, the handler's write, getuid). */
#define TAIL_L "close 3 = -1 EBADF\nexit_group 0 = ?\nEXIT 0\n"
#define TAIL_R "close 3 = -1 EINVAL\nexit_group 0 = ?\nEXIT 0\n"

static void expect(const char *what, const char *lin, const char *lib,
                   const char *kind, long idx) {
  struct pair p;
  if (pair_run(&p, lin, lib, NULL)) {
    check_failures++;
    return;
  }
  if (strcmp(pair_kind(&p), kind) || pair_index(&p) != idx) {
    fprintf(stderr, "%s: got %s at %ld, want %s at %ld\n", what, pair_kind(&p),
            pair_index(&p), kind, idx);
    check_failures++;
  }
  pair_free(&p);
}

static void test_spellings_agree(void) {
  struct pair p;
  /* Linux's ERESTART* against a kernel's plain EINTR. */
  CHECK(pair_run(&p, RESTARTS TAIL_L, EINTRS TAIL_R, NULL) == 0);
  CHECK_STR(pair_kind(&p), "errno");
  CHECK_INT(pair_index(&p), 5);
  CHECK_INT(p.L.fired.n[RULE_RESTART_FOLD], 3);
  CHECK_INT(p.L.fired.n[RULE_EINTR_FOLD], 0);
  CHECK_INT(p.R.fired.n[RULE_EINTR_FOLD], 3);
  CHECK_INT(p.R.fired.n[RULE_RESTART_FOLD], 0);
  CHECK_INT(p.L.restarts.spelling[SPELL_ERESTART_RESTARTBLOCK], 1);
  CHECK_INT(p.L.restarts.spelling[SPELL_ERESTARTNOHAND], 1);
  CHECK_INT(p.L.restarts.spelling[SPELL_ERESTARTSYS], 1);
  CHECK_INT(p.L.restarts.eintr, 3);
  CHECK_INT(p.R.restarts.spelling[SPELL_EINTR], 3);
  CHECK_INT(p.R.restarts.eintr, 3);
  /* Every row before the close is equal: no rt_sigreturn left over. */
  CHECK_INT(p.a.extra, 0);
  CHECK_INT(p.a.missing, 0);
  pair_free(&p);

  /* The other way round: a strace of a kernel without restart machinery
   * against a kernel that logs the ERESTART* it unwound with. */
  expect("EINTR vs ERESTART", EINTRS TAIL_L, RESTARTS TAIL_R, "errno", 5);
  /* Same spelling both sides: unchanged. */
  expect("EINTR vs EINTR", EINTRS TAIL_L, EINTRS TAIL_R, "errno", 5);
  expect("agree", RESTARTS TAIL_L, EINTRS TAIL_L, "none", -1);

  /* ERESTARTNOINTR is always restarted: one clone, counted by spelling. */
  const char *noint = "clone 0x11 = ? ERESTARTNOINTR\nSIG SIGALRM SI_KERNEL\n"
                      "rt_sigreturn 0 = 0\nclone 0x11 = -1 EAGAIN\n" TAIL_L;
  CHECK(pair_run(&p, noint, noint, NULL) == 0);
  CHECK_STR(pair_kind(&p), "none");
  CHECK_INT(p.L.restarts.spelling[SPELL_ERESTARTNOINTR], 1);
  CHECK_INT(p.R.restarts.restarted, 1);
  CHECK_INT(p.L.nsys, 3); /* clone, close, exit_group */
  pair_free(&p);
}

/* SA_RESTART: Linux restarted the read transparently (the program saw 1);
 * the other kernel failed it with EINTR. That IS the divergence, before
 * the planted one. */
static void test_restart_vs_eintr(void) {
  const char *restarted =
      "getuid = 0\nread 0 0 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\n"
      "write 2 0 3 = 3\nrt_sigreturn 0 = 0\nread 0 0 1 = 1\n" TAIL_L;
  const char *failed =
      "getuid = 0\nread 0 0 1 = -1 EINTR\nSIG SIGALRM SI_KERNEL\n"
      "write 2 0 3 = 3\nrt_sigreturn 0 = -1 EINTR\n" TAIL_R;
  expect("restarted vs EINTR", restarted, failed, "errno", 1);
  expect("EINTR vs restarted", failed, restarted, "errno", 1);
}

/* What the eintr-fold must leave alone. */
static void test_not_folded(void) {
  /* EINTR with no signal next (another task's, a timeout): the later
   * rt_sigreturn is a signal's of its own and stays on both sides. */
  const char *nosig = "read 0 0 1 = -1 EINTR\ngetuid = 0\nSIG SIGALRM "
                      "SI_KERNEL\nrt_sigreturn 0 = -1 EINTR\n" TAIL_L;
  struct pair p;
  CHECK(pair_run(&p, nosig, nosig, NULL) == 0);
  CHECK_STR(pair_kind(&p), "none");
  CHECK_INT(p.L.fired.n[RULE_EINTR_FOLD] + p.R.fired.n[RULE_EINTR_FOLD], 0);
  pair_free(&p);
  /* So against a side without that signal, it is reported. */
  expect("no signal next", "read 0 0 1 = -1 EINTR\ngetuid = 0\n" TAIL_L, nosig,
         "signal", 2);
  /* A nested signal: only the outer frame's rt_sigreturn is the call's. */
  const char *nested = "nanosleep 0 0 = -1 EINTR\nSIG SIGALRM SI_KERNEL\n"
                       "SIG SIGUSR1 SI_USER\nrt_sigreturn 0 = 0\n"
                       "rt_sigreturn 0 = -1 EINTR\n" TAIL_L;
  CHECK(pair_run(&p, nested, nested, NULL) == 0);
  CHECK_STR(pair_kind(&p), "none");
  CHECK_INT(p.L.fired.n[RULE_EINTR_FOLD], 1);
  CHECK_INT(p.L.nsys, 4); /* nanosleep, the inner rt_sigreturn, close, exit */
  pair_free(&p);
  /* --strict: neither spelling is folded, so they differ at once. */
  rules_strict = true;
  expect("strict", RESTARTS TAIL_L, EINTRS TAIL_L, "errno", 0);
  rules_strict = false;
}

int main(void) {
  test_spellings_agree();
  test_restart_vs_eintr();
  test_not_folded();
  return check_done("restart");
}
