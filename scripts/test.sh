#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh) and runs all tests. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# Say which accelerator real guests boot with: stock guests need VT-x/AMD-V for KVM; hosts like
# these (PVM KVM, no vmx/svm flags) boot them with TCG, which is what the tests use.
if grep -qwE 'vmx|svm' /proc/cpuinfo; then
  echo "test.sh: host has VT-x/AMD-V; test guests boot with TCG (type='qemu'), kvm start checked up to QMP"
else
  echo "test.sh: no VT-x/AMD-V on this host: test guests boot with TCG (type='qemu')"
fi

dotnet test Virt.sln -c Release --nologo "$@"
