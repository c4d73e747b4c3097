/* The common event model both trace readers produce and the rest of kdiff
 * consumes: one flat array of events per side, in trace order. Strings
 * (syscall, errno, signal and si_code names) are interned so that the two
 * sides compare them as integers; display text points into an arena owned
 * by the trace. */
#ifndef KDIFF_TRACE_H
#define KDIFF_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "intern.h"
#include "restart.h"
#include "rules.h"

enum ev_kind {
  EV_SYSCALL, /* one logical call (unfinished/resumed joined, restarts folded)
               */
  EV_SIGNAL,  /* a signal delivered: name + si_code */
  EV_EXIT,    /* the process ended: exit status or killing signal */
  EV_CRASH,   /* the kernel panicked, or the trace ended without an exit */
};

#define KD_MAXARGS 6

/* Classes of a normalised value: what `v` means. */
enum val_cls {
  VAL_NUM,     /* a plain integer */
  VAL_UNKNOWN, /* not known: `= ?`, or an argument strace printed symbolically
                */
  VAL_BRK,     /* offset from the side's first brk result */
  VAL_MAP,     /* inside mapping `map`, at offset v */
  VAL_PID,     /* the n-th pid seen on this side */
  VAL_STR,     /* a str argument's string: v is its interned id */
  VAL_STRCUT,  /* the same, cut short (strace's "..."..., the kernel's
                * str_cut): only a prefix of the string */
  VAL_SOME,    /* a positive count whose size is not compared (rule
                * proc-read-count): v is the raw count, for display */
};

/* 12 bytes, not 16: an event holds seven of them and a million-call trace
 * a million events per side. Interned ids stay below 2^22 (intern.c). */
struct __attribute__((packed, aligned(4))) kval {
  uint32_t cls : 4;  /* enum val_cls */
  uint32_t map : 28; /* VAL_MAP: the mapping's interned name, "3" or "1.2:1"
                        (maps.h) */
  int64_t v;
};
_Static_assert(sizeof(struct kval) == 12, "a kval packs into 12 bytes");

/* Event flags. */
#define EVF_ERR 0x01       /* the call failed: `err` holds the errno name */
#define EVF_RESTARTED 0x02 /* folded from an ERESTART* sequence */
#define EVF_CORE 0x04      /* EV_EXIT: killed by a signal, core dumped */
#define EVF_UNFINISHED                                                         \
  0x08                  /* parser-internal: waiting for its resumed half       \
                         */
#define EVF_DROP 0x10   /* removed by normalisation (marker, fold, filter) */
#define EVF_MAPPED 0x20 /* name was mapped across arches: args not compared */
#define EVF_NORESULT                                                           \
  0x40 /* the result is not comparable (a stand-in call's)                     \
        */
#define EVF_FATAL                                                              \
  0x80 /* EV_SIGNAL (libos): its action ends the process (terminate/core) */

struct event {
  uint8_t kind;  /* enum ev_kind */
  uint8_t flags; /* EVF_* */
  uint8_t nargs; /* arguments parsed into arg[] */
  uint8_t rule;  /* enum rule_id (rules.h), 0: none. At read: the rule that
                  * dropped it (EVF_DROP). After normalise: a rule under which
                  * a mismatch of this event is a timing row, not a divergence */
  /* Hash of what must match exactly (see normalise.h): equal events have
   * equal keys, so it is a fast first test. Beside flags and pid: the
   * aligner's pass over every event reads these three only. */
  uint32_t key;
  uint32_t name; /* interned: syscall name, signal name, "exit", "crash" */
  uint32_t err;  /* interned errno name when EVF_ERR (0 otherwise) */
  uint32_t code; /* EV_SIGNAL: interned si_code; EV_EXIT: killing signal (0:
                    exited) */
  uint32_t restart_sig; /* a folded interrupted call (restart.h): interned name
                         * of the interrupting signal */
  int32_t pid; /* raw pid/tid as the trace gave it; after normalising the task's
                * identity (interned creation path "1", "1.2", see tasks.h) */
  uint32_t line; /* 1-based source line (the line that completed the event) */
  /* The line it started on when that is another one (strace's
   * <unfinished ...>, JSONL's syscall_entry); 0: only `line`. */
  uint32_t first_line;
  /* The display text's length (it need not be NUL-terminated). Here and
   * orig_name below arg[], not beside text: each fills the 4 bytes before an
   * 8-byte field, so the event stays at 152 bytes. */
  uint32_t textlen;
  int64_t ret;      /* EV_SYSCALL: return value (raw); EV_EXIT: exit status */
  struct kval nret; /* normalised return value */
  struct kval arg[KD_MAXARGS]; /* raw then normalised arguments */
  uint32_t orig_name;          /* name before arch mapping */
  const char *text; /* display text: "name(args) = ret ..." (NULL: format from
                       fields) */
  uint32_t
      idx; /* Linux side: index in the syscall sequence (see normalise.h) */
  uint32_t partner; /* futex: 1 + the index of the other call of its proven
                     * wake/wait pair (timing.h); 0: none */
};
/* A million-call trace holds a million events per side: keep them small. */
_Static_assert(sizeof(struct event) == 152, "struct event grew");

