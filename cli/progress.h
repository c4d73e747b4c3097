/* One progress line on a terminal for long runs: "kdiff: reading traces
 * 42% (96 of 229 MB)", rewritten in place a few times a second and erased
 * when the work is done, so the report that follows starts on a clean line.
 *
 * Policy: the caller decides whether there is a terminal to draw on
 * (stderr is one, --quiet not given); nothing is drawn before `after`
 * seconds have passed, so a quick run never shows it. The work (readers,
 * the aligner) reports through progress_phase/progress_advance, which are
 * cheap, safe from any thread, and do nothing when no line was started.
 * Non-goals: more than one line, rates or time estimates. */
#ifndef KDIFF_PROGRESS_H
#define KDIFF_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Starts drawing on f (when on) from `after` seconds from now, in a
 * thread of its own. Call once; without it every other call is a no-op. */
void progress_start(FILE *f, bool on, double after);

/* Names what is being done now and how many units it takes in all (0:
 * unknown); the count done starts again from 0. unit "MB": the counts are
 * bytes, shown in MB; any other unit is shown as it is ("events"). */
void progress_phase(const char *what, const char *unit, uint64_t total);

/* Counts n more units done. */
void progress_advance(uint64_t n);

/* Stops drawing, erases the line if one was drawn, and returns whether
 * one was (with `after` 0, one always was: a run shorter than a tick draws
 * its last phase here). Safe to call more than once, or without
 * progress_start. */
bool progress_stop(void);

/* The size of the regular file at path, for a phase's total; 0 when it
 * is not one (stdin, strace -ff stems, pipes). */
uint64_t progress_file_bytes(const char *path);

/* The seconds the progress line waits before it shows: KDIFF_PROGRESS_AFTER
 * if set (tests), else 1. */
double progress_default_after(void);

#endif
