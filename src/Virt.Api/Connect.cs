using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Host;

namespace Virt.Api;

/// <summary>
/// A connection handle, like <c>virConnectPtr</c>: <see cref="OpenAsync"/> picks the driver from the URI.
/// </summary>
public sealed class Connect : IAsyncDisposable
{
    private Connect(IHypervisorDriver driver, bool readOnly)
    {
        Driver = driver;
        ReadOnly = readOnly;
    }

    public IHypervisorDriver Driver { get; }
    public bool ReadOnly { get; }
    public string Uri => Driver.Uri;

    public static async Task<Connect> OpenAsync(string uri, ConnectFlags flags = ConnectFlags.None,
        CancellationToken ct = default)
    {
        var parsed = ConnectUri.Parse(uri);
        var driver = await DriverRegistry.Find(parsed).OpenAsync(parsed, flags, ct).ConfigureAwait(false);
        return new Connect(driver, flags.HasFlag(ConnectFlags.ReadOnly));
    }

    public Task<string> GetHostnameAsync(CancellationToken ct = default) => Driver.GetHostnameAsync(ct);
    public Task<ulong> GetVersionAsync(CancellationToken ct = default) => Driver.GetHypervisorVersionAsync(ct);
    public Task<NodeInfo> GetNodeInfoAsync(CancellationToken ct = default) => Driver.GetNodeInfoAsync(ct);
    public Task<SecurityModel> GetSecurityModelAsync(CancellationToken ct = default) => Driver.GetSecurityModelAsync(ct);

    public async Task<IReadOnlyList<Domain>> ListAllDomainsAsync(ListDomainsFlags flags = ListDomainsFlags.None,
        CancellationToken ct = default) =>
        (await Driver.ListAllDomainsAsync(flags, ct).ConfigureAwait(false)).Select(Wrap).ToList();

    public async Task<Domain> LookupByNameAsync(string name, CancellationToken ct = default) =>
        Wrap(await Driver.LookupByNameAsync(name, ct).ConfigureAwait(false));

    public async Task<Domain> LookupByUuidAsync(Guid uuid, CancellationToken ct = default) =>
        Wrap(await Driver.LookupByUuidAsync(uuid, ct).ConfigureAwait(false));

    public async Task<Domain> LookupByIdAsync(int id, CancellationToken ct = default) =>
        Wrap(await Driver.LookupByIdAsync(id, ct).ConfigureAwait(false));

    public async Task<Domain> DefineXmlAsync(string xml, DomainDefineFlags flags = DomainDefineFlags.None,
        CancellationToken ct = default) =>
        Wrap(await Driver.DefineXmlAsync(xml, flags, ct).ConfigureAwait(false));

    public async Task<Domain> CreateXmlAsync(string xml, DomainCreateFlags flags = DomainCreateFlags.None,
        CancellationToken ct = default) =>
        Wrap(await Driver.CreateXmlAsync(xml, flags, ct).ConfigureAwait(false));

    private Domain Wrap(DomainRef reference) => new(this, reference);

    public ValueTask DisposeAsync() => Driver.DisposeAsync();
}
