"""docs/trace.schema.json and `kdiff --check-trace` agree (issue 15, point 2).

  check_schema.py SCHEMA KDIFF [--live ARCH]... FILE...

The schema must be a valid JSON Schema; each FILE (recorded traces, and a
trace the image wrote in this build) gets the same verdict, at the same
line, from the schema and from kdiff --check-trace; so do mutations of the
first valid file, each one breaking one rule of the format. --live ARCH adds
the trace the ARCH image writes now (kdiff vm.brk_basic, traces kept)."""
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("check_schema: python3-jsonschema is not installed: skipped")
    sys.exit(77)

schema_path, kdiff, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
live, files = [], []
while rest:
    if rest[0] == "--live" and len(rest) > 1:
        live.append(rest[1])
        rest = rest[2:]
    else:
        files.append(rest.pop(0))
schema = json.load(open(schema_path))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)


def schema_verdict(path):
    """The first line (1-based) the schema rejects, or None."""
    with open(path, errors="replace") as f:
        for i, line in enumerate(f, 1):
            if not line.startswith("{"):
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                return i
            if not validator.is_valid(rec):
                return i
    return None


def kdiff_verdict(path):
    """The line kdiff --check-trace names, None when it accepts the file."""
    r = subprocess.run([kdiff, "--check-trace", path], capture_output=True,
                       text=True, timeout=60)
    if r.returncode == 0:
        return None
    if r.returncode != 2:
        return "exit %d" % r.returncode
    prefix = "kdiff: " + path + ":"
    msg = r.stderr.strip().splitlines()[0] if r.stderr.strip() else ""
    if msg.startswith(prefix):
        num = msg[len(prefix):].split(":", 1)[0]
        if num.isdigit():
            return int(num)
    return "message " + msg


bad = 0
checked = 0


def compare(path, what):
    global bad, checked
    checked += 1
    s, k = schema_verdict(path), kdiff_verdict(path)
    if s != k:
        bad = 1
        print("FAIL: %s: schema says %s, kdiff --check-trace says %s"
              % (what, "valid" if s is None else "line %s" % s,
                 "valid" if k is None else k))


workdir = tempfile.TemporaryDirectory()
for arch in live:
    env = dict(os.environ, KDIFF_KEEP="1", TMPDIR=workdir.name)
    r = subprocess.run([kdiff, "vm.brk_basic", "--arch", arch], env=env,
                       capture_output=True, text=True, timeout=300)
    kept = [l[len("kdiff: traces kept in "):] for l in r.stderr.splitlines()
            if l.startswith("kdiff: traces kept in ")]
    if r.returncode != 0 or not kept:
        print("FAIL: kdiff vm.brk_basic --arch %s: exit %d, %s"
              % (arch, r.returncode, r.stderr.strip()[:300]))
        sys.exit(1)
    files.insert(0, os.path.join(kept[0], "libos.jsonl"))

first_valid = None
for path in files:
    compare(path, path)
    if first_valid is None and schema_verdict(path) is None:
        first_valid = path

# Mutations: each breaks one record of a valid trace in one way.
with open(first_valid) as f:
    lines = f.readlines()
recs = [(i, json.loads(l)) for i, l in enumerate(lines) if l.startswith("{")]
boot_i = recs[0][0]
sys_i = next(i for i, r in recs if r.get("ev") == "syscall_exit")


def mutate(index, fn):
    out = list(lines)
    rec = json.loads(out[index])
    fn(rec)
    out[index] = json.dumps(rec) + "\n"
    return out


mutations = [
    ("boot without v", boot_i, lambda r: r.pop("v")),
    ("boot with v 2", boot_i, lambda r: r.update(v=2)),
    ("boot without arch", boot_i, lambda r: r.pop("arch", None)),
    ("syscall without name or nr", sys_i,
     lambda r: (r.pop("name", None), r.pop("nr", None))),
    ("syscall with a string pid", sys_i, lambda r: r.update(pid="one")),
    ("syscall with a bad name", sys_i, lambda r: r.update(name="Bad-Name")),
    ("syscall with a non-hex word", sys_i, lambda r: r.update(ret="0xzz")),
    ("record without ev", sys_i, lambda r: r.pop("ev")),
]
with tempfile.TemporaryDirectory() as d:
    for what, index, fn in mutations:
        p = os.path.join(d, "m.jsonl")
        with open(p, "w") as f:
            f.writelines(mutate(index, fn))
        if schema_verdict(p) is None:
            bad = 1
            print("FAIL: mutation '%s' is still valid for the schema" % what)
        compare(p, "mutation '%s'" % what)
print("check_schema: %d traces compared, %s" % (checked, "all agree" if not bad else "disagreements above"))
sys.exit(bad)
