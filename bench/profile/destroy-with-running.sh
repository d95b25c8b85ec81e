#!/usr/bin/env bash
# How long one `virsh destroy` takes while K other guests run, with the runtime's thread-pool defaults and
# with more threads up front (DOTNET_ThreadPool_ForceMinWorkerThreads): if the second is fast, blocked
# thread-pool threads (ExitWatcher's and KillAsync's Task.Run(() => poll(pidfd, 50 ms)) loops) starve the
# daemon's async work.
#   bench/profile/destroy-with-running.sh [VIRTD] [K]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
virtd=${1:-/var/tmp/virt-bench/build/virtd/virtd}
k=${2:-10}
work=$(mktemp -d /var/tmp/virt-bench/dwr-XXXXXX)
pid=
cleanup() {
  [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null
  for q in $(pgrep -f "qemu-system.*$work" || true); do kill -KILL "$q" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
for i in $(seq 0 "$k"); do
  sed -e "s|<name>tiny</name>|<name>w-$i</name>|" -e "s|/var/log/virt/tiny-console.log|$work/w-$i.log|" \
    "$here/../../examples/tiny.xml" >"$work/w-$i.xml"
done
for knobs in "" "DOTNET_ThreadPool_ForceMinWorkerThreads=64"; do
  d=$work/d; rm -rf "$d"; mkdir -p "$d/s"
  env $knobs "$virtd" --foreground --socket-dir "$d/s" --root "$d/r" >"$d/log" 2>&1 &
  pid=$!
  uri="qemu+unix:///system?socket=$d/s/virtd-sock"
  for _ in $(seq 100); do [[ -S $d/s/virtd-sock ]] && break; sleep 0.05; done
  for i in $(seq 0 "$k"); do virsh -q -c "$uri" define "$work/w-$i.xml" >/dev/null; done
  for i in $(seq 1 "$k"); do virsh -q -c "$uri" start "w-$i" >/dev/null; done
  virsh -q -c "$uri" start w-0 >/dev/null
  sleep 2
  threads=$(ls "/proc/$pid/task" | wc -l)
  t0=$(date +%s%N); virsh -q -c "$uri" destroy w-0 >/dev/null; t1=$(date +%s%N)
  t2=$(date +%s%N); virsh -q -c "$uri" dominfo w-1 >/dev/null; t3=$(date +%s%N)
  printf "%-45s %2d running, %3d threads: destroy %6d ms, dominfo %5d ms\n" "${knobs:-(defaults)}" "$k" "$threads" \
    $(((t1 - t0) / 1000000)) $(((t3 - t2) / 1000000))
  for i in $(seq 1 "$k"); do virsh -q -c "$uri" destroy "w-$i" >/dev/null; done
  kill -TERM $pid; wait $pid 2>/dev/null || true; pid=
done
