using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Api.Host;
using Virt.Conformance.Suite;

namespace Virt.Conformance.Backends;

/// <summary>
/// What libvirt 9.0's QEMU driver does (qemu_driver.c; events and security facts from the captures of
/// libvirtd + QEMU 7.2 in shared/libvirt-protocol), with real TCG guests: the example guest in
/// /var/lib/virt/guest (examples/guest/build.sh). A missing guest fails the tests, it does not skip them.
/// </summary>
public abstract class QemuFacts : DomainConformance
{
    public static string GuestDir => Environment.GetEnvironmentVariable("VIRT_GUEST_DIR") ?? "/var/lib/virt/guest";
    public const string ReadyMarker = "VIRT-GUEST-READY";

    /// <summary>Where guests' serial output is logged (one file per domain), readable by the test.</summary>
    protected abstract string LogDir { get; }

    protected string ConsoleLog(string name) => Path.Combine(LogDir, name + ".console.log");

    protected override string DomainXml(string name, Guid uuid)
    {
        var kernel = Path.Combine(GuestDir, "vmlinux");
        var initrd = Path.Combine(GuestDir, "initramfs.cpio.gz");
        if (!File.Exists(kernel) || !File.Exists(initrd))
            throw new InvalidOperationException($"example guest not found in {GuestDir}: run examples/guest/build.sh");
        return $"""
            <domain type='qemu'>
              <name>{name}</name>
              <uuid>{uuid:D}</uuid>
              <memory unit='KiB'>131072</memory>
              <vcpu>1</vcpu>
              <os>
                <type arch='x86_64' machine='q35'>hvm</type>
                <kernel>{kernel}</kernel>
                <initrd>{initrd}</initrd>
                <cmdline>console=ttyS0</cmdline>
              </os>
              <features><acpi/></features>
              <on_poweroff>destroy</on_poweroff>
              <devices>
                <serial type='pty'>
                  <log file='{ConsoleLog(name)}' append='off'/>
                  <target port='0'/>
                </serial>
              </devices>
            </domain>
            """;
    }

    protected override string DomainType => "qemu";
    protected override string ExpectedType => "QEMU";
    protected override ErrorDomain DriverDomain => ErrorDomain.Qemu;
    protected override string FunctionPrefix => "qemu";
    protected override string ExpectedOsType => "hvm";
    protected override (ulong MemoryKiB, uint Vcpus) ExpectedSize => (131072, 1);
    protected override TimeSpan Patience => TimeSpan.FromSeconds(60);

    protected override ExpectedError LookupFailed(string what) => ExpectedError.Of(ErrorCode.NoDomain, ErrorDomain.Qemu, "Domain not found", what);

    protected override ExpectedError StartActive(string name) => ExpectedError.OperationInvalid(ErrorDomain.Qemu, "domain is already running");
    protected override ExpectedError SuspendInactive(string name) => ExpectedError.NotRunning;
    protected override ExpectedError ResumeInactive(string name) => ExpectedError.NotRunning;
    protected override ExpectedError ShutdownInactive(string name) => ExpectedError.NotRunning;

    /// <summary>qemuDomainSuspend on a paused domain does nothing and succeeds.</summary>
    protected override ExpectedError? SuspendPaused(string name) => null;

    protected override ExpectedError? ResumeRunning(string name) => ExpectedError.OperationInvalid(ErrorDomain.Qemu, "domain is already running");

    protected override ExpectedError? AutostartTransient(string name) =>
        ExpectedError.OperationInvalid(ErrorDomain.Qemu, "cannot set autostart for transient domain");

    /// <summary>libvirtd + QEMU: the CPUs start (RESUMED) before the start completes (STARTED).</summary>
    protected override IReadOnlyList<(DomainEventType Type, int Detail)> StartEvents =>
        [(DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused), (DomainEventType.Started, DomainEventDetail.StartedBooted)];

    /// <summary>libvirtd + QEMU: QEMU reports the SIGTERM as a host-requested shutdown, then the domain stops.</summary>
    protected override IReadOnlyList<(DomainEventType Type, int Detail)> DestroyEvents =>
        [(DomainEventType.Shutdown, DomainEventDetail.ShutdownHost), (DomainEventType.Stopped, DomainEventDetail.StoppedDestroyed)];

    protected override ExpectedError? ConsoleUnsupported => null;

    protected override SecurityModel ExpectedSecurityModel => new("none", "0");
    protected override SecurityLabel RunningSecurityLabel => new("", false);

    /// <summary>A real guest reboots in its own time.</summary>
    protected override DomainStateInfo? StateAfterReboot => null;

    /// <summary>The guest powers off on the ACPI button once its acpid runs (after the ready marker).</summary>
    protected override async Task<DomainStateInfo> ShutdownAndWaitAsync(DomainRef domain)
    {
        await WaitForLogAsync(domain.Name, ReadyMarker);
        await Driver.ShutdownAsync(domain, DomainShutdownFlags.Default);
        return await WaitForStateAsync(domain, DomainState.Shutoff);
    }

    protected async Task WaitForLogAsync(string name, string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var path = ConsoleLog(name);
            if (File.Exists(path) && (await File.ReadAllTextAsync(path)).Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{text}' did not appear in {ConsoleLog(name)} within {Patience}");
    }

    /// <summary>The guest's boot reaches the ready marker on the console stream (opened right after the start).</summary>
    protected override async Task ExpectConsoleOutputAsync(DomainRef domain, Stream console)
    {
        await ReadUntilAsync(console, ReadyMarker, Patience);
        // The guest's shell is on the console: a command's output comes back through the stream.
        await console.WriteAsync("echo conformance-$((6*7))\n"u8.ToArray());
        await ReadUntilAsync(console, "conformance-42", Patience);
    }
}

/// <summary>Divergences of Virt.Engine's QEMU driver from libvirt's, whichever way it is reached.</summary>
public static class QemuEngineDivergences
{
    private const string XmlWhy = "domain XML checks: same as the engine test driver's xml-* entries (EngineTestDriverConformance.Divergences)";

    public static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>
    {
        ["xml-malformed"] = "'<domain': XML_DETAIL from VIR_FROM_XML (5) with .NET's text; libvirt: VIR_FROM_DOMAIN (20) with libxml2's text",
        ["xml-empty-document"] = "'': XML_DETAIL from VIR_FROM_XML (5) '(domain_definition):0:0: Root element is missing.'; libvirt: VIR_FROM_DOMAIN (20) '(domain_definition):1: Document is empty\\n(null)\\n^'",
        ["xml-root-element"] = XmlWhy,
        ["xml-no-os-type"] = XmlWhy,
        ["xml-no-memory"] = XmlWhy,
        ["xml-no-type-attribute"] = XmlWhy,
        ["xml-slash-in-name"] = XmlWhy,
        ["xml-malformed-uuid"] = XmlWhy,
        ["xml-no-name"] = "no <name>: 'missing name information in domain'; libvirt (and the engine test driver): 'missing name information'",
    };
}
