using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Daemon.Config;
using Virt.Engine.Qemu;
using Virt.Engine.Test;

namespace Virt.Daemon.Drivers;

/// <summary>
/// A driver as one client connection holds it: the daemon's shared qemu driver (never disposed by a
/// connection) or a driver opened for that connection alone (the test driver).
/// </summary>
internal sealed class DriverLease(IHypervisorDriver driver, string uri, bool owned) : IAsyncDisposable
{
    public IHypervisorDriver Driver { get; } = driver;

    /// <summary>The URI as the connection opened it; CONNECT_GET_URI answers it.</summary>
    public string Uri { get; } = uri;

    public ValueTask DisposeAsync() => owned ? Driver.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>
/// The drivers virtd serves and which URI reaches which (libvirtd's driver probing). One
/// <see cref="QemuDriver"/> serves every connection for the daemon's whole life: its state is on disk,
/// and one instance sees every change it makes, so its events reach every client. <c>test:///default</c>
/// is opened per connection, as libvirt's test driver is.
/// </summary>
internal sealed class DriverHub : IAsyncDisposable
{
    private readonly DaemonSettings _settings;
    private readonly TestDriverFactory _test = new();

    public DriverHub(DaemonSettings settings)
    {
        _settings = settings;
        Qemu = new QemuDriver(settings.QemuPaths, settings.CanonicalUri);
    }

    public QemuDriver Qemu { get; }

    /// <summary>
    /// CONNECT_OPEN: null or "" = the daemon's own URI; <c>qemu:///system</c> and <c>qemu:///session</c>
    /// (a system daemon serves both from one driver, as libvirt's privileged qemu driver does; a session
    /// daemon only the latter); <c>test:///default</c>. Anything else: "no connection driver available".
    /// </summary>
    public async Task<DriverLease> OpenAsync(string? name, bool readOnly, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name)) return new DriverLease(Qemu, _settings.CanonicalUri, owned: false);

        ConnectUri uri;
        try
        {
            uri = ConnectUri.Parse(name);
        }
        catch (VirtException)
        {
            throw VirtErrors.NoConnect(name);
        }

        if (uri.Driver == "qemu" && uri.Transport is null && uri.Host.Length == 0)
        {
            var allowed = _settings.Mode == DaemonMode.System ? uri.Path is "/system" or "/session" : uri.Path == "/session";
            if (!allowed)
            {
                throw VirtErrors.Internal(
                    $"unexpected QEMU URI path '{uri.Path}', try {_settings.CanonicalUri}", ErrorDomain.Qemu);
            }
            return new DriverLease(Qemu, name, owned: false);
        }

        if (_test.Accepts(uri))
        {
            var flags = readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None;
            return new DriverLease(await _test.OpenAsync(uri, flags, ct).ConfigureAwait(false), name, owned: true);
        }

        throw VirtErrors.NoConnect(name);
    }

    public ValueTask DisposeAsync() => Qemu.DisposeAsync();
}
