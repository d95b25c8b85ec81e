#!/usr/bin/python3
"""When does each of K concurrent `virsh start` (then `virsh destroy`) return? Evenly spaced returns mean
the daemon serialises the calls; returns bunched at the end mean they overlap.

  concurrent_timeline.py URI XML_TEMPLATE_DIR [K]
Defines c-00..c-K-1 from examples/tiny.xml (console logs in XML_TEMPLATE_DIR) when missing, then prints
the return time of each start and each destroy, in ms after all were launched; between them the same wave
of `virsh domstate` (no work in the daemon) shows what K clients cost on this machine with K guests running.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sxs"))
from sxs import ENV, VIRSH, guest_xml  # noqa: E402

uri, tdir = sys.argv[1], sys.argv[2]
k = int(sys.argv[3]) if len(sys.argv) > 3 else 10
os.makedirs(tdir, exist_ok=True)
names = [f"c-{i:02d}" for i in range(k)]
have = subprocess.run([VIRSH, "-q", "-c", uri, "list", "--all", "--name"], capture_output=True, env=ENV).stdout.decode()
for n in names:
    if n not in have.split():
        path = os.path.join(tdir, n + ".xml")
        with open(path, "w") as f:
            f.write(guest_xml(n, os.path.join(tdir, n + ".console")))
        subprocess.run([VIRSH, "-q", "-c", uri, "define", path], check=True, capture_output=True, env=ENV)


def wave(verb):
    """verb 'domstate' is the baseline: the same K clients at once, with a call that does no work."""
    t0 = time.perf_counter()
    procs = {n: subprocess.Popen([VIRSH, "-q", "-c", uri, verb, n], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 env=ENV) for n in names}
    done = {}
    while len(done) < len(procs):
        for n, p in procs.items():
            if n not in done and p.poll() is not None:
                done[n] = (time.perf_counter() - t0) * 1000
        time.sleep(0.001)
    times = sorted(done.values())
    gaps = [b - a for a, b in zip(times, times[1:])]
    print(f"{verb:8s} returns (ms): " + " ".join(f"{t:.0f}" for t in times))
    print(f"{verb:8s} gaps between returns (ms): " + " ".join(f"{g:.0f}" for g in gaps))


wave("start")
time.sleep(3)
wave("domstate")
wave("destroy")
