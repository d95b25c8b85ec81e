#!/usr/bin/env bash
# Installs everything Virt needs on Debian 12 (run as root); safe to run again.
#   - Debian packages: QEMU, libvirt's client tools and python3-libvirt and Ansible (the real
#     clients virtd serves, and the reference for tests), the guest's tools
#   - the .NET build of Virt (ReadyToRun) in /opt/virt: `virt` on PATH as /usr/local/bin/virt,
#     the daemon as /usr/local/sbin/virtd, started (scripts/virtd.sh) on /run/virt/virtd-sock
#   - the example guest (examples/guest/build.sh) in /var/lib/virt/guest
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")/.."

log() { echo "setup: $*" >&2; }
[[ $(id -u) -eq 0 ]] || { log "error: run as root (apt-get, /usr/local/bin, /var/lib/virt)"; exit 1; }

PACKAGES=(qemu-system-x86 qemu-utils libvirt0 libvirt-clients python3-libvirt busybox-static cpio
  xz-utils binutils libxml2-utils ca-certificates ansible tmux)
missing=()
for p in "${PACKAGES[@]}"; do
  [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  log "installing the .NET 10 SDK"
  apt-get install -y -qq dotnet-sdk-10.0 >/dev/null 2>&1 || {
    log "error: the .NET 10 SDK is missing and no package source offers dotnet-sdk-10.0;"
    log "       install it from https://dotnet.microsoft.com/download and run this again"
    exit 1
  }
fi

log "building the example guest"
examples/guest/build.sh >/dev/null

log "building virt and virtd (Release, ReadyToRun)"
dotnet publish src/Virt.Cli/Virt.Cli.csproj -c Release -o /opt/virt --nologo -v quiet >/dev/null
dotnet publish src/Virt.Daemon/Virt.Daemon.csproj -c Release -o /opt/virt --nologo -v quiet >/dev/null
ln -sf /opt/virt/virt /usr/local/bin/virt
ln -sf /opt/virt/virtd /usr/local/sbin/virtd
mkdir -p /etc/virt /var/log/virt
# Hosts with systemd get the unit; these machines have none, so the script starts the daemon.
if [[ -d /etc/systemd/system ]]; then install -m 0644 src/Virt.Daemon/virtd.service /etc/systemd/system/virtd.service; fi
# Restart so a rebuilt virtd serves; running VMs are not affected (they outlive the daemon).
VIRTD=/usr/local/sbin/virtd scripts/virtd.sh restart
log "ready: $(command -v virt), $(command -v virtd) on /run/virt/virtd-sock"
