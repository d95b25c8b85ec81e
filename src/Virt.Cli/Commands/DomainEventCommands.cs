using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>
/// virsh's "Domain Events" group (virsh-domain-event.c): <c>event</c> waits for events and prints
/// them as virsh does. Drivers raise lifecycle events; the other types can be waited for but no
/// driver raises them yet.
/// </summary>
public static class DomainEventCommands
{
    /// <summary>virsh 9.0's event types, in its order (what <c>event --list</c> prints).</summary>
    public static readonly string[] EventNames =
    [
        "lifecycle", "reboot", "rtc-change", "watchdog", "io-error", "graphics", "io-error-reason", "control-error",
        "block-job", "disk-change", "tray-change", "pm-wakeup", "pm-suspend", "balloon-change", "pm-suspend-disk",
        "device-removed", "block-job-2", "tunable", "agent-lifecycle", "device-added", "migration-iteration",
        "job-completed", "device-removal-failed", "metadata-change", "block-threshold", "memory-failure",
        "memory-device-size-change",
    ];

    public static IEnumerable<CommandFactory> Factories => [new("event", Event)];

    private static VirshCommand Event(CommandContext ctx)
    {
        var cmd = new VirshCommand("event", "Domain Events", VirshGroup.Events, "List event types, or wait for domain events to occur");
        var domain = cmd.Text("domain", "filter by domain name, id or uuid");
        var eventName = cmd.Text("event", "which event type to wait for");
        var all = cmd.Flag("all", "wait for all events instead of just one type");
        var loop = cmd.Flag("loop", "loop until timeout or interrupt, rather than one-shot");
        var timeout = cmd.Number("timeout", "timeout seconds");
        var list = cmd.Flag("list", "list valid event types");
        var timestamp = cmd.Flag("timestamp", "show timestamp for each printed event");
        cmd.SetAction(async (parse, ct) =>
        {
            bool optAll = parse.GetValue(all), optList = parse.GetValue(list);
            var optEvent = parse.GetValue(eventName) is not null;
            Exclusive(optAll, optEvent, "all", "event");
            Exclusive(optList, optAll, "list", "all");
            Exclusive(optList, optEvent, "list", "event");
            if (optList)
            {
                foreach (var name in EventNames) ctx.Print(name + "\n");
                return 0;
            }
            var wanted = parse.OptionalText(eventName);
            if (wanted is null && !optAll) throw new CommandFailure("one of --list, --all, or --event <type> is required");
            if (wanted is not null && !EventNames.Contains(wanted)) throw new CommandFailure($"unknown event type {wanted}");
            var seconds = TimeoutSeconds(parse, timeout);
            Guid? only = null;
            if (parse.GetValue(domain) is not null)
                only = (await ctx.DomainAsync("event", "domain", parse.OptionalText(domain)!, ct)).Uuid;

            var lifecycle = wanted is null or "lifecycle";
            var isLoop = parse.GetValue(loop);
            var withTime = parse.GetValue(timestamp);
            var events = Channel.CreateUnbounded<DomainLifecycleEvent>();
            void OnEvent(DomainLifecycleEvent e)
            {
                if (only is null || e.Domain.Uuid == only) events.Writer.TryWrite(e);
            }

            var driver = ctx.Connection.Driver;
            if (lifecycle) driver.DomainLifecycle += OnEvent;
            IAsyncDisposable? external = null;
            try
            {
                external = await driver.WatchExternalEventsAsync(ct);
            }
            catch (VirtException ex) when (ex.Code == ErrorCode.NoSupport)
            {
                // every change this driver knows of comes through this connection
            }
            var count = 0;
            string? ending = null;
            using var deadline = seconds is { } s ? new CancellationTokenSource(TimeSpan.FromSeconds(s)) : new CancellationTokenSource();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            try
            {
                await ctx.Out.FlushAsync(CancellationToken.None);
                while (true)
                {
                    DomainLifecycleEvent e;
                    try
                    {
                        e = await events.Reader.ReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        ending = ct.IsCancellationRequested ? "event loop interrupted\n" : "event loop timed out\n";
                        break;
                    }
                    if (withTime) ctx.Print(Timestamp() + ": ");
                    ctx.Print($"event 'lifecycle' for domain '{e.Domain.Name}': {EventText(e.Event)} {DetailText(e.Event, e.Detail)}\n");
                    await ctx.Out.FlushAsync(CancellationToken.None);
                    count++;
                    if (!isLoop) break;
                }
            }
            finally
            {
                if (lifecycle) driver.DomainLifecycle -= OnEvent;
                if (external is not null) await external.DisposeAsync();
            }
            if (ending is not null) ctx.Print(ending);
            ctx.Print($"events received: {count}\n");
            return count > 0 ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>virsh's <c>vshCommandOptTimeoutToMs</c>: a positive number of seconds that fits in milliseconds.</summary>
    private static uint? TimeoutSeconds(ParseResult parse, Option<string> option)
    {
        var text = parse.GetValue(option);
        if (text is null) return null;
        if (!VirshNumbers.TryParseUIntStrict(text, out var value)) throw Malformed(text, option);
        if (value == 0 || value > int.MaxValue / 1000) throw Malformed(value.ToString(CultureInfo.InvariantCulture), option);
        return value;
    }

    /// <summary>libvirt's <c>virTimeStringNowRaw</c>: UTC with milliseconds.</summary>
    private static string Timestamp() =>
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    public static string EventText(DomainEventType type) => type switch
    {
        DomainEventType.Defined => "Defined",
        DomainEventType.Undefined => "Undefined",
        DomainEventType.Started => "Started",
        DomainEventType.Suspended => "Suspended",
        DomainEventType.Resumed => "Resumed",
        DomainEventType.Stopped => "Stopped",
        DomainEventType.Shutdown => "Shutdown",
        DomainEventType.PmSuspended => "PMSuspended",
        DomainEventType.Crashed => "Crashed",
        _ => "unknown",
    };

    /// <summary>virsh's detail words for each event type.</summary>
    public static string DetailText(DomainEventType type, int detail)
    {
        string[] names = type switch
        {
            DomainEventType.Defined => ["Added", "Updated", "Renamed", "Snapshot"],
            DomainEventType.Undefined => ["Removed", "Renamed"],
            DomainEventType.Started => ["Booted", "Migrated", "Restored", "Snapshot", "Event wakeup"],
            DomainEventType.Suspended => ["Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error", "Post-copy", "Post-copy Error"],
            DomainEventType.Resumed => ["Unpaused", "Migrated", "Snapshot", "Post-copy"],
            DomainEventType.Stopped => ["Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot"],
            DomainEventType.Shutdown => ["Finished", "Finished after guest request", "Finished after host request"],
            DomainEventType.PmSuspended => ["Memory", "Disk"],
            DomainEventType.Crashed => ["Panicked", "Crashloaded"],
            _ => [],
        };
        return detail >= 0 && detail < names.Length ? names[detail] : "unknown";
    }
}
