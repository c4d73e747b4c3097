/* Result files: one JSON file per test and arch
 * (build/contracts/results/<id>.<arch>.json), so parallel CTest runs never
 * share a file, and the report that aggregates them. */
#ifndef KDIFF_HARNESS_RESULT_H
#define KDIFF_HARNESS_RESULT_H

#include <jansson.h>
#include <stddef.h>

/* A JSON string for arbitrary bytes: as is when they are valid UTF-8, else
 * with each byte >= 0x80 written as the text \xNN. NULL only without memory. */
json_t *result_bytes(const char *p, size_t len);

/* Write obj to path atomically (a temporary file renamed over it), so a
 * reader never sees half a file. Returns 0, or -1 with errno set. */
int result_write(const char *path, json_t *obj);

/* Read every *.json in results_dir (sorted by name), write the report
 * {"summary": {...}, "tests": [...]} to report_path and the HTML dashboard
 * beside it (report_path with .html for .json; dashboard.h), and print the
 * one-screen table to stdout and, if summary_path is non-NULL, to that file.
 * Returns 0, or -1 with a message on stderr. An empty directory is a report
 * of zero tests, not an error. */
int result_report(const char *results_dir, const char *report_path,
                  const char *summary_path);

#endif
