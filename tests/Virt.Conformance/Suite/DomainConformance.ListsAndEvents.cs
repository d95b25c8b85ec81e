using System.Text;
using Virt.Api.Domains;
using Virt.Api.Errors;
using F = Virt.Api.Domains.ListDomainsFlags;

namespace Virt.Conformance.Suite;

public abstract partial class DomainConformance
{
    [Fact]
    public async Task List_filters_or_within_a_pair_and_and_across_pairs()
    {
        // A: persistent, shut off. B: persistent, running, autostart. C: persistent, paused. D: transient, running.
        var a = await DefineAsync("A");
        var b = await DefineAndStartAsync("B");
        await Driver.SetAutostartAsync(b, true);
        var c = await DefineAndStartAsync("C");
        await Driver.SuspendAsync(c);
        var d = await Driver.CreateXmlAsync(DomainXml(Name("D"), Guid.NewGuid()), DomainCreateFlags.None);

        var running = DefaultDomains.Where(x => x.State.State == DomainState.Running).Select(x => x.Name).ToArray();
        var persistentDefaults = DefaultDomains.Where(x => x.Persistent).Select(x => x.Name).ToArray();
        var all = DefaultDomains.Select(x => x.Name).ToArray();
        string[] Expect(params DomainRef[] ours) => ours.Select(x => x.Name).ToArray();

        async Task Check(F flags, IEnumerable<string> expected) =>
            Assert.Equal(expected.Order(StringComparer.Ordinal), Ours(await Driver.ListAllDomainsAsync(flags)));

        await Check(F.None, Expect(a, b, c, d).Concat(all));
        await Check(F.Active, Expect(b, c, d).Concat(all.Intersect(running)));
        await Check(F.Inactive, Expect(a));
        await Check(F.Active | F.Inactive, Expect(a, b, c, d).Concat(all));
        await Check(F.Persistent, Expect(a, b, c).Concat(persistentDefaults));
        await Check(F.Transient, Expect(d));
        await Check(F.Inactive | F.Transient, []);
        await Check(F.Running, Expect(b, d).Concat(running));
        await Check(F.Paused, Expect(c));
        await Check(F.Shutoff, Expect(a));
        await Check(F.Other, []);
        await Check(F.Running | F.Paused, Expect(b, c, d).Concat(running));
        await Check(F.Persistent | F.Running, Expect(b).Concat(running.Intersect(persistentDefaults)));
        await Check(F.Autostart, Expect(b));
        await Check(F.NoAutostart, Expect(a, c, d).Concat(all));
        await Check(F.ManagedSave, []);
        await Check(F.NoManagedSave, Expect(a, b, c, d).Concat(all));
        await Check(F.HasSnapshot, []);
        await Check(F.NoSnapshot, Expect(a, b, c, d).Concat(all));
    }

    [Fact]
    public async Task Lifecycle_events_arrive_in_order()
    {
        using var events = new EventRecorder(Driver);
        var name = Name("events");
        var defined = await Driver.DefineXmlAsync(DomainXml(name, Guid.NewGuid()), DomainDefineFlags.None);
        var started = await Driver.CreateAsync(defined, DomainCreateFlags.None);
        await Driver.SuspendAsync(started);
        await Driver.ResumeAsync(started);
        await Driver.DestroyAsync(started, DomainDestroyFlags.None);
        await Driver.DefineXmlAsync(DomainXml(name, defined.Uuid), DomainDefineFlags.None);
        await Driver.UndefineAsync(defined, DomainUndefineFlags.None);

        var expected = new List<(DomainEventType, int, int)> { (DomainEventType.Defined, DomainEventDetail.DefinedAdded, -1) };
        expected.AddRange(StartEvents.Select(e => (e.Type, e.Detail, started.Id)));
        expected.Add((DomainEventType.Suspended, DomainEventDetail.SuspendedPaused, started.Id));
        expected.Add((DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused, started.Id));
        expected.AddRange(DestroyEvents.Select(e => (e.Type, e.Detail, e.Type == DomainEventType.Stopped ? -1 : started.Id)));
        expected.Add((DomainEventType.Defined, DomainEventDetail.DefinedUpdated, -1));
        expected.Add((DomainEventType.Undefined, DomainEventDetail.UndefinedRemoved, -1));

        var seen = await events.WaitForAsync(name, expected.Count, Patience);
        Assert.All(seen, e => Assert.Equal(defined.Uuid, e.Domain.Uuid));
        await Libvirt("event-ids", () => Assert.Equal(expected, seen.Select(e => (e.Event, e.Detail, e.Domain.Id))));
        Assert.Equal(expected.Select(e => (e.Item1, e.Item2)), seen.Select(e => (e.Event, e.Detail)));
    }

    [Fact]
    public async Task A_transient_domain_reports_started_and_stopped_only()
    {
        using var events = new EventRecorder(Driver);
        var created = await Driver.CreateXmlAsync(DomainXml(Name("tevents"), Guid.NewGuid()), DomainCreateFlags.None);
        await Driver.DestroyAsync(created, DomainDestroyFlags.None);
        var expected = StartEvents.Concat(DestroyEvents).ToList();
        var seen = await events.WaitForAsync(created.Name, expected.Count, Patience);
        Assert.Equal(expected, seen.Select(e => (e.Event, e.Detail)));
    }

    [Fact]
    public async Task Console_opens_on_a_running_domain_or_is_unsupported()
    {
        var started = await DefineAndStartAsync("console");
        if (ConsoleUnsupported is { } unsupported)
        {
            var error = await FailsWith(() => Driver.OpenConsoleAsync(started, null, DomainConsoleFlags.None));
            await Libvirt("console-unsupported-error-domain", () => Assert.Equal(unsupported, error));
            return;
        }
        await using var console = await Driver.OpenConsoleAsync(started, null, DomainConsoleFlags.None);
        await ExpectConsoleOutputAsync(started, console);
    }

    /// <summary>For backends with consoles: what a freshly started guest prints, and how to talk to it.</summary>
    protected virtual Task ExpectConsoleOutputAsync(DomainRef domain, Stream console) =>
        throw new VirtException(ErrorCode.NoSupport, ErrorDomain.None, "backend declares a console but no console check");

    protected static async Task<string> ReadUntilAsync(Stream stream, string marker, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{marker}' not seen on the console within {timeout}; got: {text}");
            }
            if (n == 0) throw new EndOfStreamException($"console closed before '{marker}'; got: {text}");
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return text.ToString();
    }
}
