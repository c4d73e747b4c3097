/* known_load(): read and check known-divergences.json with jansson. */
#include "known.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned known_arch_bit(const char *arch) {
  if (!strcmp(arch, "x86_64"))
    return KNOWN_ARCH_X86_64;
  if (!strcmp(arch, "arm64"))
    return KNOWN_ARCH_ARM64;
  return 0;
}

/* The KNOWN_REF_* bit for a reference kind, or 0 if unknown. */
static unsigned known_ref_bit(const char *ref) {
  if (!strcmp(ref, "native"))
    return KNOWN_REF_NATIVE;
  if (!strcmp(ref, "vm"))
    return KNOWN_REF_VM;
  return 0;
}

void known_free(known_list *k) {
  for (size_t i = 0; i < k->n; i++) {
    free(k->e[i].id);
    free(k->e[i].reason);
    free(k->e[i].expect_status);
    free(k->e[i].expect_stdout);
  }
  free(k->e);
  k->e = NULL;
  k->n = 0;
}

/* jansson keeps no positions for values; find the line of "key": in the text
 * so a message can point at the entry. 0 if not found. */
static int line_of_key(const char *text, const char *key) {
  size_t kl = strlen(key);
  int line = 1;
  for (const char *p = text; *p; p++) {
    if (*p == '\n')
      line++;
    if (*p == '"' && !strncmp(p + 1, key, kl) && p[kl + 1] == '"') {
      const char *q = p + kl + 2;
      while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
        q++;
      if (*q == ':')
        return line;
    }
  }
  return 0;
}

static int blank(const char *s) {
  while (*s && isspace((unsigned char)*s))
    s++;
  return *s == '\0';
}

