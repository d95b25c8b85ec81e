namespace Virt.Daemon.Tests.Infrastructure;

/// <summary>One daemon shared by the tests of a class (each test uses domains of its own names).</summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    private DaemonProcess? _daemon;

    public DaemonProcess Daemon => _daemon ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _daemon = await DaemonProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
    }
}
