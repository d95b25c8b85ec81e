#!/usr/bin/python3
"""Per-call latency of single RPCs through python3-libvirt (one connection, N calls each), and of a whole
connection set-up + tear-down, against one daemon: splits a virsh invocation's daemon time into
"connect" and "per call".

  rpc_latency.py URI DOMAIN [N]        prints one line per call kind: name, mean µs, median µs
"""
import statistics
import sys
import time

import libvirt

uri, name = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 2000


def bench(label, fn, count):
    for _ in range(min(200, count)):
        fn()
    samples = []
    for _ in range(count):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    print(f"{label}\t{statistics.mean(samples) * 1e6:.1f}\t{statistics.median(samples) * 1e6:.1f}")


def connect_close():
    libvirt.open(uri).close()


conn = libvirt.open(uri)
dom = conn.lookupByName(name)
bench("open+close (AUTH_LIST, CONNECT_OPEN, 3×SUPPORTS_FEATURE, REGISTER_CLOSE_CB…, CLOSE)", connect_close, n // 4)
bench("getLibVersion (CONNECT_GET_LIB_VERSION: no driver work)", conn.getLibVersion, n)
bench("lookupByName (DOMAIN_LOOKUP_BY_NAME)", lambda: conn.lookupByName(name), n)
bench("info (DOMAIN_GET_INFO)", dom.info, n)
bench("state (DOMAIN_GET_STATE)", dom.state, n)
bench("XMLDesc (DOMAIN_GET_XML_DESC)", lambda: dom.XMLDesc(0), n)
bench("listAllDomains (CONNECT_LIST_ALL_DOMAINS)", lambda: conn.listAllDomains(0), n)
conn.close()
