#!/usr/bin/env bash
# virtd's memory under the runtime's GC settings (environment only; no rebuild): for each setting, a fresh
# virtd gets the same work as in bench/run — a few calls, then N domains defined through one virsh, then a
# python3-libvirt loop (500 lookup+info: each call costs O(N) today) — and its RSS (and anonymous part) is read after 3 s idle at each step.
#   bench/profile/rss-knobs.sh [VIRTD] [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
virtd=${1:-/var/tmp/virt-bench/build/virtd/virtd}
n=${2:-1000}
work=$(mktemp -d /var/tmp/virt-bench/rss-XXXXXX)
trap 'rm -rf "$work"' EXIT
guest_xml() { sed -e "s|<name>tiny</name>|<name>$1</name>|" -e "s|/var/log/virt/tiny-console.log|$work/$1.log|" \
  "$here/../../examples/tiny.xml"; }
for i in $(seq -f "%04g" 0 $((n - 1))); do guest_xml "r-$i" >"$work/r-$i.xml"; echo "define $work/r-$i.xml"; done >"$work/define.txt"

rss() { awk '/^Rss:/{r=$2} /^Anonymous:/{a=$2} END{printf "%6.1f MiB (anon %5.1f)", r/1024, a/1024}' "/proc/$1/smaps_rollup"; }

printf "%-58s | %-24s | %-24s | %-24s\n" "environment" "idle, after 3 calls" "+ $n defined" "+ 500 lookup+info"
for knobs in "" "DOTNET_GCgen0size=0x400000" "DOTNET_EnableWriteXorExecute=0" "DOTNET_TieredPGO=0" \
  "DOTNET_GCConserveMemory=7" "DOTNET_GCgen0size=0x400000 DOTNET_EnableWriteXorExecute=0 DOTNET_TieredPGO=0"; do
  d=$work/d; rm -rf "$d"; mkdir -p "$d/s"
  env $knobs "$virtd" --foreground --socket-dir "$d/s" --root "$d/r" >"$d/log" 2>&1 &
  pid=$!
  uri="qemu+unix:///system?socket=$d/s/virtd-sock"
  for _ in $(seq 100); do [[ -S $d/s/virtd-sock ]] && break; sleep 0.05; done
  for _ in 1 2 3; do virsh -q -c "$uri" list --all >/dev/null; done
  sleep 3; a=$(rss $pid)
  virsh -q -c "$uri" <"$work/define.txt" >/dev/null
  sleep 3; b=$(rss $pid)
  /usr/bin/python3 "$here/../sxs/pyloop.py" "$uri" r-0000 500 >/dev/null
  sleep 3; c=$(rss $pid)
  printf "%-58s | %-24s | %-24s | %-24s\n" "${knobs:-(defaults)}" "$a" "$b" "$c"
  kill -TERM $pid; wait $pid 2>/dev/null || true
done
