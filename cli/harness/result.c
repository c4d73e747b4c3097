/* Result files and the aggregate report with its summary table. */
#include "result.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dashboard.h"
#include "verdict.h"

/* Lines of non-PASS tests the table lists before "... and N more". */
#define TABLE_MAX_ROWS 20

json_t *result_bytes(const char *p, size_t len) {
  json_t *s = json_stringn(p, len);
  if (s)
    return s;
  char *esc = malloc(len * 4 + 1);
  if (!esc)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 0x80 || c == 0)
      k += (size_t)sprintf(esc + k, "\\x%02x", c);
    else
      esc[k++] = (char)c;
  }
  s = json_stringn(esc, k);
  free(esc);
  return s;
}

int result_write(const char *path, json_t *obj) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  if (json_dump_file(obj, tmp, JSON_INDENT(2) | JSON_SORT_KEYS) < 0) {
    unlink(tmp);
    if (!errno)
      errno = EIO;
    return -1;
  }
  if (rename(tmp, path) < 0) {
    int e = errno;
    unlink(tmp);
    errno = e;
    return -1;
  }
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the *.json files in dir; NULL-ended; *n set. */
static char **list_json(const char *dir, size_t *n) {
  *n = 0;
  DIR *d = opendir(dir);
  if (!d)
    return errno == ENOENT ? calloc(1, sizeof(char *)) : NULL;
  size_t cap = 64;
  char **v = calloc(cap, sizeof *v);
  struct dirent *de;
  while (v && (de = readdir(d))) {
    size_t l = strlen(de->d_name);
    if (l < 6 || strcmp(de->d_name + l - 5, ".json"))
      continue;
    if (*n + 2 > cap) {
      char **g = realloc(v, (cap *= 2) * sizeof *v);
      if (!g)
        break;
      v = g;
    }
    v[(*n)++] = strdup(de->d_name);
    v[*n] = NULL;
  }
  closedir(d);
  if (v)
    qsort(v, *n, sizeof *v, by_name);
  return v;
}

/* count[V_COUNT] holds the ERROR results (harness trouble, no verdict). */
static void print_table(FILE *f, json_t *tests, const size_t *count, size_t total,
                        const char *report_path) {
  fprintf(f, "\ncontracts: %zu/%zu PASS", count[V_PASS], total);
  for (int v = 0; v < V_COUNT; v++)
    if (v != V_PASS && count[v])
      fprintf(f, " | %zu %s", count[v], verdict_name((verdict)v));
  if (count[V_COUNT])
    fprintf(f, " | %zu ERROR", count[V_COUNT]);
  fputc('\n', f);
  size_t rows = 0, hidden = 0;
  size_t i;
  json_t *t;
  json_array_foreach(tests, i, t) {
    const char *v = json_string_value(json_object_get(t, "verdict"));
    if (!v || !strcmp(v, "PASS"))
      continue;
    if (rows++ >= TABLE_MAX_ROWS) {
      hidden++;
      continue;
    }
    const char *reason = json_string_value(json_object_get(t, "reason"));
    const char *why = json_string_value(json_object_get(t, "why"));
    char name[256];
    snprintf(name, sizeof name, "%s/%s",
             json_string_value(json_object_get(t, "id")) ?: "?",
             json_string_value(json_object_get(t, "arch")) ?: "?");
    fprintf(f, "  %-10s %-36s %s\n", v, name, reason ? reason : why ? why : "");
  }
  if (hidden)
    fprintf(f, "  ... and %zu more\n", hidden);
  /* Which Linux the verdicts were against, once per arch and reference. */
  json_t *seen = json_object();
  json_array_foreach(tests, i, t) {
    json_t *ref = json_object_get(t, "reference");
    const char *arch = json_string_value(json_object_get(t, "arch"));
    const char *d = json_string_value(json_object_get(ref, "describe"));
    if (!arch || !d)
      continue;
    char key[1024];
    size_t dl = strlen(d);
    if (dl > 8 && !strcmp(d + dl - 8, ", cached"))
      dl -= 8;
    snprintf(key, sizeof key, "%s: %.*s", arch, (int)dl, d);
    if (!json_object_get(seen, key)) {
      json_object_set_new(seen, key, json_true());
      fprintf(f, "reference %s\n", key);
    }
  }
  json_decref(seen);
  size_t rl = strlen(report_path);
  fprintf(f, "report: %s\ndashboard: %.*s.html\n", report_path,
          (int)(rl > 5 && !strcmp(report_path + rl - 5, ".json") ? rl - 5 : rl),
          report_path);
}

int result_report(const char *results_dir, const char *report_path,
                  const char *summary_path) {
  size_t n;
  char **names = list_json(results_dir, &n);
  if (!names) {
    fprintf(stderr, "%s: cannot list results: %s\n", results_dir, strerror(errno));
    return -1;
  }
  json_t *tests = json_array();
  size_t count[V_COUNT + 1] = {0};
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", results_dir, names[i]);
    json_error_t je;
    json_t *t = json_load_file(path, 0, &je);
    if (!t) {
      fprintf(stderr, "%s:%d: bad result file: %s\n", path, je.line, je.text);
      rc = -1;
      continue;
    }
    const char *v = json_string_value(json_object_get(t, "verdict"));
    verdict vv = v ? verdict_parse(v) : V_COUNT;
    count[vv]++; /* V_COUNT: an ERROR result */
    json_array_append_new(tests, t);
  }
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);

  json_t *summary = json_object();
  json_object_set_new(summary, "total", json_integer((json_int_t)json_array_size(tests)));
  for (int v = 0; v < V_COUNT; v++)
    json_object_set_new(summary, verdict_name((verdict)v), json_integer((json_int_t)count[v]));
  json_object_set_new(summary, "ERROR", json_integer((json_int_t)count[V_COUNT]));
  json_t *report = json_object();
  json_object_set_new(report, "summary", summary);
  json_object_set_new(report, "tests", tests);
  if (result_write(report_path, report) < 0) {
    fprintf(stderr, "%s: cannot write the report: %s\n", report_path, strerror(errno));
    rc = -1;
  }
  /* report.html beside report.json (the same name, .html). */
  char html[4096];
  size_t rl = strlen(report_path);
  if (rl > 5 && !strcmp(report_path + rl - 5, ".json"))
    snprintf(html, sizeof html, "%.*s.html", (int)(rl - 5), report_path);
  else
    snprintf(html, sizeof html, "%s.html", report_path);
  if (dashboard_write(html, tests, results_dir, report_path) < 0)
    rc = -1;
  print_table(stdout, tests, count, json_array_size(tests), report_path);
  if (summary_path) {
    FILE *f = fopen(summary_path, "w");
    if (f) {
      print_table(f, tests, count, json_array_size(tests), report_path);
      fclose(f);
    }
  }
  json_decref(report);
  return rc;
}
