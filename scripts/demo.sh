#!/usr/bin/env bash
# The main job: set up, then define the example domain, boot it, show its serial console until
# the guest is up, list it, shut it down gracefully and undefine it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

NAME=tiny
CONSOLE_LOG=/var/log/virt/tiny-console.log
TIMEOUT=${VIRT_DEMO_TIMEOUT:-120}

# A previous run that was interrupted may have left the domain behind.
if virt domstate "$NAME" >/dev/null 2>&1; then
  [[ $(virt domstate "$NAME") == "shut off" ]] || virt destroy "$NAME"
  virt undefine "$NAME"
fi

set -x
virt define examples/tiny.xml
virt start "$NAME"
{ set +x; } 2>/dev/null

echo "--- serial console of $NAME (until the guest is up) ---"
# Follow the console log live and stop at the guest's ready marker.
if ! timeout "$TIMEOUT" sed '/VIRT-GUEST-READY/q' < <(tail -n +1 -F "$CONSOLE_LOG" 2>/dev/null); then
  echo "error: the guest did not come up within ${TIMEOUT}s" >&2
  exit 1
fi
echo "--- end of console ---"

set -x
virt list
virt shutdown "$NAME"
{ set +x; } 2>/dev/null
for ((i = 0; i < 300; i++)); do
  [[ $(virt domstate "$NAME") == "shut off" ]] && break
  sleep 0.1
done
set -x
virt domstate --reason "$NAME"
virt list --all
virt undefine "$NAME"
