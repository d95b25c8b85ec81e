namespace Virt.Engine.Tests.Qemu;

/// <summary>
/// The example guest built by examples/guest/build.sh (the README's test command builds it first).
/// Tests fail — not skip — when it is missing: a missing guest is a set-up defect to see, not hide.
/// </summary>
public static class GuestImage
{
    public static string Dir => Environment.GetEnvironmentVariable("VIRT_GUEST_DIR") ?? "/var/lib/virt/guest";
    public static string Kernel => Path.Combine(Dir, "vmlinux");
    public static string Initrd => Path.Combine(Dir, "initramfs.cpio.gz");
    public const string ReadyMarker = "VIRT-GUEST-READY";

    public static void EnsurePresent()
    {
        if (!File.Exists(Kernel) || !File.Exists(Initrd))
            throw new InvalidOperationException($"example guest not found in {Dir}: run examples/guest/build.sh (the README's test command does)");
    }

    /// <summary>Which accelerator real guests boot with here; TCG, since KVM on these hosts is PVM (see shared notes).</summary>
    public static string Accelerator => "TCG (type='qemu')";

    public static string DomainXml(string name, string consoleLog, string type = "qemu", string? uuid = null,
        string machine = "q35", string extraDevices = "", string onPoweroff = "destroy") => $"""
        <domain type='{type}'>
          <name>{name}</name>
          {(uuid is null ? "" : $"<uuid>{uuid}</uuid>")}
          <memory unit='MiB'>128</memory>
          <vcpu>1</vcpu>
          <os>
            <type arch='x86_64' machine='{machine}'>hvm</type>
            <kernel>{Kernel}</kernel>
            <initrd>{Initrd}</initrd>
            <cmdline>console=ttyS0</cmdline>
          </os>
          <features><acpi/></features>
          <on_poweroff>{onPoweroff}</on_poweroff>
          <devices>
            <serial type='pty'>
              <log file='{consoleLog}' append='off'/>
              <target port='0'/>
            </serial>
            {extraDevices}
          </devices>
        </domain>
        """;
}