/* A whole trace. */
struct trace {
  struct event *ev;
  size_t n, cap;
  struct arena arena;    /* display text */
  const char *path;      /* file name for messages */
  size_t skipped_lines;  /* JSONL: non-JSON console lines skipped */
  size_t unimplemented;  /* JSONL: "unimplemented" records seen */
  uint32_t first_unimpl; /* interned name of the first unimplemented call (0:
                            none) */
  char *panic_msg;       /* JSONL: panic message, if any (arena) */
  char *buf;         /* the input text, owned (display text points into it) */
  size_t buf_mapped; /* nonzero: buf is an mmap of this many bytes */
  bool signals_untraced; /* JSONL: booted with a debug= that leaves signals out
                          */
  bool multi_task; /* events of more than one pid/tid (see trace_multi_task) */
  uint32_t nsys;   /* after normalise: syscalls numbered (ev->idx) */
  struct rule_counts fired;      /* the rules applied to this trace (rules.h) */
  struct restart_stats restarts; /* interrupted calls folded (restart.h) */
  char arch[16];                 /* JSONL boot record's arch ("" if none) */
  const char *format; /* the format it was read as (trace_format.h), or NULL */
};

/* Initialises an empty trace whose messages name `path`. */
void trace_init(struct trace *t, const char *path);

/* Appends a zeroed event and returns it; aborts on out-of-memory (like
 * every allocation in kdiff: there is nothing better to do). */
struct event *trace_push(struct trace *t);

/* True when the events carry more than one pid/tid (the readers' pushes
 * note it; this also checks the last event). */
bool trace_multi_task(const struct trace *t);

/* Frees everything the trace owns. */
void trace_free(struct trace *t);

/* Error reporting: one policy for the CLI (exit 2 with "file:line: what").
 * Readers fill a kd_error and return -1. */
struct kd_error {
  char msg[512];
};

/* Formats "path:line: fmt..." into e (line 0: no line part). Returns -1. */
int kd_fail(struct kd_error *e, const char *path, size_t line, const char *fmt,
            ...) __attribute__((format(printf, 4, 5)));

/* The longest strace line kdiff reads (strace bounds its lines by -s; the
 * kernel's JSONL lines have their own cap, JSONL_MAX_LINE). A longer line is
 * exit 2 "path:line: line longer than N bytes", found without reading the
 * whole of it. */
#define KD_MAX_LINE (1u << 20)

/* Reads a whole file into a NUL-terminated malloc'd buffer, failing at the
 * first line longer than KD_MAX_LINE (so a file that never ends, /dev/zero,
 * stops there). Returns 0, or -1 with e filled ("path: strerror",
 * "path:line: line longer than N bytes"). */
int kd_read_file(const char *path, char **buf, size_t *len, struct kd_error *e);

/* Makes the file's bytes available read-only: an mmap for a regular
 * non-empty file (*mapped = its length), otherwise kd_read_file's buffer
 * (*mapped = 0). The bytes are NOT NUL-terminated when mapped. Release with
 * kd_release_file. Returns 0, or -1 with e filled. */
int kd_map_file(const char *path, char **buf, size_t *len, size_t *mapped,
                struct kd_error *e);

/* How much of a mapped file a reader passes before it lets the pages it
 * has read go (kd_drop_behind). */
#define KD_DROP_BEHIND (8u << 20)

/* Lets the pages of a kd_map_file mapping between from and to (offsets;
 * to is rounded down to a page) leave memory: they are read again from the
 * page cache if touched (display text points into them), so the file never
 * needs to be resident as a whole. Returns the new low mark (to, rounded). */
size_t kd_drop_behind(char *buf, size_t from, size_t to);

/* Lets every page of t's mapped input (t->buf, when mapped) leave memory
 * and have any later touch read one page, not a readahead window: after
 * normalising, display text is looked at only for the few rows a report
 * shows. The normalising passes that read text (clone flags, sigaction,
 * futex words) refault pages, which would otherwise stay resident. */
void trace_drop_text(struct trace *t);

/* Releases what kd_map_file returned. */
void kd_release_file(char *buf, size_t mapped);
#endif
