using Virt.Api.Drivers;
using Virt.Conformance.Suite;
using Virt.Libvirt;

namespace Virt.Conformance.Backends;

/// <summary>The oracle: libvirt.so's own <c>test:///default</c>, in this process, through Virt.Libvirt.</summary>
[Collection(LibvirtTestDriverCollection.Name)]
public sealed class LibvirtTestDriverConformance : TestDriverFacts
{
    protected override async Task<IHypervisorDriver> OpenAsync(bool readOnly) =>
        await new LibvirtDriverFactory().OpenDriverAsync(Uri, readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None);
}

/// <summary>
/// Everything that opens libvirt.so's <c>test:///default</c> runs in this collection, one test at a
/// time: the driver's state is shared by every connection of the process.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LibvirtTestDriverCollection
{
    public const string Name = "libvirt.so test:///default";
}
