#!/usr/bin/python3
"""Side-by-side benchmark: the same real clients (virsh 9.0, python3-libvirt 9.0, Ansible's
community.libvirt) against Debian's libvirtd 9.0 and against virtd, scenario by scenario.

Run through bench/run, which installs and builds what this needs. Direct use:
  /usr/bin/python3 bench/sxs/sxs.py --virtd PATH --workdir DIR --json OUT.json --markdown OUT.md [options]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import traceback

import libvirt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemons import Libvirtd, Virtd, alive, read_status_kib  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VIRSH = "/usr/bin/virsh"
READY = b"VIRT-GUEST-READY"
POWERED_DOWN = b"reboot: Power down"
ENV = {k: v for k, v in os.environ.items() if k not in ("LIBVIRT_DEFAULT_URI", "VIRSH_DEFAULT_CONNECT_URI")}
ENV["LC_ALL"] = "C.UTF-8"


def log(msg):
    print(f"sxs: {msg}", file=sys.stderr, flush=True)


# ---- domain XML ---------------------------------------------------------------------------------

def guest_xml(name, console_log):
    """examples/tiny.xml (TCG, q35, the example guest) under another name, logging its console to console_log."""
    with open(os.path.join(REPO, "examples", "tiny.xml")) as f:
        xml = f.read()
    xml = re.sub(r"<!--.*?-->\s*", "", xml, flags=re.S)
    xml = xml.replace("<name>tiny</name>", f"<name>{name}</name>")
    xml = re.sub(r"<log file='[^']*'", f"<log file='{console_log}'", xml)
    guest_dir = os.environ.get("VIRT_GUEST_DIR")
    if guest_dir:
        xml = xml.replace("/var/lib/virt/guest", guest_dir)
    return xml


# ---- running clients --------------------------------------------------------------------------

class ClientError(RuntimeError):
    pass


def virsh(d, *args, stdin=None, check=True):
    """Runs the real virsh against daemon d; returns (seconds, stdout)."""
    cmd = [VIRSH, "-q", "-c", d.uri, *args]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, input=stdin, capture_output=True, env=ENV)
    dt = time.perf_counter() - t0
    out = p.stdout.decode(errors="replace")
    if check and (p.returncode != 0 or b"error:" in p.stderr):
        raise ClientError(f"{' '.join(args)[:80]} on {d.label}: rc={p.returncode}: {p.stderr.decode(errors='replace').strip()[:400]}")
    return dt, out


def wait_for(pred, timeout, interval=0.002):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    return None


def file_has(path, marker):
    try:
        with open(path, "rb") as f:
            return marker in f.read()
    except OSError:
        return False


# ---- results ----------------------------------------------------------------------------------

class Results:
    def __init__(self):
        self.rows = {}      # key -> {"title", "unit", "samples": {label: [..]}, "target", "note"}
        self.order = []
        self.failures = []  # (scenario, daemon, message)
        self.facts = {}

    def add(self, key, title, unit, label, value, target=None, lower_is_better=True):
        row = self.rows.get(key)
        if row is None:
            row = {"title": title, "unit": unit, "samples": {}, "target": target, "lower_is_better": lower_is_better}
            self.rows[key] = row
            self.order.append(key)
        row["samples"].setdefault(label, []).append(value)

    def fail(self, scenario, label, message):
        log(f"FAILED {scenario} on {label}: {message}")
        self.failures.append({"scenario": scenario, "daemon": label, "message": message})


def stats(xs):
    return (min(xs), statistics.median(xs), max(xs)) if xs else None


# ---- scenarios ----------------------------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.args = args
        self.work = args.workdir
        os.makedirs(os.path.join(self.work, "xml"), exist_ok=True)
        self.res = Results()
        self.libvirt = Libvirtd(self.work)
        self.virt = Virtd(self.work, args.virtd)
        self.daemons = [self.libvirt, self.virt]
        self.conns = {}

    # helpers
    def pairs(self, rep):
        """Both daemons, alternating which goes first, so drift in the machine's load hits both alike."""
        return self.daemons if rep % 2 == 0 else list(reversed(self.daemons))

    def xml_file(self, d, name):
        path = os.path.join(self.work, "xml", f"{d.label}-{name}.xml")
        os.makedirs(os.path.dirname(self.console(d, name)), exist_ok=True)
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.write(guest_xml(name, self.console(d, name)))
        return path

    def console(self, d, name):
        return os.path.join(d.dir, "console", f"{name}.log")

    def conn(self, d):
        c = self.conns.get(d.label)
        if c is None:
            c = libvirt.open(d.uri)
            self.conns[d.label] = c
        return c

    def state(self, d, name):
        return self.conn(d).lookupByName(name).state()[0]

    def close_conns(self):
        for c in self.conns.values():
            try:
                c.close()
            except libvirt.libvirtError:
                pass
        self.conns = {}

    def scenario(self, name):
        return self.args.scenarios is None or name in self.args.scenarios

    def guarded(self, name, fn):
        if not self.scenario(name):
            return
        log(f"scenario {name}")
        t0 = time.monotonic()
        try:
            fn()
        except Exception as e:  # one scenario failing must not lose the others
            self.res.fail(name, "-", f"{type(e).__name__}: {e}")
            traceback.print_exc()
        log(f"scenario {name} took {time.monotonic() - t0:.0f} s")

    # --- 0: cold start, idle memory ----------------------------------------------------------------
    def cold_start(self):
        for rep in range(self.args.cold_reps):
            for d in self.pairs(rep):
                d.dir = os.path.join(self.work, f"cold{rep}-{d.label}")
                try:
                    dt, dt_caps = d.start(fresh=True)
                    self.res.add("cold", "daemon cold start (empty state and caches) → first answer "
                                 "(connect + `listAllDomains`)", "s", d.label, dt, target=("abs", 0.3, "virt"))
                    self.res.add("cold_caps", "daemon cold start → QEMU probed (connect + `getVersion` answered)",
                                 "s", d.label, dt_caps)
                    time.sleep(2.0)
                    rss = d.rss_kib()
                    self.res.add("rss_fresh", "RSS just after start (first answer + 2 s), all daemon processes", "MiB",
                                 d.label, sum(rss.values()) / 1024)
                    d.stop()
                    # the same state again: caches warm, nothing defined
                    dt2, _ = d.start(fresh=False)
                    self.res.add("warm", "daemon restart (state and caches kept) → first answer", "s", d.label, dt2)
                finally:
                    d.stop()

    def start_main(self):
        for d in self.daemons:
            d.dir = os.path.join(self.work, f"main-{d.label}")
            dt, dt_caps = d.start(fresh=True)
            log(f"{d.label} answers on {d.socket} after {dt:.2f} s (QEMU probed after {dt_caps:.2f} s)")
        # a few calls (one define/undefine: the first define loads what a define needs), then idle
        for d in self.daemons:
            virsh(d, "define", self.xml_file(d, "bench-warmup"))
            virsh(d, "undefine", "bench-warmup")
            for _ in range(3):
                virsh(d, "list", "--all")
        time.sleep(3.0)
        for d in self.daemons:
            rss = d.rss_kib()
            self.res.facts[f"idle_rss_{d.label}"] = rss
            self.res.add("rss_idle", "idle RSS: libvirtd + virtlogd vs virtd (after a few calls, 3 s idle)", "MiB",
                         d.label, sum(rss.values()) / 1024, target=("le", 1.0))

    # --- 1: one domain -----------------------------------------------------------------------------
    def one_domain(self):
        ops = [("define", "define"), ("dominfo", "dominfo"), ("dumpxml", "dumpxml"), ("list", "list --all"),
               ("undefine", "undefine")]
        for rep in range(self.args.reps):
            for d in self.pairs(rep):
                xml = self.xml_file(d, "bench-one")
                for key, title in ops:
                    args = {"define": ["define", xml], "dominfo": ["dominfo", "bench-one"],
                            "dumpxml": ["dumpxml", "bench-one"], "list": ["list", "--all"],
                            "undefine": ["undefine", "bench-one"]}[key]
                    dt, _ = virsh(d, *args)
                    self.res.add(f"one_{key}", f"`virsh {title}` (1 domain defined)", "ms", d.label, dt * 1000,
                                 target=("le", 1.0))

    # --- 2: life cycle of one guest -------------------------------------------------------------------
    def boot(self, d, name):
        dt, _ = virsh(d, "start", name)
        if self.state(d, name) != libvirt.VIR_DOMAIN_RUNNING:
            raise ClientError(f"{name} not running after start on {d.label}")
        if not wait_for(lambda: file_has(self.console(d, name), READY), 120, 0.02):
            raise ClientError(f"{name} on {d.label}: no {READY.decode()} on the console within 120 s")
        return dt

    def lifecycle(self):
        name = "bench-life"
        for d in self.daemons:
            virsh(d, "define", self.xml_file(d, name))
        for rep in range(self.args.life_reps):
            for d in self.pairs(rep):
                # start → running; destroy of the booted guest
                dt = self.boot(d, name)
                self.res.add("start", "`virsh start` → returns with the VM running (TCG guest)", "ms", d.label, dt * 1000,
                             target=("le", 0.5))
                time.sleep(0.2)
                qpid = d.qemu_pid(name)
                dt, _ = virsh(d, "destroy", name)
                st = self.state(d, name)
                if st != libvirt.VIR_DOMAIN_SHUTOFF:
                    raise ClientError(f"state {st} after destroy on {d.label}")
                if qpid and alive(qpid):
                    self.res.fail("destroy", d.label, "QEMU still alive after destroy returned")
                self.res.add("destroy", "`virsh destroy` of the running (booted) guest", "ms", d.label, dt * 1000,
                             target=("le", 0.1))
                # start, boot, then graceful shutdown: the guest powers off, the daemon reports shut off
                self.boot(d, name)
                time.sleep(0.2)
                con = self.console(d, name)
                c = self.conn(d)
                dom = c.lookupByName(name)
                t0 = time.perf_counter()
                t_ret = [None]

                def run_shutdown():
                    virsh(d, "shutdown", name)
                    t_ret[0] = time.perf_counter()
                th = threading.Thread(target=run_shutdown)
                th.start()
                t_pd = None
                t_off = None
                deadline = t0 + 60
                while time.perf_counter() < deadline:
                    if t_pd is None and file_has(con, POWERED_DOWN):
                        t_pd = time.perf_counter()
                    if dom.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF:
                        t_off = time.perf_counter()
                        break
                    time.sleep(0.002)
                th.join()
                if t_off is None:
                    raise ClientError(f"{name} on {d.label} not shut off 60 s after shutdown")
                self.res.add("shutdown", "`virsh shutdown` → guest powers off → state shut off", "ms", d.label,
                             (t_off - t0) * 1000, target=("le", 0.1))
                if t_pd is not None:
                    self.res.add("poweroff", "guest's \"reboot: Power down\" on the console → state shut off", "ms",
                                 d.label, max(0.0, t_off - t_pd) * 1000, target=("le", 0.1))
                self.res.add("shutdown_call", "`virsh shutdown` returns (ACPI button pressed)", "ms", d.label,
                             (t_ret[0] - t0) * 1000)
                time.sleep(0.2)

    # --- 3: virt list vs virsh list ------------------------------------------------------------------------
    def cli(self):
        virt = self.args.virt
        if not virt or not os.path.exists(virt):
            self.res.fail("cli", "Virt", f"no virt CLI at {virt!r}")
            return
        # Can virt talk to virtd? (remote URIs come after the embed driver); else read virtd's own root in-process.
        p = subprocess.run([virt, "-c", self.virt.uri, "list", "--all"], capture_output=True, env=ENV)
        if p.returncode == 0:
            virt_uri, how = self.virt.uri, "virtd's socket"
        else:
            virt_uri, how = f"qemu:///embed?root={self.virt.root}", "embed URI on virtd's root (no remote URI support yet)"
        self.res.facts["virt_list_uri"] = how
        for d in self.daemons:
            virsh(d, "define", self.xml_file(d, "bench-cli"))
        for rep in range(self.args.reps):
            for d in self.pairs(rep):
                dt, _ = virsh(d, "list", "--all")
                self.res.add("cli_virsh", "`virsh list --all` (1 domain; each against its daemon)", "ms", d.label, dt * 1000)
            t0 = time.perf_counter()
            p = subprocess.run([virt, "-c", virt_uri, "list", "--all"], capture_output=True, env=ENV)
            dt = time.perf_counter() - t0
            if p.returncode != 0 or b"bench-cli" not in p.stdout:
                raise ClientError(f"virt list failed: {p.stderr.decode(errors='replace')[:300]}")
            self.res.add("cli_virt", f"`virt list --all` ({how}) vs `virsh list --all` against libvirtd", "ms",
                         "Virt", dt * 1000, target=("le", 1.5))
        # ratio target compares virt to virsh→libvirtd
        self.res.rows["cli_virt"]["samples"]["libvirt"] = list(self.res.rows["cli_virsh"]["samples"]["libvirt"])
        for d in self.daemons:
            virsh(d, "undefine", "bench-cli")

    # --- 4: python3-libvirt loop ------------------------------------------------------------------------------
    def pyloop(self):
        n = self.args.py_calls
        for d in self.daemons:
            virsh(d, "define", self.xml_file(d, "bench-py"))
        for rep in range(self.args.py_reps):
            for d in self.pairs(rep):
                p = subprocess.run(["/usr/bin/python3", os.path.join(os.path.dirname(__file__), "pyloop.py"), d.uri,
                                    "bench-py", str(n)], capture_output=True, env=ENV, check=False)
                if p.returncode != 0:
                    raise ClientError(f"pyloop on {d.label}: {p.stderr.decode(errors='replace')[-400:]}")
                secs = float(p.stdout.decode().strip())
                self.res.add("pyloop", f"python3-libvirt: {n:,} × (lookupByName + info), one connection", "s",
                             d.label, secs, target=("le", 1.0))
        for d in self.daemons:
            virsh(d, "undefine", "bench-py")

    # --- 5: Ansible ----------------------------------------------------------------------------------------------
    def ansible(self):
        playbook = os.path.join(REPO, "examples", "ansible", "tiny.yml")
        inventory = os.path.join(REPO, "examples", "ansible", "inventory.ini")
        if not os.path.exists(playbook):
            playbook = os.path.join(os.path.dirname(__file__), "ansible-smoke.yml")
            inventory = os.path.join(os.path.dirname(__file__), "inventory.ini")
        self.res.facts["ansible_playbook"] = os.path.relpath(playbook, REPO)
        for rep in range(self.args.ansible_reps):
            for d in self.pairs(rep):
                xml = self.xml_file(d, "bench-ansible")
                env = dict(ENV, ANSIBLE_NOCOLOR="1", ANSIBLE_STDOUT_CALLBACK="default",
                           ANSIBLE_LOCAL_TEMP=os.path.join(self.work, "ansible-tmp"),
                           ANSIBLE_REMOTE_TEMP=os.path.join(self.work, "ansible-tmp"))
                t0 = time.perf_counter()
                p = subprocess.run(["ansible-playbook", "-i", inventory, playbook, "-e", f"virtd_socket={d.socket}",
                                    "-e", f"domain_xml={xml}"], capture_output=True, env=env)
                dt = time.perf_counter() - t0
                if p.returncode != 0:
                    out = (p.stdout + p.stderr).decode(errors="replace")
                    self.res.fail("ansible", d.label, f"playbook failed (rc={p.returncode}): " + out[-1500:])
                    subprocess.run([VIRSH, "-q", "-c", d.uri, "destroy", "bench-ansible"], capture_output=True)
                    subprocess.run([VIRSH, "-q", "-c", d.uri, "undefine", "bench-ansible"], capture_output=True)
                    continue
                self.res.add("ansible", f"Ansible playbook `{self.res.facts['ansible_playbook']}` (define, start, "
                             "destroy, undefine, 18 tasks)", "s", d.label, dt, target=("le", 0.7))
                # Ansible's own cost: the same number of community.libvirt.virt tasks, each only a `virttype`
                floor = os.path.join(REPO, "bench", "profile", "ansible-floor.yml")
                t0 = time.perf_counter()
                p = subprocess.run(["ansible-playbook", "-i", inventory, floor, "-e", f"virtd_socket={d.socket}"],
                                   capture_output=True, env=env)
                dt = time.perf_counter() - t0
                if p.returncode == 0:
                    self.res.add("ansible_floor", "Ansible's floor: 18 `community.libvirt.virt` tasks doing only "
                                 "`virttype` (bench/profile/ansible-floor.yml)", "s", d.label, dt)

    # --- 6: 1000 domains ----------------------------------------------------------------------------------------
    def many(self):
        n = self.args.domains
        names = [f"bench-{i:04d}" for i in range(n)]
        for d in self.daemons:
            for nm in names:
                self.xml_file(d, nm)
        define_in = {d.label: "".join(f"define {self.xml_file(d, nm)}\n" for nm in names).encode() for d in self.daemons}
        undefine_in = "".join(f"undefine {nm}\n" for nm in names).encode()
        for rep in range(self.args.many_reps):
            for d in self.pairs(rep):
                dt, _ = virsh(d, stdin=define_in[d.label])
                self.res.add("many_define", f"define {n} domains (one virsh reading {n} `define` commands)",
                             "domains/s", d.label, n / dt, lower_is_better=False)
            if rep == 0:
                for d in self.daemons:
                    _, out = virsh(d, "list", "--all", "--name")
                    if len(set(out.split()) & set(names)) != n:
                        raise ClientError(f"{d.label} lists the wrong number of domains")
                for r in range(self.args.many_list_reps):
                    for d in self.pairs(r):
                        dt, _ = virsh(d, "list", "--all")
                        self.res.add("many_list", f"`virsh list --all`, {n} defined", "ms", d.label, dt * 1000,
                                     target=("le", 0.5))
                        dt, _ = virsh(d, "list", "--all", "--name")
                        self.res.add("many_list_name", f"`virsh list --all --name`, {n} defined", "ms", d.label,
                                     dt * 1000, target=("le", 1.0))
                        dt, _ = virsh(d, "dominfo", names[n // 2])
                        self.res.add("many_dominfo", f"`virsh dominfo`, {n} defined", "ms", d.label, dt * 1000,
                                     target=("le", 1.0))
                time.sleep(2.0)
                for d in self.daemons:
                    self.res.add("rss_many", f"RSS with {n} defined (idle)", "MiB", d.label,
                                 sum(d.rss_kib().values()) / 1024)
                # RSS with the same domains and some of them running (started at once, timed for information)
                k = self.args.concurrent
                for d in self.daemons:
                    dt = self.run_all(d, "start", names[:k])
                    self.res.add("many_conc_start", f"{k} × `virsh start` at once, {n} defined", "s", d.label, dt)
                    time.sleep(3.0)
                    self.res.add("rss_running", f"RSS with {n} defined and {k} running", "MiB", d.label,
                                 sum(d.rss_kib().values()) / 1024)
                    dt = self.run_all(d, "destroy", names[:k])
                    self.res.add("many_conc_destroy", f"{k} × `virsh destroy` at once, {n} defined", "s", d.label, dt)
            for d in self.pairs(rep):
                dt, _ = virsh(d, stdin=undefine_in)
                self.res.add("many_undefine", f"undefine {n} domains (one virsh reading {n} `undefine` commands)",
                             "domains/s", d.label, n / dt, lower_is_better=False)

    def run_all(self, d, verb, names):
        """Runs one virsh per domain, all at once; returns seconds until the last one returned."""
        t0 = time.perf_counter()
        procs = [subprocess.Popen([VIRSH, "-q", "-c", d.uri, verb, nm], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=ENV) for nm in names]
        errs = [(p.wait(), p.stderr.read()) for p in procs]
        dt = time.perf_counter() - t0
        bad = [e for rc, e in errs if rc != 0]
        if bad:
            raise ClientError(f"{verb} ×{len(names)} on {d.label}: {bad[0].decode(errors='replace')[:300]}")
        want = libvirt.VIR_DOMAIN_RUNNING if verb == "start" else libvirt.VIR_DOMAIN_SHUTOFF
        c = self.conn(d)
        states = [c.lookupByName(nm).state()[0] for nm in names]
        if any(s != want for s in states):
            raise ClientError(f"after {verb} ×{len(names)} on {d.label}: states {states}")
        return dt

    def concurrent(self):
        """k guests defined (nothing else), all started at once, then all destroyed at once."""
        k = self.args.concurrent
        names = [f"bench-c{i:02d}" for i in range(k)]
        for d in self.daemons:
            for nm in names:
                virsh(d, "define", self.xml_file(d, nm))
        for rep in range(self.args.concurrent_reps):
            for d in self.pairs(rep):
                dt = self.run_all(d, "start", names)
                self.res.add("conc_start", f"{k} × `virsh start` at once → all returned, all running", "s", d.label, dt,
                             target=("le", 0.5))
                time.sleep(3.0)
                dt = self.run_all(d, "destroy", names)
                self.res.add("conc_destroy", f"{k} × `virsh destroy` at once → all returned, all shut off", "s", d.label,
                             dt, target=("le", 0.1))
                time.sleep(0.5)
        for d in self.daemons:
            for nm in names:
                virsh(d, "undefine", nm)

    # --- driver ----------------------------------------------------------------------------------------------------
    def run(self):
        try:
            self.guarded("cold", self.cold_start)
            self.start_main()
            self.guarded("one", self.one_domain)
            self.guarded("life", self.lifecycle)
            self.guarded("cli", self.cli)
            self.guarded("python", self.pyloop)
            self.guarded("ansible", self.ansible)
            self.guarded("concurrent", self.concurrent)
            self.guarded("many", self.many)
        finally:
            self.close_conns()
            for d in self.daemons:
                try:
                    d.stop()
                except Exception as e:  # noqa: BLE001
                    log(f"stopping {d.label}: {e}")
        return self.res


# ---- report ---------------------------------------------------------------------------------------------

def fmt(x):
    if x is None:
        return "–"
    a = abs(x)
    if a >= 100:
        return f"{x:,.0f}"
    if a >= 10:
        return f"{x:.1f}"
    if a >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def markdown(res, args):
    lines = []
    lines.append("| # | scenario | unit | libvirt 9.0 min / **median** / max | Virt min / **median** / max | Virt/libvirt (medians) | target | |")
    lines.append("|---|---|---|---|---|---:|---|---|")
    for i, key in enumerate(res.order, 1):
        row = res.rows[key]
        s = row["samples"]
        if "both" in s:
            continue
        lv, vt = stats(s.get("libvirt", [])), stats(s.get("Virt", []))
        cell = lambda st, n: "–" if st is None else f"{fmt(st[0])} / **{fmt(st[1])}** / {fmt(st[2])} (n={n})"  # noqa: E731
        ratio = None
        if lv and vt and lv[1] > 0:
            ratio = vt[1] / lv[1]
        tgt = row["target"]
        tgt_s, ok = "", ""
        if tgt:
            kind = tgt[0]
            if kind == "le":
                tgt_s = f"ratio ≤ {tgt[1]:g}"
                if ratio is not None:
                    ok = "met" if ratio <= tgt[1] else "**missed**"
            elif kind == "abs":
                tgt_s = f"Virt ≤ {tgt[1]:g} {row['unit']}"
                if vt:
                    ok = "met" if vt[1] <= tgt[1] else "**missed**"
        if not row["lower_is_better"] and ratio:
            ratio_s = f"{ratio:.2f}× (higher is better)"
        else:
            ratio_s = "–" if ratio is None else f"{ratio:.2f}"
        lines.append(f"| {i} | {row['title']} | {row['unit']} | {cell(lv, len(s.get('libvirt', [])))} | "
                     f"{cell(vt, len(s.get('Virt', [])))} | {ratio_s} | {tgt_s} | {ok} |")
    if res.failures:
        lines.append("")
        lines.append("Failures in this run:")
        for f in res.failures:
            msg = f["message"].replace("\n", " ")[:600]
            lines.append(f"- {f['scenario']} ({f['daemon']}): {msg}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--virtd", required=True)
    ap.add_argument("--virt", default="")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--markdown", required=True)
    ap.add_argument("--reps", type=int, default=10, help="cheap per-invocation scenarios")
    ap.add_argument("--life-reps", type=int, default=5, help="start/destroy/shutdown of a booted guest")
    ap.add_argument("--cold-reps", type=int, default=3)
    ap.add_argument("--py-reps", type=int, default=3)
    ap.add_argument("--py-calls", type=int, default=10000)
    ap.add_argument("--ansible-reps", type=int, default=3)
    ap.add_argument("--domains", type=int, default=1000)
    ap.add_argument("--many-reps", type=int, default=3, help="define/undefine of all the domains")
    ap.add_argument("--many-list-reps", type=int, default=5, help="list/dominfo with all the domains defined")
    ap.add_argument("--concurrent", type=int, default=10)
    ap.add_argument("--concurrent-reps", type=int, default=3)
    ap.add_argument("--scenarios", type=lambda s: set(s.split(",")), default=None,
                    help="comma list of: cold,one,life,cli,python,ansible,many,concurrent")
    args = ap.parse_args()
    res = Bench(args).run()
    with open(args.json, "w") as f:
        json.dump({"rows": res.rows, "order": res.order, "failures": res.failures, "facts": res.facts}, f, indent=1)
    with open(args.markdown, "w") as f:
        f.write(markdown(res, args))
    sys.stdout.write(markdown(res, args))
    return 1 if res.failures else 0


if __name__ == "__main__":
    sys.exit(main())
