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
    /// call leaves the process (the negative-id check).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Divergences =
        EngineTestDriverConformance.Divergences.Where(d => d.Key != "lookup-negative-id").ToDictionary();
}
