#!/usr/bin/python3
"""python3-libvirt loop: N × (lookupByName + info) on one connection; prints the loop's seconds.
   pyloop.py URI NAME N"""
import sys
import time

import libvirt

uri, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
conn = libvirt.open(uri)
conn.lookupByName(name).info()  # warm-up: the connection is open, the domain exists
t0 = time.perf_counter()
for _ in range(n):
    conn.lookupByName(name).info()
dt = time.perf_counter() - t0
conn.close()
print(f"{dt:.6f}")
