/* The embedded HTML templates (cli/html/NAME.html, format in html_template.h),
 * generated at build time by cmake/embed.cmake. */
#ifndef KDIFF_HTML_TEMPLATES_H
#define KDIFF_HTML_TEMPLATES_H

#include <stddef.h>

/* cli/html/kdiff_report.html: kdiff --html. */
extern const char tpl_kdiff_report[];
extern const size_t tpl_kdiff_report_len;

/* cli/html/dashboard.html: the contract suite's report.html. */
extern const char tpl_dashboard[];
extern const size_t tpl_dashboard_len;

#endif
