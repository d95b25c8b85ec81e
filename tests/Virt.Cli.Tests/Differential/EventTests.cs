using System.Text.RegularExpressions;

namespace Virt.Cli.Tests.Differential;

/// <summary>
/// Events as they arrive. virsh cannot show these against the test driver (each virsh process has
/// its own), so the lines are checked against virsh's format strings (virsh-domain-event.c): one
/// run waits while a second run in the same process, sharing the driver as libvirt's connections
/// do, changes domains.
/// </summary>
public sealed partial class EventTests
{
    private static async Task<(CliResult Events, CliResult Changes)> WatchAsync(string eventCommand, string changes)
    {
        CliResult events = null!, changed = null!;
        await CliRun.ExclusiveAsync(async () =>
        {
            var outW = new StringWriter();
            var errW = new StringWriter();
            var watching = Program.RunAsync(["-c", CliRun.TestUri, eventCommand], outW, errW, CliRun.CleanEnvironment);
            await Task.Delay(1000);
            var out2 = new StringWriter();
            var err2 = new StringWriter();
            var code = await Program.RunAsync(["-c", CliRun.TestUri, changes], out2, err2, CliRun.CleanEnvironment);
            changed = new CliResult(out2.ToString(), err2.ToString(), code);
            var exit = await watching;
            events = new CliResult(outW.ToString(), errW.ToString(), exit);
        });
        return (events, changed);
    }

    [Fact]
    public async Task EveryLifecycleEventInOrder()
    {
        var (events, changes) = await WatchAsync("event --all --loop --timeout 3",
            $"suspend test; resume test; destroy test; start test; define {Fixtures.Lab1}; undefine lab1; create {Fixtures.Lab1}; shutdown lab1");
        Assert.Equal(0, changes.ExitCode);
        Assert.Equal(new CliResult(
            "event 'lifecycle' for domain 'test': Suspended Paused\n" +
            "event 'lifecycle' for domain 'test': Resumed Unpaused\n" +
            "event 'lifecycle' for domain 'test': Stopped Destroyed\n" +
            "event 'lifecycle' for domain 'test': Started Booted\n" +
            "event 'lifecycle' for domain 'lab1': Defined Added\n" +
            "event 'lifecycle' for domain 'lab1': Undefined Removed\n" +
            "event 'lifecycle' for domain 'lab1': Started Booted\n" +
            "event 'lifecycle' for domain 'lab1': Stopped Shutdown\n" +
            "event loop timed out\nevents received: 8\n\n", "", 0), events);
    }

    [Fact]
    public async Task OneShotForOneDomain()
    {
        var (events, _) = await WatchAsync("event --domain test --event lifecycle --timeout 5",
            $"define {Fixtures.Lab1}; suspend test; resume test");
        Assert.Equal(new CliResult("event 'lifecycle' for domain 'test': Suspended Paused\nevents received: 1\n\n", "", 0), events);
    }

    [Fact]
    public async Task OtherEventTypesWaitWithoutLifecycleEvents()
    {
        var (events, _) = await WatchAsync("event --event reboot --loop --timeout 2", "suspend test; resume test");
        Assert.Equal(new CliResult("event loop timed out\nevents received: 0\n\n", "", 1), events);
    }

    [Fact]
    public async Task Timestamps()
    {
        var (events, _) = await WatchAsync("event --all --timestamp --timeout 5", "destroy test");
        Assert.Matches(TimestampedLine(), events.Stdout);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: event 'lifecycle' for domain 'test': Stopped Destroyed\nevents received: 1\n\n$")]
    private static partial Regex TimestampedLine();
}
