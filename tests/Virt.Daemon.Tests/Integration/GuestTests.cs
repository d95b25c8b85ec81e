using Virt.Daemon.Tests.Infrastructure;
using Virt.Engine.Tests.Qemu;
using static Virt.Daemon.Tests.Infrastructure.VirshFormat;

namespace Virt.Daemon.Tests.Integration;

/// <summary>
/// The example guest booted under TCG through virsh and virtd: its console in a real terminal
/// (both directions, Ctrl+] to leave), a graceful shutdown, and lifecycle events as they happen.
/// </summary>
public sealed class GuestTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string Registration = "registered event callback";

    private DaemonProcess Daemon => fixture.Daemon;

    private async Task<string> Virsh(params string[] args)
    {
        var r = await Clients.VirshAsync(Daemon.Uri, args);
        Assert.True(r.ExitCode == 0, $"virsh {string.Join(' ', args)}: {r}");
        return r.Stdout;
    }

    [Fact]
    public async Task Define_start_console_shows_the_boot_then_shutdown_reaches_shut_off()
    {
        await Virsh("define", Guests.WriteTinyXml(Daemon));
        // Started paused, so the console is attached before the guest prints anything.
        Assert.Equal(Line("Domain 'tiny' started"), await Virsh("start", "--paused", "tiny"));

        var console = await Clients.PythonAsync("console.py", Daemon.Uri, "tiny", GuestImage.ReadyMarker);
        Assert.True(console.ExitCode == 0, console.ToString());
        Assert.Contains("ATTACHED\nRESUME 0 Domain 'tiny' resumed", console.Stdout);
        Assert.Contains("MARKER\nECHO\nEXIT 0\n", console.Stdout);
        Assert.Contains("Connected to domain 'tiny'", console.Stdout);
        // What the guest printed came through the console stream, not only into the log file.
        Assert.Contains("Linux version", console.Stdout);

        // The console is free again after Ctrl+], and the guest kept running.
        Assert.Equal(Line("running"), await Virsh("domstate", "tiny"));

        Assert.Equal(Line("Domain 'tiny' is being shutdown"), await Virsh("shutdown", "tiny"));
        await Guests.WaitForStateAsync(Daemon, "tiny", "shut off");
        Assert.Equal(Line("shut off (shutdown)"), await Virsh("domstate", "--reason", "tiny"));
        Assert.Equal(List(("-", "tiny", "shut off")), await Virsh("list", "--all"));
        await Virsh("undefine", "tiny");
    }

    [Fact]
    public async Task Virsh_event_receives_lifecycle_events_in_order()
    {
        var registered = Daemon.CountInLog(Registration);
        using var listener = EventListener.Start(Daemon.Uri);
        // Once the listener is registered, every change below is reported to it.
        await Daemon.WaitForLogAsync(Registration, TimeSpan.FromSeconds(60), registered + 1);

        await Virsh("define", Guests.WriteXml(Daemon, "ev1"));
        await Virsh("start", "ev1");
        await Virsh("suspend", "ev1");
        await Virsh("resume", "ev1");
        await Virsh("destroy", "ev1");
        await Virsh("undefine", "ev1");

        Assert.Equal("""
            event 'lifecycle' for domain 'ev1': Defined Added
            event 'lifecycle' for domain 'ev1': Resumed Unpaused
            event 'lifecycle' for domain 'ev1': Started Booted
            event 'lifecycle' for domain 'ev1': Suspended Paused
            event 'lifecycle' for domain 'ev1': Resumed Unpaused
            event 'lifecycle' for domain 'ev1': Shutdown Finished after host request
            event 'lifecycle' for domain 'ev1': Stopped Destroyed
            event 'lifecycle' for domain 'ev1': Undefined Removed
            event loop interrupted
            events received: 8


            """.Replace("\r", "", StringComparison.Ordinal), await listener.StopAfterAsync(8, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Events_go_only_to_the_domain_a_listener_asked_for()
    {
        await Virsh("define", Guests.WriteXml(Daemon, "ev2"));
        await Virsh("define", Guests.WriteXml(Daemon, "ev3"));
        var registered = Daemon.CountInLog(Registration);
        using var listener = EventListener.Start(Daemon.Uri, "--domain", "ev3");
        await Daemon.WaitForLogAsync(Registration, TimeSpan.FromSeconds(60), registered + 1);
        await Virsh("undefine", "ev2");
        await Virsh("undefine", "ev3");
        Assert.Equal("event 'lifecycle' for domain 'ev3': Undefined Removed\nevent loop interrupted\nevents received: 1\n\n",
            await listener.StopAfterAsync(1, TimeSpan.FromMinutes(5)));
    }
}
