#!/usr/bin/python3
"""Drives `virsh console` through a pseudo-terminal, as a person would.

Usage: console.py URI DOMAIN MARKER
Attaches, runs `virsh resume DOMAIN` (the domain was started paused, so the whole boot is seen on
the console), waits for MARKER, types a command and waits for its answer, then presses Ctrl+]
(byte 0x1d). Prints ATTACHED, MARKER, ECHO and "EXIT <status>" lines as it goes, and everything the
console showed after "OUTPUT". Exit status 0 only when every step happened.
"""
import os
import pty
import select
import subprocess
import sys
import time

uri, domain, marker = sys.argv[1:4]
TIMEOUT = 180

pid, fd = pty.fork()
if pid == 0:
    os.environ["LC_ALL"] = "C.UTF-8"
    os.execvp("virsh", ["virsh", "-c", uri, "console", domain])

seen = b""


def wait_for(token, timeout=TIMEOUT):
    global seen
    end = time.time() + timeout
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:
            return False
        if not data:
            return False
        seen += data
        if token in seen:
            return True
    return False


ok = True
if wait_for(b"Escape character is ^]"):
    print("ATTACHED", flush=True)
    resumed = subprocess.run(["virsh", "-c", uri, "resume", domain], capture_output=True, text=True)
    print("RESUME", resumed.returncode, resumed.stdout.strip(), resumed.stderr.strip(), flush=True)
    if wait_for(marker.encode()):
        print("MARKER", flush=True)
        os.write(fd, b"\r")
        time.sleep(0.5)
        os.write(fd, b"echo typed-$((6*7))\r")
        if wait_for(b"typed-42"):
            print("ECHO", flush=True)
        else:
            ok = False
    else:
        ok = False
else:
    ok = False

os.write(fd, b"\x1d")  # Ctrl+]: virsh ends the console session
deadline = time.time() + 60
status = None
while time.time() < deadline:
    wpid, st = os.waitpid(pid, os.WNOHANG)
    if wpid:
        status = os.waitstatus_to_exitcode(st)
        break
    try:
        select.select([fd], [], [], 0.2)
        os.read(fd, 4096)
    except OSError:
        pass
if status is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print("EXIT", status, flush=True)
print("OUTPUT")
print(seen.decode("utf-8", "replace"))
sys.exit(0 if ok and status == 0 else 1)
