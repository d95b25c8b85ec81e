using Virt.Api.Domains;
using Virt.Api.Host;

namespace Virt.Api.Drivers;

/// <summary>
/// The table of entry points every backend implements (libvirt's <c>virHypervisorDriver</c>).
/// Async only: drivers talk to processes and sockets, and there is no synchronous obligation to keep.
/// A method a driver cannot serve throws <c>VirtErrors.NoSupport</c>, never a silent no-op.
/// </summary>
public interface IHypervisorDriver : IAsyncDisposable
{
    /// <summary>The canonical URI of this connection (what <c>virsh uri</c> prints).</summary>
    string Uri { get; }

    /// <summary>The hypervisor type name (<c>QEMU</c>, <c>Test</c>).</summary>
    string Type { get; }

    Task<ulong> GetHypervisorVersionAsync(CancellationToken ct = default);
    Task<string> GetHostnameAsync(CancellationToken ct = default);
    Task<NodeInfo> GetNodeInfoAsync(CancellationToken ct = default);
    Task<SecurityModel> GetSecurityModelAsync(CancellationToken ct = default);

    Task<IReadOnlyList<DomainRef>> ListAllDomainsAsync(ListDomainsFlags flags, CancellationToken ct = default);
    Task<DomainRef> LookupByNameAsync(string name, CancellationToken ct = default);
    Task<DomainRef> LookupByUuidAsync(Guid uuid, CancellationToken ct = default);
    Task<DomainRef> LookupByIdAsync(int id, CancellationToken ct = default);

    Task<DomainRef> DefineXmlAsync(string xml, DomainDefineFlags flags, CancellationToken ct = default);
    Task UndefineAsync(DomainRef domain, DomainUndefineFlags flags, CancellationToken ct = default);
    Task<DomainRef> CreateXmlAsync(string xml, DomainCreateFlags flags, CancellationToken ct = default);
    Task<DomainRef> CreateAsync(DomainRef domain, DomainCreateFlags flags, CancellationToken ct = default);

    Task ShutdownAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default);
    Task RebootAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default);
    Task ResetAsync(DomainRef domain, CancellationToken ct = default);
    Task DestroyAsync(DomainRef domain, DomainDestroyFlags flags, CancellationToken ct = default);
    Task SuspendAsync(DomainRef domain, CancellationToken ct = default);
    Task ResumeAsync(DomainRef domain, CancellationToken ct = default);

    Task<DomainInfo> GetInfoAsync(DomainRef domain, CancellationToken ct = default);
    Task<DomainStateInfo> GetStateAsync(DomainRef domain, CancellationToken ct = default);
    Task<string> GetOsTypeAsync(DomainRef domain, CancellationToken ct = default);
    Task<string> GetXmlDescAsync(DomainRef domain, DomainXmlFlags flags, CancellationToken ct = default);
    Task<bool> IsActiveAsync(DomainRef domain, CancellationToken ct = default);
    Task<bool> IsPersistentAsync(DomainRef domain, CancellationToken ct = default);
    Task<bool> GetAutostartAsync(DomainRef domain, CancellationToken ct = default);
    Task SetAutostartAsync(DomainRef domain, bool autostart, CancellationToken ct = default);
    Task<bool> HasManagedSaveImageAsync(DomainRef domain, CancellationToken ct = default);
    Task<SecurityLabel> GetSecurityLabelAsync(DomainRef domain, CancellationToken ct = default);

    /// <summary>
    /// Opens the guest's console (<paramref name="deviceName"/> null = the first console, else the
    /// first serial port; otherwise an alias such as <c>serial0</c>): a stream of what the guest
    /// prints, and what is written goes to the guest.
    /// </summary>
    Task<Stream> OpenConsoleAsync(DomainRef domain, string? deviceName, DomainConsoleFlags flags, CancellationToken ct = default);

    /// <summary>
    /// Lifecycle events of every domain of this connection, raised after the change they report
    /// is visible to calls. Handlers run on the driver's threads and must return quickly.
    /// </summary>
    event Action<DomainLifecycleEvent>? DomainLifecycle;

    /// <summary>Notes about the domain virsh shows under "Messages:" (e.g. taint reasons).</summary>
    Task<IReadOnlyList<string>> GetMessagesAsync(DomainRef domain, CancellationToken ct = default);
}
