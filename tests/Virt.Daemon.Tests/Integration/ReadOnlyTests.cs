using Virt.Daemon.Tests.Infrastructure;

namespace Virt.Daemon.Tests.Integration;

/// <summary>
/// The read-only socket: anyone may connect (0666, the read-write one is 0600), reads work, and
/// every state change is refused by the server itself — not only by a client library that asked
/// for read-only.
/// </summary>
public sealed class ReadOnlyTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private DaemonProcess Daemon => fixture.Daemon;

    [Fact]
    public void Socket_modes()
    {
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Daemon.SocketPath));
        Assert.Equal((UnixFileMode)0b110_110_110, File.GetUnixFileMode(Daemon.ReadOnlySocketPath));
    }

    [Fact]
    public async Task Reads_work_and_every_state_change_is_refused_by_the_server()
    {
        var xml = Guests.WriteXml(Daemon, "ro1");
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.Uri, "define", xml)).ExitCode);

        var list = await Clients.VirshAsync(Daemon.ReadOnlyUri, "-r", "list", "--all");
        Assert.True(list.ExitCode == 0 && list.Stdout.Contains(" -    ro1    shut off"), list.ToString());
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.ReadOnlyUri, "-r", "dominfo", "ro1")).ExitCode);
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.ReadOnlyUri, "-r", "dumpxml", "ro1")).ExitCode);

        // virsh -r: the client library refuses before sending anything.
        var start = await Clients.VirshAsync(Daemon.ReadOnlyUri, "-r", "start", "ro1");
        Assert.Equal((1, "error: Failed to start domain 'ro1'\nerror: operation forbidden: read only access prevents virDomainCreate\n"),
            (start.ExitCode, start.Stderr));

        // Without -r the library sends the calls; the server refuses them (VIR_ERR_OPERATION_DENIED).
        foreach (var (args, api) in new[]
                 {
                     (new[] { "start", "ro1" }, "virDomainCreate"),
                     (new[] { "autostart", "ro1" }, "virDomainSetAutostart"),
                     (new[] { "undefine", "ro1" }, "virDomainUndefineFlags"),
                     (new[] { "define", xml }, "virDomainDefineXML"),
                     (new[] { "create", xml }, "virDomainCreateXML"),
                 })
        {
            var r = await Clients.VirshAsync(Daemon.ReadOnlyUri, args);
            Assert.Equal(1, r.ExitCode);
            Assert.EndsWith($"error: operation forbidden: read only access prevents {api}\n", r.Stderr);
        }
        var secure = await Clients.VirshAsync(Daemon.ReadOnlyUri, "dumpxml", "--security-info", "ro1");
        Assert.Equal((1, "error: operation forbidden: virDomainGetXMLDesc with secure flag\n"), (secure.ExitCode, secure.Stderr));

        // Nothing changed.
        var after = await Clients.VirshAsync(Daemon.Uri, "dominfo", "ro1");
        Assert.Contains("State:          shut off\n", after.Stdout);
        Assert.Contains("Autostart:      disable\n", after.Stdout);
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.Uri, "undefine", "ro1")).ExitCode);
    }
}
