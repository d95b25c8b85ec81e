using Virt.Api.Domains;

namespace Virt.Api;

/// <summary>
/// A domain handle, like <c>virDomainPtr</c>: a name/UUID/id triple bound to a connection. The id is
/// the one seen when the handle was made, as in libvirt; calls re-resolve the domain by UUID.
/// </summary>
public sealed class Domain
{
    internal Domain(Connect connection, DomainRef reference)
    {
        Connection = connection;
        Reference = reference;
    }

    public Connect Connection { get; }
    public DomainRef Reference { get; private set; }
    public string Name => Reference.Name;
    public Guid Uuid => Reference.Uuid;
    public int Id => Reference.Id;

    private Drivers.IHypervisorDriver Driver => Connection.Driver;

    public async Task StartAsync(DomainCreateFlags flags = DomainCreateFlags.None, CancellationToken ct = default) =>
        Reference = await Driver.CreateAsync(Reference, flags, ct).ConfigureAwait(false);

    public Task ShutdownAsync(DomainShutdownFlags flags = DomainShutdownFlags.Default, CancellationToken ct = default) =>
        Driver.ShutdownAsync(Reference, flags, ct);

    public Task RebootAsync(DomainShutdownFlags flags = DomainShutdownFlags.Default, CancellationToken ct = default) =>
        Driver.RebootAsync(Reference, flags, ct);

    public Task ResetAsync(CancellationToken ct = default) => Driver.ResetAsync(Reference, ct);

    public Task DestroyAsync(DomainDestroyFlags flags = DomainDestroyFlags.None, CancellationToken ct = default) =>
        Driver.DestroyAsync(Reference, flags, ct);

    public Task SuspendAsync(CancellationToken ct = default) => Driver.SuspendAsync(Reference, ct);
    public Task ResumeAsync(CancellationToken ct = default) => Driver.ResumeAsync(Reference, ct);

    public Task UndefineAsync(DomainUndefineFlags flags = DomainUndefineFlags.None, CancellationToken ct = default) =>
        Driver.UndefineAsync(Reference, flags, ct);

    public Task<DomainInfo> GetInfoAsync(CancellationToken ct = default) => Driver.GetInfoAsync(Reference, ct);
    public Task<DomainStateInfo> GetStateAsync(CancellationToken ct = default) => Driver.GetStateAsync(Reference, ct);
    public Task<string> GetOsTypeAsync(CancellationToken ct = default) => Driver.GetOsTypeAsync(Reference, ct);

    public Task<string> GetXmlDescAsync(DomainXmlFlags flags = DomainXmlFlags.None, CancellationToken ct = default) =>
        Driver.GetXmlDescAsync(Reference, flags, ct);

    public Task<bool> IsActiveAsync(CancellationToken ct = default) => Driver.IsActiveAsync(Reference, ct);
    public Task<bool> IsPersistentAsync(CancellationToken ct = default) => Driver.IsPersistentAsync(Reference, ct);
    public Task<bool> GetAutostartAsync(CancellationToken ct = default) => Driver.GetAutostartAsync(Reference, ct);

    public Task SetAutostartAsync(bool autostart, CancellationToken ct = default) =>
        Driver.SetAutostartAsync(Reference, autostart, ct);

    public Task<bool> HasManagedSaveImageAsync(CancellationToken ct = default) =>
        Driver.HasManagedSaveImageAsync(Reference, ct);

    public Task<Host.SecurityLabel> GetSecurityLabelAsync(CancellationToken ct = default) =>
        Driver.GetSecurityLabelAsync(Reference, ct);

    public Task<IReadOnlyList<string>> GetMessagesAsync(CancellationToken ct = default) => Driver.GetMessagesAsync(Reference, ct);

    /// <summary>Re-reads name/UUID/id (e.g. after the domain was started elsewhere).</summary>
    public async Task RefreshAsync(CancellationToken ct = default) =>
        Reference = await Driver.LookupByUuidAsync(Reference.Uuid, ct).ConfigureAwait(false);
}
