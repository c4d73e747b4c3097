/* The trace channel read as JSONL records (schema v1, docs/trace.md). The
 * one reader of the image's trace: kdiff turns its records into events
 * (jsonl_read.h), the contract harness picks the exit and panic records out
 * of it (harness/exit_record.h). It decides what a line is; what a record
 * means, and what to do with a bad line, is the caller's.
 *
 * Lines. The input is split at '\n'. A final line without one is still
 * returned, marked `partial` (the writer may have been cut off mid-line). A
 * trailing '\r' and a leading "DBG " are not part of the line. A line of
 * blanks (spaces, tabs) or nothing is skipped. A line whose first non-blank
 * byte is not '{' is console text (the kernel log and firmware may share the
 * channel): JSONL_TEXT. A line that starts with '{' is JSONL_RECORD when it
 * is exactly one JSON object, otherwise JSONL_BAD.
 *
 * Records. The fields readers use are decoded into struct jsonl_rec; other
 * fields are checked as JSON and skipped. Strings point into the input or
 * into jansson's copy, are not NUL-terminated, and stay valid until the
 * next jsonl_next() or jsonl_close().
 *
 * Speed. A strict scanner reads the flat shape the kernel writes (strings
 * without escapes, integers, arrays of those); any line it does not fully
 * understand goes to jansson, which judges validity. The scanner only ever
 * accepts valid JSON and reads it as jansson would (fuzz_jsonl.c checks the
 * first), so which path read a line never shows.
 *
 * Non-goals: JSON other than one object a line; numbers beyond int64;
 * keeping fields no reader uses. */
#ifndef KDIFF_JSONL_H
#define KDIFF_JSONL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A string field: s == NULL when absent or not a string. */
struct jsonl_str {
  const char *s;
  size_t n;
};

/* True when s is present and equals the NUL-terminated lit. */
static inline bool jsonl_str_is(struct jsonl_str s, const char *lit) {
  /* strlen(lit), not s.n, as memcmp's length: a constant, so the compare
   * is inlined (this runs for every key of every line). */
  return s.s && strlen(lit) == s.n && memcmp(s.s, lit, strlen(lit)) == 0;
}

/* An integer field. `present`: the key exists. `ok`: its value is a JSON
 * integer (at most 18 digits) or a "0x..." string of 1-16 hex digits (how
 * the kernel writes addresses and raw 64-bit values), read into v. */
struct jsonl_num {
  int64_t v;
  uint8_t present, ok;
};

#define JSONL_MAXARGS 6

/* The fields of a record that kdiff or the harness read. Only args[0..nargs)
 * are meaningful; a longer "args" array keeps its first JSONL_MAXARGS. */
struct jsonl_rec {
  struct jsonl_str ev, name, err /* "errno" */, sig, code, signal, msg, arch,
      cmdline, action;
  struct jsonl_num v, pid, tid, nr, ret, status;
  int nargs;
  struct jsonl_num args[JSONL_MAXARGS];
  /* "str":{"1":"/tmp/a"}: the kernel's strings of str arguments. str[i] is
   * meaningful when bit i of str_has is set; bit i of str_cut ("str_cut":
   * [i]) says it is a prefix. Strings read by jansson are its UTF-8: the
   * kernel's \u00XX bytes arrive as U+0080..U+00FF (jsonl_latin1). */
  uint8_t str_has, str_cut;
  struct jsonl_str str[JSONL_MAXARGS];
};

/* Turns a "str" value back into the kernel's bytes: U+0080..U+00FF in UTF-8
 * become the byte they stand for (the kernel writes every byte >= 0x80 as
 * \u00XX), anything else is kept. out has room for n bytes; returns the
 * length written. */
size_t jsonl_latin1(const char *s, size_t n, char *out);

enum jsonl_kind {
  JSONL_END,    /* no more lines */
  JSONL_RECORD, /* one JSON object: the record is filled */
  JSONL_TEXT,   /* console text, not a record */
  JSONL_BAD,    /* starts with '{' but is not one JSON object: `why` says how */
  JSONL_IOERR,  /* the file could not be read further: `why` says so */
  JSONL_LONG,   /* a file's line runs past JSONL_MAX_LINE bytes; `line` is
                 * its number; reading stops here (then JSONL_END) */
};

/* The longest line a file reader accepts: the kernel writes at most 8 KiB
 * a record; a line longer than this is foreign input (or a file that never
 * ends, /dev/zero) and is never buffered whole. Memory readers take the
 * caller's buffer as it is. */
#define JSONL_MAX_LINE (64u << 10)

/* A reader over a buffer or a file. The first five fields describe the line
 * jsonl_next() returned last; callers read them, never write them. */
struct jsonl_reader {
  size_t line;      /* its 1-based line number (blank lines count) */
  const char *text; /* its bytes, without '\n', '\r' or "DBG " */
  size_t len;
  bool partial;  /* the input ended inside it (no '\n') */
  char why[200]; /* JSONL_BAD, JSONL_IOERR: what is wrong */
  /* private */
  FILE *f;               /* NULL: reading a caller's buffer */
  const char *buf;       /* the caller's bytes, or `block` */
  char *block;           /* a file's window (owned) */
  size_t cap, have, pos; /* window size, bytes in it, next unread byte */
  bool eof, done;
  void *held; /* the json_t behind the last record jansson read */
};

/* Starts reading data[0..len), which must outlive the reader; it need not
 * be NUL-terminated and is never written. */
void jsonl_open_mem(struct jsonl_reader *r, const char *data, size_t len);

/* Starts reading the file at path ("-": stdin), streamed in blocks, so
 * memory stays one block whatever the file's size (lines are capped at
 * JSONL_MAX_LINE).
 * Returns 0, or -1 with errno set by the failed open. */
int jsonl_open_file(struct jsonl_reader *r, const char *path);

/* Reads on to the next line that is not blank and says what it is; fills
 * *rec for JSONL_RECORD. After JSONL_END, JSONL_IOERR or JSONL_LONG it keeps
 * returning JSONL_END. */
enum jsonl_kind jsonl_next(struct jsonl_reader *r, struct jsonl_rec *rec);

/* Frees what the reader holds and closes its file (never stdin). */
void jsonl_close(struct jsonl_reader *r);

/* Test hook: 1 if the fast scanner reads line[0..n) by itself, 0 if it
 * would leave it to jansson. */
int jsonl_fast_accepts(const char *line, size_t n);

#endif