static int valid_id(const char *id) {
  const char *dot = strchr(id, '.');
  if (!dot || dot == id || dot[1] == '\0' || strchr(dot + 1, '.'))
    return 0;
  for (const char *p = id; *p; p++)
    if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
      return 0;
  return 1;
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 4096, len = 0;
  char *s = malloc(cap);
  size_t n;
  while (s && (n = fread(s + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      char *g = realloc(s, cap *= 2);
      if (!g)
        free(s);
      s = g;
    }
  }
  fclose(f);
  if (s)
    s[len] = '\0';
  return s;
}

int known_load(const char *path, known_list *out, char *err, size_t errlen) {
  out->e = NULL;
  out->n = 0;
  char *text = slurp(path);
  if (!text) {
    snprintf(err, errlen, "%s: cannot read the known-divergences file", path);
    return -1;
  }
  json_error_t je;
  json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
  if (!root) {
    snprintf(err, errlen, "%s:%d: malformed JSON: %s", path, je.line, je.text);
    free(text);
    return -1;
  }
  int rc = 0;
  if (!json_is_object(root)) {
    snprintf(err, errlen,
             "%s:1: the top level must be an object {\"<id>\": {...}}", path);
    rc = -1;
  }
  const char *id;
  json_t *val;
  if (rc == 0) {
    out->e = calloc(json_object_size(root) + 1, sizeof *out->e);
    if (!out->e) {
      snprintf(err, errlen, "%s: out of memory", path);
      rc = -1;
    }
  }
  if (rc == 0) {
    json_object_foreach(root, id, val) {
      int line = line_of_key(text, id);
      if (!valid_id(id)) {
        snprintf(err, errlen,
                 "%s:%d: \"%s\" is not a test id (<category>.<name>)", path,
                 line, id);
        rc = -1;
        break;
      }
      if (!json_is_object(val)) {
        snprintf(err, errlen,
                 "%s:%d: \"%s\": the value must be an object with a \"reason\"",
                 path, line, id);
        rc = -1;
        break;
      }
      unsigned arches = KNOWN_ARCH_X86_64 | KNOWN_ARCH_ARM64;
      const char *key;
      json_t *field;
      json_object_foreach(val, key, field) {
        if (strcmp(key, "arch") && strcmp(key, "reference") &&
            strcmp(key, "reason") && strcmp(key, "expect")) {
          snprintf(err, errlen,
                   "%s:%d: \"%s\": unknown key \"%s\" (known: arch, reference, "
                   "reason, "
                   "expect)",
                   path, line, id, key);
          rc = -1;
          break;
        }
      }
      if (rc < 0)
        break;
      json_t *arch = json_object_get(val, "arch");
      if (arch) {
        if (!json_is_array(arch) || json_array_size(arch) == 0) {
          snprintf(err, errlen,
                   "%s:%d: \"%s\": \"arch\" must be a non-empty list such as "
                   "[\"arm64\"]",
                   path, line, id);
          rc = -1;
          break;
        }
        arches = 0;
        size_t i;
        json_t *a;
        json_array_foreach(arch, i, a) {
          unsigned bit =
              json_is_string(a) ? known_arch_bit(json_string_value(a)) : 0;
          if (!bit) {
            snprintf(err, errlen,
                     "%s:%d: \"%s\": unknown arch in \"arch\" (x86_64, arm64)",
                     path, line, id);
            rc = -1;
            break;
          }
          arches |= bit;
        }
        if (rc < 0)
          break;
      }
      unsigned refs = KNOWN_REF_NATIVE | KNOWN_REF_VM;
      json_t *ref = json_object_get(val, "reference");
      if (ref) {
        size_t i;
        json_t *a;
        refs = json_is_array(ref) ? 0 : ~0u;
        json_array_foreach(ref, i, a) {
          unsigned bit =
              json_is_string(a) ? known_ref_bit(json_string_value(a)) : 0;
          refs = bit ? refs | bit : ~0u;
          if (!bit)
            break;
        }
        if (refs == 0 || refs == ~0u) {
          snprintf(err, errlen,
                   "%s:%d: \"%s\": \"reference\" must be a non-empty list of "
                   "\"native\" "
                   "and \"vm\"",
                   path, line, id);
          rc = -1;
          break;
        }
      }
      json_t *reason = json_object_get(val, "reason");
      if (!json_is_string(reason) || blank(json_string_value(reason))) {
        snprintf(err, errlen,
                 "%s:%d: \"%s\": every entry needs a non-empty \"reason\"",
                 path, line, id);
        rc = -1;
        break;
      }
      json_t *expect = json_object_get(val, "expect");
      json_t *est = json_object_get(expect, "status"),
             *eout = json_object_get(expect, "stdout");
      const char *ekey;
      json_t *ev;
      int ebad = !json_is_object(expect) || (!est && !eout) ||
                 (est && !json_is_string(est)) ||
                 (eout && !json_is_string(eout));
      if (!ebad)
        json_object_foreach(expect, ekey, ev) ebad |=
            strcmp(ekey, "status") && strcmp(ekey, "stdout");
      if (ebad) {
        snprintf(err, errlen,
                 "%s:%d: \"%s\": every entry needs an \"expect\" object naming "
                 "the library OS "
                 "run's outcome: \"status\" (\"killed by SIGILL\", \"exit 1\") "
                 "and/or \"stdout\"",
                 path, line, id);
        rc = -1;
        break;
      }
      known_entry *e = &out->e[out->n++];
      e->id = strdup(id);
      e->reason = strdup(json_string_value(reason));
      e->expect_status = est ? strdup(json_string_value(est)) : NULL;
      e->expect_stdout = eout ? strdup(json_string_value(eout)) : NULL;
      e->arches = arches;
      e->refs = refs;
      e->line = line;
      if (!e->id || !e->reason || (est && !e->expect_status) ||
          (eout && !e->expect_stdout)) {
        snprintf(err, errlen, "%s: out of memory", path);
        rc = -1;
        break;
      }
    }
  }
  json_decref(root);
  free(text);
  if (rc < 0)
    known_free(out);
  return rc;
}

const known_entry *known_find(const known_list *k, const char *id,
                              const char *arch, const char *reference) {
  unsigned bit = known_arch_bit(arch);
  unsigned rbit =
      reference ? known_ref_bit(reference) : KNOWN_REF_NATIVE | KNOWN_REF_VM;
  for (size_t i = 0; i < k->n; i++)
    if (!strcmp(k->e[i].id, id) && (k->e[i].arches & bit) &&
        (k->e[i].refs & rbit))
      return &k->e[i];
  return NULL;
}

const char *known_lookup(const known_list *k, const char *id, const char *arch,
                         const char *reference) {
  const known_entry *e = known_find(k, id, arch, reference);
  return e ? e->reason : NULL;
}
