/* The equivalence rules table (rules.h): its invariants, and rules that
 * fire on a small pair and must not fire on a near miss, with and without
 * --strict. Multi-task rules (timing-*, killed-timing, thread-end,
 * derived-exit, ...) are pinned on real traces by test_e2e. */
#include "check.h"
#include "pair.h"
#include "rules.h"

static uint32_t hits(const struct pair *p, enum rule_id r) {
  return p->L.fired.n[r] + p->R.fired.n[r] + p->a.fired.n[r];
}

struct rcase {
  enum rule_id rule;
  const char *linux_spec, *libos_spec;
  bool fires;
  const char *kind,
      *strict_kind; /* first divergence: as is, and under --strict */
};

static const struct rcase cases[] = {
    {RULE_RESTART_FOLD,
     "read 0 0 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\nrt_sigreturn 0 = "
     "0\nread 0 0 1 = 1\nEXIT 0",
     "read 0 0 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\nrt_sigreturn 0 = "
     "0\nread 0 0 1 = 1\nEXIT 0",
     true, "none", "none"},
    {RULE_RESTART_FOLD, "read 0 0 1 = 1\nEXIT 0", "read 0 0 1 = 1\nEXIT 0",
     false, "none", "none"},
    {RULE_CLOCK_RESULT, "time 0 = 100\nEXIT 0", "time 0 = 200\nEXIT 0", true,
     "none", "value"},
    {RULE_CLOCK_RESULT, "getuid = 0\nEXIT 0", "getuid = 0\nEXIT 0", false,
     "none", "none"},
    {RULE_CRASH_CONSEQUENCE, "brk 0 = 0x5000\nmprotect 0 0 0 = 0\nEXIT 0",
     "brk 0 = 0x5000\nPANIC boom", true, "crash", "crash"},
    {RULE_CRASH_CONSEQUENCE, "brk 0 = 0x5000\nEXIT 0", "brk 0 = 0x5000\nEXIT 1",
     false, "exit", "exit"},
    {RULE_WILDCARD_ARG, "read 0 0x1000 1 = 1\nEXIT 0",
     "read 0 0x2000 1 = 1\nEXIT 0", true, "none", "none"},
    {RULE_WILDCARD_ARG, "brk 0 = 0x5000\nEXIT 0", "brk 0 = 0x5000\nEXIT 0",
     false, "none", "none"},
    /* A signal's code is always compared: no rule softens it. */
    {RULE_NONE, "SIG SIGSEGV SEGV_MAPERR\nKILL SIGSEGV",
     "SIG SIGSEGV SEGV_ACCERR\nKILL SIGSEGV", false, "signal", "signal"},
};

static void test_table(void) {
  for (int r = 1; r < RULE_COUNT; r++) {
    CHECK(rules[r].name && *rules[r].name && rules[r].matches &&
          *rules[r].matches && rules[r].sound && *rules[r].sound);
    CHECK(rule_by_name(rules[r].name) ==
          (enum rule_id)r); /* names are unique */
    CHECK(strcmp(rule_stage_name(rules[r].stage), "?") != 0);
  }
  CHECK(rule_by_name("no-such-rule") == RULE_NONE);
  struct rule_counts a = {0}, b = {0};
  char buf[256];
  CHECK_STR(rules_fired_str(&a, NULL, NULL, buf, sizeof buf), "none");
  a.n[RULE_RESTART_FOLD] = 2;
  b.n[RULE_RESTART_FOLD] = 1;
  b.n[RULE_IGNORED_SIGNAL] = 1;
  CHECK_STR(rules_fired_str(&a, &b, NULL, buf, sizeof buf),
            "restart-fold 3, ignored-signal 1");
  /* --strict turns off exactly the softening rules. */
  rules_strict = true;
  for (int r = 1; r < RULE_COUNT; r++)
    CHECK(rule_on((enum rule_id)r) == !rules[r].softens);
  rules_strict = false;
  for (int r = 1; r < RULE_COUNT; r++)
    CHECK(rule_on((enum rule_id)r));
}

int main(void) {
  test_table();
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct rcase *c = &cases[i];
    for (int strict = 0; strict < 2; strict++) {
      rules_strict = strict;
      struct pair p;
      if (pair_run(&p, c->linux_spec, c->libos_spec, NULL)) {
        check_failures++;
        continue;
      }
      const char *want = strict ? c->strict_kind : c->kind;
      uint32_t n = c->rule ? hits(&p, c->rule) : 0;
      bool on = !strict || !rules[c->rule].softens;
      if (strcmp(pair_kind(&p), want) ||
          (c->rule && (n > 0) != (c->fires && on))) {
        fprintf(stderr,
                "rules case %zu (%s%s): kind %s (want %s), %u hits (want %s)\n",
                i, rules[c->rule].name, strict ? ", --strict" : "",
                pair_kind(&p), want, n, c->fires && on ? "some" : "none");
        check_failures++;
      }
      pair_free(&p);
    }
  }
  rules_strict = false;
  return check_done("rules");
}
