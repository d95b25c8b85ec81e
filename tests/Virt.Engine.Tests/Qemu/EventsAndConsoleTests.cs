using System.Collections.Concurrent;
using System.Text;
using Virt.Api.Domains;
using Virt.Api.Errors;

namespace Virt.Engine.Tests.Qemu;

/// <summary>Lifecycle events and the serial console of a real guest, through the engine.</summary>
[Collection("qemu")]
public sealed class EventsAndConsoleTests : IAsyncLifetime
{
    private readonly EngineRoot _root = new();

    public Task InitializeAsync()
    {
        GuestImage.EnsurePresent();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _root.DisposeAsync().AsTask();

    [Fact]
    public async Task Events_arrive_in_order_for_define_start_suspend_resume_destroy_undefine()
    {
        await using var conn = await _root.OpenAsync();
        var events = new ConcurrentQueue<DomainLifecycleEvent>();
        conn.Driver.DomainLifecycle += events.Enqueue;

        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("ev", _root.ConsoleLog("ev")));
        await dom.StartAsync();
        var id = dom.Id;
        await dom.SuspendAsync();
        await dom.ResumeAsync();
        await dom.DestroyAsync();
        await dom.UndefineAsync();

        var seen = events.Select(e => (e.Domain.Name, e.Event, e.Detail, e.Domain.Id)).ToList();
        Assert.Equal(
        [
            ("ev", DomainEventType.Defined, DomainEventDetail.DefinedAdded, -1),
            ("ev", DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused, id),
            ("ev", DomainEventType.Started, DomainEventDetail.StartedBooted, id),
            ("ev", DomainEventType.Suspended, DomainEventDetail.SuspendedPaused, id),
            ("ev", DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused, id),
            ("ev", DomainEventType.Shutdown, DomainEventDetail.ShutdownHost, id),
            ("ev", DomainEventType.Stopped, DomainEventDetail.StoppedDestroyed, -1),
            ("ev", DomainEventType.Undefined, DomainEventDetail.UndefinedRemoved, -1),
        ], seen);
    }

    [Fact]
    public async Task Guest_poweroff_is_reported_as_shutdown_then_stopped()
    {
        await using var conn = await _root.OpenAsync();
        var stopped = new TaskCompletionSource<List<DomainLifecycleEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new ConcurrentQueue<DomainLifecycleEvent>();
        conn.Driver.DomainLifecycle += e =>
        {
            events.Enqueue(e);
            if (e.Event == DomainEventType.Stopped) stopped.TrySetResult(events.ToList());
        };
        var dom = await conn.CreateXmlAsync(GuestImage.DomainXml("evoff", _root.ConsoleLog("evoff")));
        await _root.WaitForConsoleAsync("evoff", GuestImage.ReadyMarker, TimeSpan.FromSeconds(90));
        await dom.ShutdownAsync();
        // The engine's exit watcher notices QEMU's exit by itself: no further call is needed.
        var all = await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((DomainEventType.Shutdown, DomainEventDetail.ShutdownGuest), (all[^2].Event, all[^2].Detail));
        Assert.Equal((DomainEventType.Stopped, DomainEventDetail.StoppedShutdown), (all[^1].Event, all[^1].Detail));
        await Assert.ThrowsAsync<VirtException>(() => conn.LookupByNameAsync("evoff")); // transient: gone
    }

    [Fact]
    public async Task Console_stream_reads_the_guest_and_types_into_its_shell()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.CreateXmlAsync(GuestImage.DomainXml("con", _root.ConsoleLog("con")));
        await _root.WaitForConsoleAsync("con", GuestImage.ReadyMarker, TimeSpan.FromSeconds(90));
        await using var console = await conn.Driver.OpenConsoleAsync(dom.Reference, null, DomainConsoleFlags.None);
        var seen = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[4096];
        // The guest's shell answers arithmetic, which proves both directions work.
        await console.WriteAsync("echo answer-$((6*7))\r"u8.ToArray(), cts.Token);
        while (!seen.ToString().Contains("answer-42", StringComparison.Ordinal))
        {
            var n = await console.ReadAsync(buffer, cts.Token);
            if (n == 0) break;
            seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        Assert.Contains("answer-42", seen.ToString());
        await dom.DestroyAsync();
    }

    [Fact]
    public async Task A_second_console_needs_force_which_ends_the_first()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.CreateXmlAsync(GuestImage.DomainXml("con2", _root.ConsoleLog("con2")), DomainCreateFlags.Paused);
        var first = await conn.Driver.OpenConsoleAsync(dom.Reference, null, DomainConsoleFlags.None);
        var second = await Assert.ThrowsAsync<VirtException>(() => conn.Driver.OpenConsoleAsync(dom.Reference, null, DomainConsoleFlags.None));
        Assert.Equal("operation failed: Active console session exists for this domain", second.Message);
        await using var forced = await conn.Driver.OpenConsoleAsync(dom.Reference, null, DomainConsoleFlags.Force);
        Assert.Equal(0, await first.ReadAsync(new byte[16])); // the first session has ended
        await dom.DestroyAsync();
    }

    [Fact]
    public async Task Console_of_a_stopped_domain_is_refused()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("conoff", _root.ConsoleLog("conoff")));
        var ex = await Assert.ThrowsAsync<VirtException>(() => conn.Driver.OpenConsoleAsync(dom.Reference, null, DomainConsoleFlags.None));
        Assert.Equal("Requested operation is not valid: domain is not running", ex.Message);
    }

    [Fact]
    public async Task Autostart_starts_marked_domains_only()
    {
        await using var conn = await _root.OpenAsync();
        var marked = await conn.DefineXmlAsync(GuestImage.DomainXml("auto1", _root.ConsoleLog("auto1")));
        await conn.DefineXmlAsync(GuestImage.DomainXml("auto2", _root.ConsoleLog("auto2")));
        await marked.SetAutostartAsync(true);
        var driver = (Virt.Engine.Qemu.QemuDriver)conn.Driver;
        Assert.Equal(1, await driver.AutostartAsync());
        Assert.True(await (await conn.LookupByNameAsync("auto1")).IsActiveAsync());
        Assert.False(await (await conn.LookupByNameAsync("auto2")).IsActiveAsync());
        Assert.Equal(0, await driver.AutostartAsync()); // already running: nothing to do
        await (await conn.LookupByNameAsync("auto1")).DestroyAsync();
    }
}
