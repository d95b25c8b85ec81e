using Virt.Api.Drivers;
using Virt.Libvirt;

namespace Virt.Conformance.Backends;

/// <summary>virtd's QEMU driver through libvirt.so's remote driver, via Virt.Libvirt (<c>qemu+unix:///system?socket=…</c>).</summary>
[Collection(VirtdCollection.Name)]
public sealed class VirtdQemuConformance(VirtdFixture virtd) : QemuFacts
{
    protected override string LogDir => virtd.LogDir;

    protected override async Task<IHypervisorDriver> OpenAsync(bool readOnly) =>
        await new LibvirtDriverFactory().OpenDriverAsync(virtd.QemuUri, readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None);

    protected override IReadOnlyDictionary<string, string> KnownDivergences => Divergences;

    /// <summary>Where virtd (with Virt.Engine's QEMU driver behind it) differs from libvirtd + QEMU. Only shrinks.</summary>
    public static readonly IReadOnlyDictionary<string, string> Divergences =
        new Dictionary<string, string>(QemuEngineDivergences.Common)
        {
            ["unsupported-flags"] = "virDomainDestroyFlags: virtd answers 'unknown procedure: 234' (DOMAIN_DESTROY_FLAGS not served); libvirt: qemuDomainDestroyFlags checks its flags",
            ["reboot-reset"] = "virDomainReboot / virDomainReset: virtd answers 'unknown procedure: 27' / 'unknown procedure: 245' (DOMAIN_REBOOT, DOMAIN_RESET not served)",
            ["not-running-errors"] = "the same missing DOMAIN_REBOOT/DOMAIN_RESET procedures: reboot/reset of an inactive domain answer 'unknown procedure' instead of 'domain is not running'",
        };
}

/// <summary>
/// virtd's test driver (Virt.Engine's) over the wire: the engine's known divergences plus anything the
/// RPC layer changes; compared with libvirt.so's own test driver.
/// </summary>
[Collection(VirtdCollection.Name)]
public sealed class VirtdTestDriverConformance(VirtdFixture virtd) : TestDriverFacts
{
    protected override async Task<IHypervisorDriver> OpenAsync(bool readOnly) =>
        await new LibvirtDriverFactory().OpenDriverAsync(virtd.TestUri, readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None);

    protected override IReadOnlyDictionary<string, string> KnownDivergences => Divergences;

    /// <summary>
    /// The engine test driver's own divergences, less those libvirt's client library settles before any
    /// call leaves the process (the negative-id check), plus virtd's missing procedures.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Divergences =
        EngineTestDriverConformance.Divergences.Where(d => d.Key != "lookup-negative-id")
            .Append(new("reboot-reset", "virDomainReboot / virDomainReset: virtd answers 'unknown procedure: 27' / 'unknown procedure: 245' (DOMAIN_REBOOT, DOMAIN_RESET not served)"))
            .Append(new("not-running-errors", "virDomainReboot on an inactive domain: virtd answers 'unknown procedure: 27' instead of libvirt's 'Requested operation is not valid: domain is not running'"))
            .ToDictionary();
}
