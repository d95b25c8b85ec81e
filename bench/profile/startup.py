#!/usr/bin/python3
"""Start-up costs: a daemon from spawn to its first answer (connect + listAllDomains), and a CLI from spawn
to exit, for builds and runtime settings given on the command line. Runs each variant REPS times,
interleaved; prints min / median / max in ms.

  startup.py [--reps N] daemon LABEL 'ENV=.. /path/to/virtd' ...  cli LABEL 'ENV=.. /path/to/cli args' ...
"""
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sxs"))
from daemons import wait_first_answer  # noqa: E402

args = sys.argv[1:]
reps = 10
if args[:1] == ["--reps"]:
    reps = int(args[1])
    args = args[2:]
variants = []
while args:
    kind, label, cmd = args[0], args[1], args[2]
    args = args[3:]
    variants.append((kind, label, cmd))


def split(cmd):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    parts = shlex.split(cmd)
    while parts and "=" in parts[0] and not parts[0].startswith("/"):
        k, v = parts.pop(0).split("=", 1)
        env[k] = v
    return env, parts


def run_daemon(cmd):
    env, parts = split(cmd)
    work = tempfile.mkdtemp(dir="/var/tmp/virt-bench")
    try:
        sock = os.path.join(work, "s", "virtd-sock")
        t0 = time.perf_counter()
        p = subprocess.Popen(parts + ["--foreground", "--socket-dir", os.path.join(work, "s"), "--root",
                                      os.path.join(work, "r")], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        wait_first_answer(f"qemu+unix:///system?socket={sock}", p)
        dt = time.perf_counter() - t0
        p.terminate()
        p.wait()
        return dt
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_cli(cmd):
    env, parts = split(cmd)
    t0 = time.perf_counter()
    subprocess.run(parts, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


results = {label: [] for _, label, _ in variants}
for r in range(reps):
    for kind, label, cmd in (variants if r % 2 == 0 else list(reversed(variants))):
        results[label].append((run_daemon if kind == "daemon" else run_cli)(cmd) * 1000)
for kind, label, cmd in variants:
    v = results[label]
    print(f"| {label} | {min(v):.0f} | {statistics.median(v):.0f} | {max(v):.0f} |")
