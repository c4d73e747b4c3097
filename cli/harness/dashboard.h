/* The suite's dashboard: build/contracts/report.html, beside report.json
 * (template cli/html/dashboard.html). One table of every result by
 * category, test and arch with its verdict and both times; filters by
 * verdict and by arch that work without JavaScript; and for every test
 * that did not pass its output diff, both exit statuses, the panic record
 * and, when the run was traced, a link to kdiff's HTML page for it. */
#ifndef KDIFF_HARNESS_DASHBOARD_H
#define KDIFF_HARNESS_DASHBOARD_H

#include <jansson.h>

/* Writes the dashboard for `tests` (the report's "tests" array: result
 * file objects, sorted) to path. results_dir and json_path are named on the
 * page. Returns 0, or -1 with a message on stderr. */
int dashboard_write(const char *path, json_t *tests, const char *results_dir,
                    const char *json_path);

#endif
