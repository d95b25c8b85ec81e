using Virt.Api.Drivers;
using Virt.Engine.Qemu;

namespace Virt.Conformance.Backends;

/// <summary>Virt's in-process QEMU driver, <c>qemu:///embed?root=/tmp/…</c> (a fresh root per test).</summary>
public sealed class EngineQemuConformance : QemuFacts
{
    private readonly string _root = Path.Combine("/tmp", "vcq-" + Guid.NewGuid().ToString("N")[..10]);

    public EngineQemuConformance() => Directory.CreateDirectory(_root);

    protected override string LogDir => _root;

    protected override Task<IHypervisorDriver> OpenAsync(bool readOnly) =>
        new QemuDriverFactory().OpenAsync(ConnectUri.Parse($"qemu:///embed?root={_root}"),
            readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None, CancellationToken.None);

    protected override IReadOnlyDictionary<string, string> KnownDivergences => Divergences;

    /// <summary>Where the in-process QEMU driver differs from libvirt's. Only shrinks.</summary>
    public static readonly IReadOnlyDictionary<string, string> Divergences =
        new Dictionary<string, string>(QemuEngineDivergences.Common)
        {
            ["lookup-negative-id"] = "LookupById(-1): NO_DOMAIN, VIR_FROM_QEMU, 'Domain not found: no domain with matching id -1'; libvirt rejects it in the public API: INVALID_ARG, VIR_FROM_DOMAIN, 'id in virDomainLookupByID must be zero or greater', str1 'virDomainLookupByID', str2 'id', int1 0, int2 0",
            ["unsupported-flags"] = "no virCheckFlags: Destroy with flag 0x4, ListAllDomains with 0x100000, GetXMLDesc with UPDATE_CPU succeed; libvirt: INVALID_ARG 'unsupported flags (0x4) in function qemuDomainDestroyFlags' (str1 the function, str2 'flags', int1 0, int2 0)",
            ["read-only"] = "QemuDriverFactory ignores ConnectFlags.ReadOnly: a read-only connection defines, starts, destroys; libvirt: OPERATION_DENIED, VIR_FROM_DOMAIN, 'operation forbidden: read only access prevents virDomainDefineXML' (and likewise per call)",
            ["reboot-reset"] = "virDomainReboot waits for the guest and fails after 30 s with OPERATION_TIMEOUT 'Timed out during operation: the guest did not react to the ACPI power button' when the guest has no ACPI handler yet; libvirt's qemuDomainReboot returns once system_powerdown is sent",
        };

    protected override Task CleanupAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
