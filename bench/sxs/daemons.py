"""The two daemons under test, started side by side: Debian's libvirtd 9.0 (+ virtlogd) in a private
mount namespace (libvirt-ns.sh), and virtd. Each lives in a folder of its own under the run's work dir,
so nothing here touches the host's libvirt paths, /var/lib/virt/embed or another run."""

import os
import re
import shutil
import signal
import subprocess
import time

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))

# A failed libvirt.open() must not print to stderr while we poll for the first answer.
libvirt.registerErrorHandler(lambda _ctx, _err: None, None)


def read_status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def read_pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def alive(pid):
    """True while the process exists and is not a zombie (PID 1 here reaps orphans 1-2 s late)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def qemu_pids_matching(token):
    """QEMU processes whose command line mentions token (a path unique to one daemon's folder)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().decode(errors="replace")
        except OSError:
            continue
        if "qemu-system" in cmd and token in cmd:
            pids.append(int(entry))
    return pids


def wait_first_answer(uri, proc, timeout=120.0, interval=0.002):
    """Polls open() + listAllDomains() until the daemon answers; returns seconds since t0 is the caller's."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"daemon exited with {proc.returncode} before answering")
        try:
            conn = libvirt.open(uri)
        except libvirt.libvirtError:
            time.sleep(interval)
            continue
        try:
            conn.listAllDomains(0)
            return
        except libvirt.libvirtError:
            time.sleep(interval)
        finally:
            try:
                conn.close()
            except libvirt.libvirtError:
                pass
    raise TimeoutError(f"no answer on {uri} within {timeout} s")


class Daemon:
    label = ""

    def __init__(self, workdir, tag):
        self.dir = os.path.join(workdir, tag)
        self.proc = None
        self.log = None

    # --- to implement -----------------------------------------------------------------------------
    def spawn(self):
        raise NotImplementedError

    def daemon_pids(self):
        raise NotImplementedError

    def qemu_pid(self, name):
        raise NotImplementedError

    # --- common -----------------------------------------------------------------------------------
    @property
    def uri(self):
        return f"qemu+unix:///system?socket={self.socket}"

    def start(self, fresh=True):
        """Starts the daemon; returns seconds from spawn to its first answer (connect + listAllDomains), and
        to the answer of a call that needs the hypervisor's capabilities (getVersion: QEMU probed)."""
        if fresh and os.path.isdir(self.dir):
            shutil.rmtree(self.dir)
        os.makedirs(self.dir, exist_ok=True)
        t0 = time.monotonic()
        self.spawn()
        wait_first_answer(self.uri, self.proc)
        t_first = time.monotonic() - t0
        conn = libvirt.open(self.uri)
        try:
            conn.getVersion()
        finally:
            conn.close()
        return t_first, time.monotonic() - t0

    def rss_kib(self):
        return {pid_name: read_status_kib(pid, "VmRSS") for pid_name, pid in self.daemon_pids().items()}

    def pss_kib(self):
        return {pid_name: read_pss_kib(pid) for pid_name, pid in self.daemon_pids().items()}

    def kill_qemus(self):
        for pid in qemu_pids_matching(self.dir):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def stop(self):
        if self.proc is None:
            return
        pids = self.daemon_pids()
        for pid in pids.values():
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for pid in pids.values():
            for _ in range(300):
                if not alive(pid):
                    break
                time.sleep(0.01)
            else:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.kill_qemus()
        self.proc = None
        if self.log:
            self.log.close()
            self.log = None


class Libvirtd(Daemon):
    label = "libvirt"

    def __init__(self, workdir, tag="libvirt"):
        super().__init__(workdir, tag)

    @property
    def socket(self):
        return os.path.join(self.dir, "run", "libvirt-sock")

    def spawn(self):
        self.log = open(os.path.join(self.dir, "libvirtd.out"), "ab")
        self.proc = subprocess.Popen(
            ["unshare", "-m", "--propagation", "private", os.path.join(HERE, "libvirt-ns.sh"), self.dir],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def _virtlogd_pid(self):
        try:
            with open(os.path.join(self.dir, "virtlogd.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def daemon_pids(self):
        pids = {"libvirtd": self.proc.pid}
        vl = self._virtlogd_pid()
        if vl:
            pids["virtlogd"] = vl
        return pids

    def qemu_pid(self, name):
        try:
            with open(os.path.join(self.dir, "run", "qemu", f"{name}.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def kill_qemus(self):
        # libvirt passes log files as fds, so find its QEMUs by their pid files (and by the namespace
        # they share with libvirtd, for a QEMU whose pid file is already gone).
        pids = set()
        qdir = os.path.join(self.dir, "run", "qemu")
        if os.path.isdir(qdir):
            for f in os.listdir(qdir):
                if f.endswith(".pid"):
                    p = self.qemu_pid(f[:-4])
                    if p:
                        pids.add(p)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


class Virtd(Daemon):
    label = "Virt"

    def __init__(self, workdir, binary, tag="virtd"):
        super().__init__(workdir, tag)
        self.binary = binary

    @property
    def socket(self):
        return os.path.join(self.dir, "s", "virtd-sock")

    @property
    def root(self):
        return os.path.join(self.dir, "r")

    def spawn(self):
        self.log = open(os.path.join(self.dir, "virtd.out"), "ab")
        self.proc = subprocess.Popen(
            [self.binary, "--foreground", "--socket-dir", os.path.join(self.dir, "s"), "--root", self.root],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def daemon_pids(self):
        return {"virtd": self.proc.pid}

    def qemu_pid(self, name):
        try:
            with open(os.path.join(self.root, "run", "qemu", f"{name}.xml")) as f:
                m = re.search(r"<domstatus[^>]*\spid=['\"](\d+)['\"]", f.read())
                if m:
                    return int(m.group(1))
        except OSError:
            pass
        for pid in qemu_pids_matching(self.root):
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if f"guest={name},".encode() in f.read():
                    return pid
        return None
