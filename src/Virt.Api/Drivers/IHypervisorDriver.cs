using Virt.Api.Domains;
using Virt.Api.Errors;
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

    // ---- optional entry points ------------------------------------------------------------
    // Default members, so a driver that has not got one yet keeps compiling and its callers get
    // libvirt's "this function is not supported by the connection driver: virXxx".

    /// <summary><c>virDomainCreateWithFiles</c>: start a defined domain, handing it open file descriptors.</summary>
    Task<DomainRef> CreateWithFilesAsync(DomainRef domain, IReadOnlyList<int> fds, DomainCreateFlags flags,
        CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainCreateWithFiles", ErrorDomain.None);

    /// <summary><c>virDomainCreateXMLWithFiles</c>: create and start a transient domain, handing it open file descriptors.</summary>
    Task<DomainRef> CreateXmlWithFilesAsync(string xml, IReadOnlyList<int> fds, DomainCreateFlags flags,
        CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainCreateXMLWithFiles", ErrorDomain.None);

    /// <summary>
    /// Also raise <see cref="DomainLifecycle"/> for changes made outside this connection (other
    /// processes sharing the driver's files, guests powering off) until the result is disposed. A
    /// driver whose every change passes through its own connection has nothing to add: NoSupport.
    /// </summary>
    Task<IAsyncDisposable> WatchExternalEventsAsync(CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virConnectDomainEventRegisterAny", ErrorDomain.None);

    /// <summary><c>virConnectGetCapabilities</c>: the host and guest capabilities XML.</summary>
    Task<string> GetCapabilitiesAsync(CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virConnectGetCapabilities", ErrorDomain.None);

    /// <summary><c>virConnectGetDomainCapabilities</c>: what one emulator/arch/machine/type combination offers.</summary>
    Task<string> GetDomainCapabilitiesAsync(DomainCapabilitiesQuery query, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virConnectGetDomainCapabilities", ErrorDomain.None);

    /// <summary><c>virConnectGetSysinfo</c>: the host's SMBIOS data as &lt;sysinfo&gt; XML.</summary>
    Task<string> GetSysinfoAsync(CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virConnectGetSysinfo", ErrorDomain.None);

    /// <summary><c>virConnectGetLibVersion</c>: the version of the library (or daemon) serving this connection.</summary>
    Task<ulong> GetLibVersionAsync(CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virConnectGetLibVersion", ErrorDomain.None);

    /// <summary><c>virConnectSetKeepAlive</c>: only connections to a daemon have keepalive messages.</summary>
    Task SetKeepAliveAsync(int interval, uint count, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virConnectSetKeepAlive", ErrorDomain.None);

    /// <summary><c>virNodeGetCPUMap</c>: the host CPUs and which of them are online.</summary>
    Task<NodeCpuMap> GetNodeCpuMapAsync(CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virNodeGetCPUMap", ErrorDomain.None);

    /// <summary><c>virConnectDomainXMLToNative</c>: a domain XML in a hypervisor's own terms (e.g. <c>qemu-argv</c>).</summary>
    Task<string> DomainXmlToNativeAsync(string format, string xml, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virConnectDomainXMLToNative", ErrorDomain.None);

    /// <summary><c>virDomainGetVcpusFlags</c>: the current or maximum vCPU count of the live or persistent definition.</summary>
    Task<int> GetVcpusFlagsAsync(DomainRef domain, DomainVcpuFlags flags, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainGetVcpusFlags", ErrorDomain.None);

    /// <summary><c>virDomainGetVcpus</c>: each online vCPU of a running domain, with its host CPU affinity.</summary>
    Task<IReadOnlyList<VcpuInfo>> GetVcpusAsync(DomainRef domain, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainGetVcpus", ErrorDomain.None);

    /// <summary><c>virDomainGetVcpuPinInfo</c>: each vCPU's host CPU affinity in the live or persistent definition.</summary>
    Task<IReadOnlyList<IReadOnlyList<bool>>> GetVcpuPinInfoAsync(DomainRef domain, DomainVcpuFlags flags,
        CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainGetVcpuPinInfo", ErrorDomain.None);

    /// <summary><c>virDomainMemoryStats</c>: the balloon's statistics of a running domain.</summary>
    Task<IReadOnlyList<MemoryStat>> GetMemoryStatsAsync(DomainRef domain, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainMemoryStats", ErrorDomain.None);

    /// <summary><c>virDomainSetMemoryStatsPeriod</c>: how often the balloon refreshes its statistics.</summary>
    Task SetMemoryStatsPeriodAsync(DomainRef domain, int period, DomainVcpuFlags flags, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainSetMemoryStatsPeriod", ErrorDomain.None);

    /// <summary><c>virDomainGetBlockInfo</c>: capacity, allocation and physical size of one disk (target or source path).</summary>
    Task<BlockInfo> GetBlockInfoAsync(DomainRef domain, string disk, CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainGetBlockInfo", ErrorDomain.None);

    /// <summary><c>virDomainGetMetadata</c>: the title, description or a namespaced element of the definition.</summary>
    Task<string> GetMetadataAsync(DomainRef domain, DomainMetadataType type, string? uri, DomainVcpuFlags flags,
        CancellationToken ct = default) =>
        throw VirtErrors.NoSupport("virDomainGetMetadata", ErrorDomain.None);
}
