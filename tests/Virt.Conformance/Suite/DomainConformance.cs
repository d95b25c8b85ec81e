using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Api.Host;

namespace Virt.Conformance.Suite;

/// <summary>
/// The libvirt API's domain semantics, one case list for every backend. The expected values are what
/// libvirt 9.0 does (its own test driver through <c>Virt.Libvirt</c> is the oracle; the QEMU facts are
/// libvirt's QEMU driver's). What differs per backend by design is a small virtual member here, never a
/// skip. A known divergence of one of our backends from libvirt is listed in
/// <see cref="KnownDivergences"/> with its reason; <see cref="Libvirt"/> then asserts that the
/// divergence is still there, so fixing it turns the test red until the entry is removed: the list only shrinks.
/// </summary>
public abstract partial class DomainConformance : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected IHypervisorDriver Driver { get; private set; } = null!;

    // ---- what each backend supplies ---------------------------------------------------------------

    protected abstract Task<IHypervisorDriver> OpenAsync(bool readOnly);

    /// <summary>A minimal definition this backend can define and start.</summary>
    protected abstract string DomainXml(string name, Guid uuid);

    /// <summary><c>virConnectGetType</c>.</summary>
    protected abstract string ExpectedType { get; }

    /// <summary>The error domain of the hypervisor driver's own errors (VIR_FROM_TEST, VIR_FROM_QEMU).</summary>
    protected abstract ErrorDomain DriverDomain { get; }

    /// <summary>Prefix of the driver's function names in <c>virCheckFlags</c> errors (<c>test</c>, <c>qemu</c>).</summary>
    protected abstract string FunctionPrefix { get; }

    /// <summary><c>virDomainGetOSType</c> of <see cref="DomainXml"/>'s domain.</summary>
    protected abstract string ExpectedOsType { get; }

    /// <summary>Memory (KiB) and vCPUs of <see cref="DomainXml"/>'s domain.</summary>
    protected abstract (ulong MemoryKiB, uint Vcpus) ExpectedSize { get; }

    /// <summary>Domains a fresh connection already has (test:///default: <c>test</c>, running, id 1).</summary>
    protected virtual IReadOnlyList<DefaultDomain> DefaultDomains => [];

    /// <summary>A failed lookup. libvirt's test driver gives no detail; its QEMU driver names what it looked for.</summary>
    protected abstract ExpectedError LookupFailed(string what);

    /// <summary>Starting a running domain.</summary>
    protected abstract ExpectedError StartActive(string name);

    /// <summary>Suspend of an inactive domain; resume of an inactive one; shutdown of an inactive one.</summary>
    protected abstract ExpectedError SuspendInactive(string name);
    protected abstract ExpectedError ResumeInactive(string name);
    protected abstract ExpectedError ShutdownInactive(string name);

    /// <summary>Suspend of a paused domain, resume of a running one: an error, or null when the driver treats it as done.</summary>
    protected abstract ExpectedError? SuspendPaused(string name);
    protected abstract ExpectedError? ResumeRunning(string name);

    /// <summary>Autostart on a transient domain: an error, or null when the driver allows it (the test driver does).</summary>
    protected abstract ExpectedError? AutostartTransient(string name);

    /// <summary>Events of a start and of a destroy, in order (QEMU adds RESUMED before STARTED, SHUTDOWN before STOPPED).</summary>
    protected abstract IReadOnlyList<(DomainEventType Type, int Detail)> StartEvents { get; }
    protected abstract IReadOnlyList<(DomainEventType Type, int Detail)> DestroyEvents { get; }

    /// <summary>Asks for a graceful shutdown and returns the state once it has taken effect.</summary>
    protected virtual async Task<DomainStateInfo> ShutdownAndWaitAsync(DomainRef domain)
    {
        await Driver.ShutdownAsync(domain, DomainShutdownFlags.Default);
        return await Driver.GetStateAsync(domain);
    }

    /// <summary>The console: null when the backend has none (then <see cref="ConsoleUnsupported"/> is the error).</summary>
    protected abstract ExpectedError? ConsoleUnsupported { get; }

    /// <summary><c>virDomainGetSecurityLabel</c> of a running domain.</summary>
    protected abstract Api.Host.SecurityLabel RunningSecurityLabel { get; }

    /// <summary>
    /// The state right after <c>virDomainReboot</c> returns, where the driver defines one (the test
    /// driver restarts at once: running/booted); null where the guest reboots in its own time.
    /// </summary>
    protected abstract DomainStateInfo? StateAfterReboot { get; }

    /// <summary>The host's security model as <c>virNodeGetSecurityModel</c> reports it.</summary>
    protected abstract SecurityModel ExpectedSecurityModel { get; }

    /// <summary>How long state changes and events may take to show (QEMU guests are real processes).</summary>
    protected virtual TimeSpan Patience => TimeSpan.FromSeconds(5);

    /// <summary>Known divergences from libvirt, id → reason. Empty for libvirt itself.</summary>
    protected virtual IReadOnlyDictionary<string, string> KnownDivergences => new Dictionary<string, string>();

    public sealed record DefaultDomain(string Name, int Id, DomainStateInfo State, bool Persistent);

    // ---- fixture ---------------------------------------------------------------------------------

    public async Task InitializeAsync() => Driver = await OpenAsync(readOnly: false);

    public async Task DisposeAsync()
    {
        try
        {
            // Persistent backends (QEMU roots, virtd) keep what a test left: remove this test's domains.
            foreach (var d in await Driver.ListAllDomainsAsync(ListDomainsFlags.None))
            {
                if (!d.Name.EndsWith(_run, StringComparison.Ordinal)) continue;
                if (d.IsActive) await Ignore(Driver.DestroyAsync(d, DomainDestroyFlags.None));
                await Ignore(Driver.UndefineAsync(d, DomainUndefineFlags.None));
            }
        }
        finally
        {
            await Driver.DisposeAsync();
            await CleanupAsync();
        }
    }

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    private static async Task Ignore(Task t)
    {
        try
        {
            await t;
        }
        catch (VirtException)
        {
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /// <summary>A name unique to this test run (cleanup finds them by the suffix).</summary>
    protected string Name(string tag) => $"cf{tag}-{_run}";

    protected async Task<DomainRef> DefineAsync(string tag, Guid? uuid = null) =>
        await Driver.DefineXmlAsync(DomainXml(Name(tag), uuid ?? Guid.NewGuid()), DomainDefineFlags.None);

    protected async Task<DomainRef> DefineAndStartAsync(string tag)
    {
        var defined = await DefineAsync(tag);
        return await Driver.CreateAsync(defined, DomainCreateFlags.None);
    }

    protected static async Task<ExpectedError> FailsWith(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<VirtException>(call);
        return ExpectedError.From(ex);
    }

    protected static async Task AssertFails(ExpectedError expected, Func<Task> call) =>
        Assert.Equal(expected, await FailsWith(call));

    /// <summary>Either the call fails with <paramref name="expected"/>, or (null) it succeeds.</summary>
    protected static async Task AssertOutcome(ExpectedError? expected, Func<Task> call)
    {
        if (expected is null) await call();
        else await AssertFails(expected, call);
    }

    /// <summary>
    /// Runs the libvirt assertion <paramref name="check"/>. For a divergence listed in
    /// <see cref="KnownDivergences"/> it must still fail — a fixed divergence is a failing test that
    /// asks for its entry to be removed.
    /// </summary>
    protected async Task Libvirt(string divergence, Func<Task> check)
    {
        if (!KnownDivergences.ContainsKey(divergence))
        {
            await check();
            return;
        }
        var failure = await Record.ExceptionAsync(check);
        Assert.True(failure is not null,
            $"'{divergence}' now behaves as libvirt does: remove it from {GetType().Name}.KnownDivergences");
    }

    protected Task Libvirt(string divergence, Action check) => Libvirt(divergence, () =>
    {
        check();
        return Task.CompletedTask;
    });

    protected async Task<DomainStateInfo> WaitForStateAsync(DomainRef domain, DomainState state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var s = await Driver.GetStateAsync(domain);
            if (s.State == state || DateTime.UtcNow > deadline) return s;
            await Task.Delay(50);
        }
    }

    /// <summary>Only this test's domains (and the backend's default ones) from a list.</summary>
    protected IReadOnlyList<string> Ours(IEnumerable<DomainRef> list) =>
        list.Select(d => d.Name)
            .Where(n => n.EndsWith(_run, StringComparison.Ordinal) || DefaultDomains.Any(dd => dd.Name == n))
            .Order(StringComparer.Ordinal).ToList();
}
