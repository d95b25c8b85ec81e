#!/usr/bin/env bash
# Build the tiny Virt example guest: a stock Debian kernel plus a busybox initramfs.
#
#   examples/guest/build.sh [OUT_DIR]      (run as root on Debian 12)
#
# OUT_DIR defaults to $VIRT_GUEST_DIR, else /var/lib/virt/guest. It ends up holding:
#   vmlinuz            the Debian bzImage, as shipped
#   vmlinux            the uncompressed ELF kernel unpacked from it; it carries a PVH entry note,
#                      so QEMU boots it directly with -kernel and skips the XZ decompressor
#                      (seconds of boot time under TCG)
#   initramfs.cpio.gz  static busybox, button.ko + evdev.ko, and an /init that prints
#                      VIRT-GUEST-READY on the console and powers off on the ACPI power button
#   cache/             the downloaded kernel .deb and the few files taken out of it
#
# Nothing is installed into the host's /boot: the kernel package is only downloaded and unpacked.
# The initramfs is reproducible (sorted, fixed mtimes and owners, gzip -n), and a run whose inputs
# (this script, the kernel package, busybox) have not changed does nothing but print the paths.
# The paths of the three outputs are printed on stdout, one per line; progress goes to stderr.
set -euo pipefail
umask 022
export LC_ALL=C # byte-wise grep -P and sort
export DEBIAN_FRONTEND=noninteractive

OUT=${1:-${VIRT_GUEST_DIR:-/var/lib/virt/guest}}
CACHE=$OUT/cache
SELF=${BASH_SOURCE[0]}
BUSYBOX=/bin/busybox # from busybox-static

log() { echo "build.sh: $*" >&2; }
die() {
	log "error: $*"
	exit 1
}

[[ $(id -u) -eq 0 ]] || die "must run as root (apt-get, mknod)"

mkdir -p "$CACHE"
# One build at a time per output directory (tests may start several).
exec 9>"$OUT/.lock"
flock 9

# --- packages -------------------------------------------------------------------------------

apt_updated=0
apt_update_once() {
	((apt_updated)) && return 0
	log "apt-get update"
	apt-get update -qq >&2
	apt_updated=1
}

installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

