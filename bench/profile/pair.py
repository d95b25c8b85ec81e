#!/usr/bin/python3
"""Starts libvirtd (private namespace) and/or virtd like bench/run does, optionally defines N domains,
prints the daemons' URIs and pids as shell variables, and keeps them running until stdin closes or
SIGTERM: the profiling scripts in this folder run their experiments against them.

  pair.py WORKDIR VIRTD_BINARY [--only libvirt|virt] [--domains N] [--env K=V ...]
"""
import argparse
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sxs"))
from daemons import Libvirtd, Virtd  # noqa: E402
from sxs import guest_xml, ENV, VIRSH  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("workdir")
ap.add_argument("virtd")
ap.add_argument("--only", choices=["libvirt", "virt"])
ap.add_argument("--domains", type=int, default=0)
ap.add_argument("--env", action="append", default=[], help="extra environment for virtd (K=V)")
args = ap.parse_args()

os.makedirs(args.workdir, exist_ok=True)
for kv in args.env:
    k, v = kv.split("=", 1)
    os.environ[k] = v
daemons = []
if args.only in (None, "libvirt"):
    daemons.append(Libvirtd(args.workdir))
if args.only in (None, "virt"):
    daemons.append(Virtd(args.workdir, args.virtd))


def stop(*_):
    for d in daemons:
        d.stop()
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
try:
    for d in daemons:
        d.start(fresh=True)
        if args.domains:
            lines = []
            os.makedirs(os.path.join(d.dir, "xml"), exist_ok=True)
            for i in range(args.domains):
                path = os.path.join(d.dir, "xml", f"p-{i:04d}.xml")
                with open(path, "w") as f:
                    f.write(guest_xml(f"p-{i:04d}", os.path.join(d.dir, f"p-{i:04d}.console")))
                lines.append(f"define {path}\n")
            subprocess.run([VIRSH, "-q", "-c", d.uri], input="".join(lines).encode(), check=True,
                           stdout=subprocess.DEVNULL, env=ENV)
        tag = "LV" if d.label == "libvirt" else "VD"
        print(f"{tag}_URI='{d.uri}'")
        print(f"{tag}_PID={d.proc.pid}")
        print(f"{tag}_DIR='{d.dir}'")
    print("READY=1", flush=True)
    sys.stdin.read()
finally:
    stop()
