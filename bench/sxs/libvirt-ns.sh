#!/usr/bin/env bash
# Runs Debian's libvirtd 9.0 (+ virtlogd) with all its state in a folder of its own, inside a private
# mount namespace, so that it never touches (or sees) the host's /run/libvirt, /var/lib/libvirt,
# /etc/libvirt, /var/cache/libvirt or /var/log/libvirt, nor another libvirtd started the same way.
#
#   unshare -m --propagation private bench/sxs/libvirt-ns.sh DIR
#
# DIR gets etc/ run/ lib/ cache/ log/ (bound over /etc/libvirt, /run/libvirt, /var/lib/libvirt,
# /var/cache/libvirt, /var/log/libvirt in the namespace only) and virtlogd.pid. virtlogd is started in the
# background, then this script execs libvirtd in the foreground, so the caller's child *is* libvirtd.
# Clients outside the namespace use qemu+unix:///system?socket=DIR/run/libvirt-sock.
# A folder that does not exist on the host gets an overlay on its parent first (upper layer in
# DIR/ovl), so no mount point is ever created on the host.
set -euo pipefail

dir=${1:?usage: libvirt-ns.sh DIR}
dir=$(cd "$dir" && pwd)

# Refuse to run in the host's namespace: the mounts below must stay private.
if [[ $(readlink /proc/self/ns/mnt) == "$(readlink /proc/1/ns/mnt)" ]]; then
  echo "libvirt-ns.sh: run me under 'unshare -m --propagation private'" >&2
  exit 2
fi
mount --make-rprivate /

private() { # private HOST_PATH SUBDIR
  local target=$1 src=$dir/$2 parent name
  mkdir -p "$src"
  if [[ ! -d $target ]]; then
    parent=$(dirname "$target")
    name=$(basename "$parent")
    if ! grep -q " $parent overlay " /proc/self/mounts; then
      mkdir -p "$dir/ovl/$name.up" "$dir/ovl/$name.work"
      mount -t overlay overlay \
        -o "lowerdir=$parent,upperdir=$dir/ovl/$name.up,workdir=$dir/ovl/$name.work" "$parent"
    fi
    mkdir -p "$target"
  fi
  mount --bind "$src" "$target"
}

# Debian's build resolves its compiled-in QEMU user and group (libvirt-qemu) before it reads qemu.conf,
# and libvirt-daemon-system (which would create them) is not installed: give the namespace its own
# /etc/passwd and /etc/group with them added, instead of touching the host's.
for f in passwd group; do
  cp "/etc/$f" "$dir/$f"
done
grep -q '^libvirt-qemu:' "$dir/group" || echo 'libvirt-qemu:x:64055:' >>"$dir/group"
grep -q '^kvm:' "$dir/group" || echo 'kvm:x:64056:' >>"$dir/group"
grep -q '^libvirt-qemu:' "$dir/passwd" ||
  echo 'libvirt-qemu:x:64055:64055:Libvirt Qemu,,,:/var/lib/libvirt:/usr/sbin/nologin' >>"$dir/passwd"
mount --bind "$dir/passwd" /etc/passwd
mount --bind "$dir/group" /etc/group

private /etc/libvirt etc
private /run/libvirt run
private /var/lib/libvirt lib
private /var/cache/libvirt cache
private /var/log/libvirt log

# Configuration (the harness may have written its own already; these are the defaults).
[[ -f $dir/etc/libvirtd.conf ]] || cat >"$dir/etc/libvirtd.conf" <<'EOF'
# bench: no polkit here; root-only rw socket like virtd's.
auth_unix_ro = "none"
auth_unix_rw = "none"
unix_sock_rw_perms = "0700"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
[[ -f $dir/etc/qemu.conf ]] || cat >"$dir/etc/qemu.conf" <<'EOF'
# bench: QEMU as root, no security driver, no cgroups (no systemd here).
user = "root"
group = "root"
security_driver = "none"
cgroup_controllers = [ ]
EOF
[[ -f $dir/etc/virtlogd.conf ]] || cat >"$dir/etc/virtlogd.conf" <<'EOF'
log_outputs = "3:file:/var/log/libvirt/virtlogd.log"
EOF
[[ -f $dir/etc/libvirt.conf ]] || : >"$dir/etc/libvirt.conf"

/usr/sbin/virtlogd --pid-file "$dir/virtlogd.pid" --config /etc/libvirt/virtlogd.conf \
  </dev/null >>"$dir/virtlogd.out" 2>&1 &
exec /usr/sbin/libvirtd --pid-file "$dir/libvirtd.pid" --config /etc/libvirt/libvirtd.conf "${@:2}"