# Install the given packages unless they are installed already. The package lists of a fresh
# system may be missing or stale, so a failed install is retried once after apt-get update.
ensure_pkgs() {
	local missing=() p
	for p in "$@"; do installed "$p" || missing+=("$p"); done
	((${#missing[@]})) || return 0
	log "installing ${missing[*]}"
	local install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
	"${install[@]}" >&2 || { apt_update_once && "${install[@]}" >&2; }
}

# busybox-static rather than busybox: the initramfs has no libc. readelf (binutils) checks the
# kernel's PVH note and that busybox really is static.
ensure_pkgs busybox-static cpio xz-utils binutils gzip
[[ $(readelf -l "$BUSYBOX") != *INTERP* ]] || die "$BUSYBOX is dynamically linked"

# --- which kernel -----------------------------------------------------------------------------

# linux-image-amd64 is a metapackage; the real kernel is the linux-image-<abi>-amd64 it depends on.
kernel_pkg() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }' || true
}
kpkg=$(kernel_pkg)
[[ -n $kpkg ]] || { apt_update_once && kpkg=$(kernel_pkg); }
[[ -n $kpkg ]] || die "cannot resolve the package linux-image-amd64 depends on"

# --print-uris names the exact .deb apt would fetch and its SHA256, so the cache can be checked
# without downloading: "'URL' FILE SIZE SHA256:HEX".
read -r _ deb_name _ deb_hash < <(apt-get download --print-uris "$kpkg" 2>/dev/null || true)
[[ -n ${deb_name:-} && ${deb_hash:-} == SHA256:* ]] || die "apt-get download --print-uris $kpkg gave no SHA256"
deb_hash=${deb_hash#SHA256:}
deb=$CACHE/$deb_name

# --- up to date? ------------------------------------------------------------------------------

stamp=$OUT/.build-stamp
key=$(
	printf 'script %s\nkernel %s %s\nbusybox %s\n' \
		"$(sha256sum <"$SELF" | cut -d' ' -f1)" "$deb_name" "$deb_hash" \
		"$(sha256sum <"$BUSYBOX" | cut -d' ' -f1)"
)
outputs=("$OUT/vmlinux" "$OUT/initramfs.cpio.gz" "$OUT/vmlinuz")

print_outputs() { printf '%s\n' "${outputs[@]}"; }
outputs_exist() {
	local f
	for f in "${outputs[@]}"; do [[ -s $f ]] || return 1; done
}

if [[ -f $stamp && $(<"$stamp") == "$key" ]] && outputs_exist; then
	log "up to date ($kpkg)"
	print_outputs
	exit 0
fi

# --- kernel package ---------------------------------------------------------------------------

deb_ok() { [[ -f $deb && $(sha256sum <"$deb" | cut -d' ' -f1) == "$deb_hash" ]]; }

if ! deb_ok; then
	log "downloading $deb_name"
	# APT::Sandbox::User=root: the _apt user cannot write into a root-only cache directory, and
	# apt would fall back to root anyway, with a warning.
	(cd "$CACHE" && apt-get download -q -o APT::Sandbox::User=root "$kpkg" >&2)
	deb_ok || die "$deb does not match the SHA256 apt expects"
	# Drop older kernels' downloads and unpacked trees.
	find "$CACHE" -mindepth 1 -maxdepth 1 -name 'linux-image-*' ! -name "${deb_name%.deb}*" \
		-exec rm -rf {} +
fi

# Unpack only what the guest needs (what dpkg -x would write for these paths): the bzImage and
# the two modules. The whole package unpacks to ~400 MB of modules.
kdir=$CACHE/${deb_name%.deb}
if [[ ! -f $kdir/.unpacked ]]; then
	log "unpacking $deb_name"
	rm -rf "$kdir"
	mkdir -p "$kdir"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -x -C "$kdir" --wildcards --no-wildcards-match-slash \
			'./boot/vmlinuz-*' \
			'./lib/modules/*/kernel/drivers/acpi/button.ko*' \
			'./lib/modules/*/kernel/drivers/input/evdev.ko*'
	touch "$kdir/.unpacked"
fi

bzimage=$(find "$kdir/boot" -name 'vmlinuz-*' -print -quit)
[[ -n $bzimage ]] || die "no boot/vmlinuz-* in $deb_name"

# --- vmlinux from the bzImage -----------------------------------------------------------------

is_elf() { [[ $(head -c4 "$1" | od -An -tx1 | tr -d ' \n') == 7f454c46 ]]; }

# Debian compresses the kernel inside the bzImage with xz. Like the kernel's
# scripts/extract-vmlinux, try every offset where the xz magic (FD '7zXZ' 00) occurs and keep
# the first one that unpacks to an ELF. --single-stream makes xz stop at the end of the stream
# and ignore the rest of the bzImage that follows it, instead of failing on trailing garbage.
extract_vmlinux() {
	local in=$1 out=$2 off offsets
	offsets=$(grep -obUaP '\xFD7zXZ\x00' "$in" | cut -d: -f1 || true)
	for off in $offsets; do
		# tail in a process substitution: xz stops reading early, and tail's SIGPIPE must not
		# count as a failure under pipefail.
		if xz -dc --single-stream < <(tail -c "+$((off + 1))" "$in") >"$out.tmp" 2>/dev/null &&
			is_elf "$out.tmp"; then
			mv "$out.tmp" "$out"
			return 0
		fi
	done
	rm -f "$out.tmp"
	return 1
}

cp "$bzimage" "$OUT/vmlinuz.tmp"
mv "$OUT/vmlinuz.tmp" "$OUT/vmlinuz"
log "extracting vmlinux"
extract_vmlinux "$OUT/vmlinuz" "$OUT/vmlinux" || die "no xz-compressed ELF kernel found in $bzimage"
# QEMU boots an ELF passed to -kernel only through its PVH entry point
# (Xen note XEN_ELFNOTE_PHYS32_ENTRY, type 0x12).
[[ $(readelf -n "$OUT/vmlinux") =~ Xen[[:space:]]+0x[0-9a-f]+[[:space:]]+'Unknown note type: (0x00000012)' ]] ||
	die "$OUT/vmlinux has no PVH entry note; QEMU could not boot it"

# --- initramfs --------------------------------------------------------------------------------

stage=$(mktemp -d "$CACHE/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,run,tmp,root,var/log,lib/modules,etc/acpi/PWRF}
chmod 1777 "$stage/tmp"
ln -s ../run "$stage/var/run"

cp "$BUSYBOX" "$stage/bin/busybox"
chmod 0755 "$stage/bin/busybox"
# Applet links where busybox would install them (bin/sh, sbin/acpid, usr/bin/setsid, ...).
"$BUSYBOX" --list-full | while read -r applet; do
	[[ $applet == bin/busybox || -e $stage/$applet ]] || ln -s /bin/busybox "$stage/$applet"
done

# Without /dev/console the kernel starts /init with no stdin/stdout/stderr. devtmpfs (mounted by
# /init) provides both nodes later; these are only needed until then.
mknod -m 0600 "$stage/dev/console" c 5 1
mknod -m 0666 "$stage/dev/null" c 1 3

# Debian ships these modules uncompressed; handle .ko.xz in case that changes.
for mod in drivers/acpi/button drivers/input/evdev; do
	src=$(find "$kdir"/lib/modules/*/kernel -path "*/$mod.ko*" -print -quit)
	[[ -n $src ]] || die "$mod.ko not found in $deb_name"
	case $src in
	*.ko) cp "$src" "$stage/lib/modules/" ;;
	*.ko.xz) xz -dc "$src" >"$stage/lib/modules/$(basename "$src" .xz)" ;;
	*) die "cannot unpack $src" ;;
	esac
done
chmod 0644 "$stage"/lib/modules/*.ko

# busybox acpid: an evdev key event is mapped to a description by the map file (-M), whose
# default maps KEY_POWER to "button/power PWRF 00000080"; the first line of the action file (-a)
# whose key occurs in that description gives the action "PWRF/00000080". acpid runs that path
# relative to its config directory (-c): directly if it is a file, with run-parts if it is a
# directory. The files below spell out those defaults so they do not depend on compiled-in tables.
cat >"$stage/etc/acpi.map" <<'EOF'
# type-name type(hex) code-name code value description
EV_KEY 01 KEY_POWER 116 1 button/power PWRF 00000080
EOF
cat >"$stage/etc/acpid.conf" <<'EOF'
# key-in-description action (a path under the config directory /etc/acpi)
PWRF PWRF/00000080
EOF
# Plain poweroff signals PID 1, which the /init shell does not handle; -f powers off directly.
cat >"$stage/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
sync
poweroff -f
EOF
chmod 0755 "$stage/etc/acpi/PWRF/00000080"

cat >"$stage/init" <<'EOF'
#!/bin/sh
# PID 1 of the tiny Virt guest (written by examples/guest/build.sh).
export PATH=/sbin:/usr/sbin:/bin:/usr/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

# ACPI power button -> input event device; Debian builds both as modules.
insmod /lib/modules/button.ko
insmod /lib/modules/evdev.ko
# acpid opens /dev/input/event* only when it starts, so make sure the nodes are there first.
i=0
while [ ! -e /dev/input/event0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
acpid -d -c /etc/acpi -a /etc/acpid.conf -M /etc/acpi.map -p /run/acpid.pid \
	</dev/null >/dev/console 2>&1 &
# acpid writes its pid file after opening the event devices: from then on a power button press
# is not lost, so only then report ready.
i=0
while [ ! -e /run/acpid.pid ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

echo VIRT-GUEST-READY >/dev/console

# Keep PID 1 alive and offer a shell on the console (cttyhack finds the real console tty, so
# job control and ^C work). The pause keeps a shell that exits at once from spinning.
while :; do
	setsid cttyhack sh
	sleep 1
done
EOF
chmod 0755 "$stage/init"

# Reproducible archive: fixed mtimes, root owner, sorted names, inode and device numbers of the
# staging files left out (--reproducible), no name or time in the gzip header.
find "$stage" -mindepth 1 -exec touch -h -d @0 {} +
(cd "$stage" && find . -mindepth 1 -printf '%P\n' | sort |
	cpio -o -H newc --reproducible -R 0:0 --quiet) | gzip -9 -n >"$OUT/initramfs.cpio.gz.tmp"
# Keep the old file (and its mtime) when the content did not change.
if cmp -s "$OUT/initramfs.cpio.gz.tmp" "$OUT/initramfs.cpio.gz"; then
	rm "$OUT/initramfs.cpio.gz.tmp"
else
	mv "$OUT/initramfs.cpio.gz.tmp" "$OUT/initramfs.cpio.gz"
fi

printf '%s\n' "$key" >"$stamp.tmp"
mv "$stamp.tmp" "$stamp"
log "built guest from $kpkg in $OUT"
print_outputs
