#!/usr/bin/env bash
# Thread-pool starvation check: K concurrent starts, a wave of K no-op calls (domstate) and K concurrent
# destroys (concurrent_timeline.py) against a fresh virtd, once with the runtime's defaults and once with
# many thread-pool threads up front. If the second run's waves are much faster and no longer bunch up,
# blocked thread-pool threads (ExitWatcher/KillAsync: Task.Run(() => poll(pidfd, 50 ms)) per running QEMU)
# are what delays the daemon's async work.
#   bench/profile/threadpool.sh [VIRTD] [K]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
virtd=${1:-/var/tmp/virt-bench/build/virtd/virtd}
k=${2:-10}
for knobs in "" "DOTNET_ThreadPool_ForceMinWorkerThreads=64"; do
  work=$(mktemp -d /var/tmp/virt-bench/tp-XXXXXX)
  coproc PAIR { exec /usr/bin/python3 "$here/pair.py" "$work" "$virtd" --only virt ${knobs:+--env "$knobs"}; }
  while read -r line <&"${PAIR[0]}"; do
    eval "$line"
    [[ $line == READY=1 ]] && break
  done
  echo "== ${knobs:-(defaults)}"
  /usr/bin/python3 "$here/concurrent_timeline.py" "$VD_URI" "$work/xml" "$k"
  kill -TERM "$PAIR_PID"; wait "$PAIR_PID" 2>/dev/null || true
  rm -rf "$work"
done
