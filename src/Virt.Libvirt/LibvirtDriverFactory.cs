using Virt.Api.Drivers;
using Virt.Libvirt.Runtime;

namespace Virt.Libvirt;

/// <summary>
/// Opens connections through libvirt.so.0 (<c>virConnectOpenAuth</c>). It accepts every URI it is
/// given: which URIs go to libvirt and which to Virt's own drivers is the host program's choice —
/// register this factory after the others, or open through <see cref="OpenDriverAsync"/> directly.
/// </summary>
public sealed class LibvirtDriverFactory : IDriverFactory
{
    private readonly IReadOnlyList<string> _libraryNames;

    /// <summary>A factory that loads libvirt.so.0 (Debian's <c>libvirt0</c>).</summary>
    public LibvirtDriverFactory() : this(LibvirtLibrary.DefaultNames) { }

    /// <summary>A factory that first checks the given library names (tests: a name that does not exist).</summary>
    internal LibvirtDriverFactory(IReadOnlyList<string> libraryNames) => _libraryNames = libraryNames;

    /// <summary>Always true: libvirt decides what it can open, and says so in its error if it cannot.</summary>
    public bool Accepts(ConnectUri uri) => true;

    /// <inheritdoc/>
    public async Task<IHypervisorDriver> OpenAsync(ConnectUri uri, ConnectFlags flags, CancellationToken ct) =>
        await OpenDriverAsync(uri.Original, flags, ct).ConfigureAwait(false);

    /// <summary>
    /// Opens <paramref name="uri"/> (null: libvirt's default URI) with libvirt. Fails with libvirt's
    /// own error (e.g. "Failed to connect socket to '…': Connection refused"), or, when libvirt.so.0 is
    /// missing, with an error that names the package to install.
    /// </summary>
    public Task<LibvirtDriver> OpenDriverAsync(string? uri, ConnectFlags flags = ConnectFlags.None, CancellationToken ct = default)
    {
        try
        {
            LibvirtLibrary.Require(_libraryNames);
            LibvirtRuntime.EnsureStarted();
        }
        catch (Exception ex)
        {
            return Task.FromException<LibvirtDriver>(ex);
        }
        return BlockingCalls.Run((uri, flags), static a => LibvirtDriver.Open(a.uri, a.flags), ct);
    }
}
