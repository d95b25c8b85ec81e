#!/usr/bin/env bash
# Runs virtd in the background on machines without systemd (virtd.service is for those with it).
#   scripts/virtd.sh start [virtd options…]   start it unless it runs (virtd detaches itself and
#                                              returns once it answers on its socket)
#   scripts/virtd.sh stop                      SIGTERM, wait for it to exit (running VMs keep running)
#   scripts/virtd.sh restart [virtd options…]
#   scripts/virtd.sh status                    exit 0 when running, 3 when not (LSB)
# start and stop are idempotent. Settings from the environment:
#   VIRTD             the binary (default: /usr/local/sbin/virtd, else this checkout's build)
#   VIRTD_SOCKET_DIR  socket folder (default /run/virt as root, $XDG_RUNTIME_DIR/virt otherwise)
#   VIRTD_PID_FILE    pid file (default $VIRTD_SOCKET_DIR/virtd.pid)
# Clients then use:  virsh -c "qemu+unix:///system?socket=$VIRTD_SOCKET_DIR/virtd-sock" …
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "virtd.sh: $*" >&2; }

find_virtd() {
  if [[ -n ${VIRTD:-} ]]; then echo "$VIRTD"; return; fi
  local c
  for c in /usr/local/sbin/virtd "$here"/src/Virt.Daemon/bin/Release/net10.0/virtd "$here"/src/Virt.Daemon/bin/Debug/net10.0/virtd; do
    if [[ -x $c ]]; then echo "$c"; return; fi
  done
  log "error: virtd not found; run scripts/setup.sh (or set VIRTD)"
  exit 1
}

if [[ $(id -u) -eq 0 ]]; then
  socket_dir=${VIRTD_SOCKET_DIR:-/run/virt}
else
  socket_dir=${VIRTD_SOCKET_DIR:-${XDG_RUNTIME_DIR:-$HOME/.cache}/virt}
fi
pid_file=${VIRTD_PID_FILE:-$socket_dir/virtd.pid}

running_pid() {
  local pid
  [[ -r $pid_file ]] || return 1
  pid=$(tr -dc '0-9' <"$pid_file")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid is not ours: the process must be a virtd.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q virtd || return 1
  echo "$pid"
}

start() {
  local pid virtd
  if pid=$(running_pid); then
    log "virtd is already running (pid $pid)"
    return 0
  fi
  virtd=$(find_virtd) || return 1
  "$virtd" --socket-dir "$socket_dir" --pid-file "$pid_file" "$@"
  pid=$(running_pid) || { log "error: virtd did not start"; return 1; }
  log "virtd started (pid $pid); socket $socket_dir/virtd-sock"
}

stop() {
  local pid i
  if ! pid=$(running_pid); then
    log "virtd is not running"
    return 0
  fi
  kill -TERM "$pid"
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || { log "virtd stopped"; return 0; }
    sleep 0.1
  done
  log "virtd (pid $pid) did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "virtd is running (pid $pid), socket $socket_dir/virtd-sock"
  else
    echo "virtd is not running"
    return 3
  fi
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
  start) start "$@" ;;
  stop) stop ;;
  restart) stop; start "$@" ;;
  status) status ;;
  *) echo "usage: $0 start|stop|restart|status [virtd options...]" >&2; exit 2 ;;
esac
