using Virt.Engine.Events;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Engine.Host;
using Virt.Engine.Qemu.Process;
using Virt.Engine.Qemu.Store;
using Virt.Model.Domains;

namespace Virt.Engine.Qemu;

public sealed partial class QemuDriver
{
    private QemuLauncher Launcher => new(_store, Capabilities);

    public async Task<DomainRef> DefineXmlAsync(string xml, DomainDefineFlags flags, CancellationToken ct = default)
    {
        CheckWritable(flags == DomainDefineFlags.None ? "virDomainDefineXML" : "virDomainDefineXMLFlags");
        CheckFlags(flags, DomainDefineFlags.Validate, "qemuDomainDefineXMLFlags");
        var def = ParseForDefine(xml);
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var existing = CheckNameAndUuid(def);
        _store.WriteConfig(def);
        var result = new DomainRef(def.Name, def.Uuid!.Value, existing?.Status?.Id ?? DomainRef.InactiveId);
        _events.Queue(result, DomainEventType.Defined,
            existing?.IsPersistent == true ? DomainEventDetail.DefinedUpdated : DomainEventDetail.DefinedAdded);
        return result;
    }

    public async Task UndefineAsync(DomainRef domain, DomainUndefineFlags flags, CancellationToken ct = default)
    {
        CheckWritable("virDomainUndefineFlags");
        CheckFlags(flags, (DomainUndefineFlags)0x7F, "qemuDomainUndefineFlags");
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var d = Resolve(domain);
        if (!d.IsPersistent) throw VirtErrors.OperationInvalid("cannot undefine transient domain");
        // A running domain stays running as a transient one, as in libvirt.
        _store.DeleteConfig(d.Name);
        if (d.Status is null) ShutoffReasonFile.Delete(_store.Paths, d.Name);
        _events.Queue(RefOf(d), DomainEventType.Undefined, DomainEventDetail.UndefinedRemoved);
    }

    public async Task<DomainRef> CreateXmlAsync(string xml, DomainCreateFlags flags, CancellationToken ct = default)
    {
        CheckWritable("virDomainCreateXML");
        CheckFlags(flags, DomainCreateFlags.Paused | DomainCreateFlags.AutoDestroy | DomainCreateFlags.Validate | DomainCreateFlags.ResetNvram, "qemuDomainCreateXML");
        var def = ParseForDefine(xml);
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var existing = CheckNameAndUuid(def);
        if (existing?.Status is not null)
            throw VirtErrors.OperationInvalid($"domain '{def.Name}' is already active", ErrorDomain.Domain);
        return await StartLockedAsync(def, flags, ct).ConfigureAwait(false);
    }

    public async Task<DomainRef> CreateAsync(DomainRef domain, DomainCreateFlags flags, CancellationToken ct = default)
    {
        CheckWritable(flags == DomainCreateFlags.None ? "virDomainCreate" : "virDomainCreateWithFlags");
        CheckFlags(flags, DomainCreateFlags.Paused | DomainCreateFlags.AutoDestroy | DomainCreateFlags.BypassCache |
            DomainCreateFlags.ForceBoot | DomainCreateFlags.ResetNvram, "qemuDomainCreateWithFlags");
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var d = Resolve(domain);
        if (d.Status is not null) throw VirtErrors.AlreadyRunning();
        return await StartLockedAsync(d.Config!.Clone(), flags, ct).ConfigureAwait(false);
    }

    private async Task<DomainRef> StartLockedAsync(DomainDefinition live, DomainCreateFlags flags, CancellationToken ct)
    {
        var status = await Launcher.LaunchAsync(live, flags.HasFlag(DomainCreateFlags.Paused),
            flags.HasFlag(DomainCreateFlags.AutoDestroy), ct).ConfigureAwait(false);
        ShutoffReasonFile.Delete(_store.Paths, live.Name);
        _exitWatcher.Watch(status);
        var started = new DomainRef(live.Name, live.Uuid!.Value, status.Id);
        // libvirt with QEMU reports the first 'cont' as RESUMED, then STARTED; clients see both.
        if (!flags.HasFlag(DomainCreateFlags.Paused)) _events.Queue(started, DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused);
        _events.Queue(started, DomainEventType.Started, DomainEventDetail.StartedBooted);
        if (flags.HasFlag(DomainCreateFlags.Paused)) _events.Queue(started, DomainEventType.Suspended, DomainEventDetail.SuspendedPaused);
        return started;
    }

    public Task ShutdownAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default) =>
        WithMonitorAsync(flags == DomainShutdownFlags.Default ? "virDomainShutdown" : "virDomainShutdownFlags", domain, flags, (lease, _) => lease.Client.SystemPowerdownAsync(ct), ct);

    public Task ResetAsync(DomainRef domain, CancellationToken ct = default) =>
        WithMonitorAsync("virDomainReset", domain, DomainShutdownFlags.Default, (lease, _) => lease.Client.SystemResetAsync(ct), ct);

    /// <summary>
    /// An ACPI reboot, libvirt's "fake reboot": QEMU is told to pause instead of exiting when the
    /// guest powers off, and the power button is pressed. The call returns then, as libvirt's
    /// does; the monitor lease moves to <see cref="PendingReboots"/>, which resets and resumes the
    /// VM once the guest has powered off (or gives up after <see cref="RebootGrace"/>).
    /// </summary>
    public async Task RebootAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default)
    {
        CheckWritable("virDomainReboot");
        CheckAcpiOnly(flags);
        MonitorLease lease;
        using (await _lock.AcquireAsync(ct).ConfigureAwait(false))
        {
            var d = Resolve(domain);
            if (d.Status is not { } status) throw VirtErrors.NotRunning(ErrorDomain.Domain);
            lease = await QemuLauncher.AttachAsync(status, ct).ConfigureAwait(false);
            try
            {
                await MonitorCallAsync(async () =>
                {
                    await lease.Client.Connection.ExecuteAsync("set-action", new { shutdown = "pause" }, ct).ConfigureAwait(false);
                    await lease.Client.SystemPowerdownAsync(ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            catch
            {
                await lease.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        _pendingReboots.Track(CompleteRebootAsync(lease));
    }

    public static readonly TimeSpan RebootGrace = TimeSpan.FromSeconds(60);

    private static async Task CompleteRebootAsync(MonitorLease lease)
    {
        await using (lease.ConfigureAwait(false))
        {
            try
            {
                if (await lease.WaitForEventAsync(Monitor.QmpEventNames.Shutdown, RebootGrace, CancellationToken.None).ConfigureAwait(false))
                {
                    await lease.Client.SystemResetAsync().ConfigureAwait(false);
                    await lease.Client.ContAsync().ConfigureAwait(false);
                }
                await lease.Client.Connection.ExecuteAsync("set-action", new { shutdown = "poweroff" }).ConfigureAwait(false);
            }
            catch (Monitor.QmpException)
            {
                // QEMU went away meanwhile; the exit watcher or the next call reconciles its state.
            }
        }
    }

    public async Task SuspendAsync(DomainRef domain, CancellationToken ct = default) =>
        await WithMonitorAsync("virDomainSuspend", domain, DomainShutdownFlags.Default, async (lease, status) =>
        {
            if (status.State.State == DomainState.Paused) return;
            await lease.Client.StopAsync(ct).ConfigureAwait(false);
            status.State = DomainStateInfo.Of(PausedReason.User);
            _store.WriteStatus(status);
            _events.Queue(RefOf(status), DomainEventType.Suspended, DomainEventDetail.SuspendedPaused);
        }, ct).ConfigureAwait(false);

    public async Task ResumeAsync(DomainRef domain, CancellationToken ct = default) =>
        await WithMonitorAsync("virDomainResume", domain, DomainShutdownFlags.Default, async (lease, status) =>
        {
            if (status.State.State == DomainState.Running) throw VirtErrors.OperationInvalid("domain is already running");
            await lease.Client.ContAsync(ct).ConfigureAwait(false);
            status.State = DomainStateInfo.Of(RunningReason.Unpaused);
            _store.WriteStatus(status);
            _events.Queue(RefOf(status), DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused);
        }, ct).ConfigureAwait(false);

    public async Task DestroyAsync(DomainRef domain, DomainDestroyFlags flags, CancellationToken ct = default)
    {
        CheckWritable(flags == DomainDestroyFlags.None ? "virDomainDestroy" : "virDomainDestroyFlags");
        CheckFlags(flags, DomainDestroyFlags.Graceful | DomainDestroyFlags.RemoveLogs, "qemuDomainDestroyFlags");
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var d = Resolve(domain);
        if (d.Status is not { } status) throw VirtErrors.NotRunning(ErrorDomain.Domain);
        var graceful = flags.HasFlag(DomainDestroyFlags.Graceful);
        if (!await QemuLauncher.KillAsync(status, graceful, ct).ConfigureAwait(false))
            throw VirtErrors.OperationFailed("failed to kill qemu process with SIGTERM");
        _events.Queue(RefOf(d), DomainEventType.Shutdown, DomainEventDetail.ShutdownHost);
        Finish(d, DomainStateInfo.Of(ShutoffReason.Destroyed));
    }

    /// <summary>The shared shape of monitor-driven calls: check access, lock, check the domain runs, lease the monitor, act.</summary>
    private async Task WithMonitorAsync(string api, DomainRef domain, DomainShutdownFlags flags,
        Func<MonitorLease, DomainStatus, Task> action, CancellationToken ct)
    {
        CheckWritable(api);
        CheckAcpiOnly(flags);
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var d = Resolve(domain);
        if (d.Status is not { } status) throw VirtErrors.NotRunning(ErrorDomain.Domain);
        await using var lease = await QemuLauncher.AttachAsync(status, ct).ConfigureAwait(false);
        await MonitorCallAsync(() => action(lease, status)).ConfigureAwait(false);
        _exitWatcher.Watch(status);
    }

    private static void CheckAcpiOnly(DomainShutdownFlags flags)
    {
        if ((flags & ~DomainShutdownFlags.AcpiPowerButton) != 0)
            throw VirtErrors.ConfigUnsupported("only the ACPI power button shutdown/reboot mode is supported");
    }

    /// <summary>QMP failures surface as libvirt's errors: a refused command is internal, a lost monitor means QEMU went away.</summary>
    private static async Task MonitorCallAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Monitor.QmpCommandException ex)
        {
            throw VirtErrors.Internal($"unable to execute QEMU command '{ex.Command}': {ex.Description}");
        }
        catch (Monitor.QmpDisconnectedException)
        {
            throw VirtErrors.OperationFailed("domain is no longer running");
        }
    }

    /// <summary>
    /// libvirt's name/UUID rules for define and create: the same name must keep its UUID and the
    /// same UUID its name. Returns the existing domain of that name, if any.
    /// </summary>
    private StoredDomain? CheckNameAndUuid(DomainDefinition def)
    {
        var all = _store.LoadAll();
        var byUuid = all.FirstOrDefault(d => d.Uuid == def.Uuid);
        if (byUuid is not null && byUuid.Name != def.Name)
            throw VirtErrors.OperationFailed($"domain '{byUuid.Name}' is already defined with uuid {def.Uuid:D}", ErrorDomain.Domain);
        var byName = all.FirstOrDefault(d => d.Name == def.Name);
        if (byName is not null && byName.Uuid != def.Uuid)
            throw VirtErrors.OperationFailed($"domain '{def.Name}' already exists with uuid {byName.Uuid:D}", ErrorDomain.Domain);
        return byName;
    }

    /// <summary>
    /// Brings a domain whose QEMU has gone up to date: works out why it stopped, records that,
    /// and drops a transient domain. Call under the lock. Returns null when the domain is gone.
    /// </summary>
    private StoredDomain? Reconcile(StoredDomain? d)
    {
        if (d?.Status is not { } status || ProcStat.IsSameLiveProcess(status.Pid, status.StartTime)) return d;
        var state = ExitClassifier.Classify(_store.Paths.LogFile(d.Name), status.LogOffset);
        Finish(d, state);
        if (ShouldRestart(status.Live, state) && d.Config is not null)
        {
            // on_poweroff/on_crash='restart': the guest stopped, so it starts again.
            var restarted = Launcher.LaunchAsync(d.Config.Clone(), paused: false, autoDestroy: false, CancellationToken.None)
                .GetAwaiter().GetResult();
            ShutoffReasonFile.Delete(_store.Paths, d.Name);
            _exitWatcher.Watch(restarted);
            return d with { Status = restarted };
        }
        return d.IsPersistent ? d with { Status = null } : null;
    }

    private static bool ShouldRestart(DomainDefinition live, DomainStateInfo stop) =>
        ((ShutoffReason)stop.Reason == ShutoffReason.Shutdown && live.OnPoweroff == LifecycleAction.Restart)
        || ((ShutoffReason)stop.Reason == ShutoffReason.Crashed && live.OnCrash == LifecycleAction.Restart);

    private void Finish(StoredDomain d, DomainStateInfo state)
    {
        // The reason first: if this process dies in between, the status (with its dead pid) is
        // still there and the next call reconciles again, instead of a stop without a reason.
        if (d.IsPersistent) ShutoffReasonFile.Write(_store.Paths, d.Name, state.Reason);
        _store.DeleteStatus(d.Name);
        if (d.Status is { } s) File.Delete(s.MonitorSocket);
        var stopped = new DomainRef(d.Name, d.Uuid, DomainRef.InactiveId);
        if ((ShutoffReason)state.Reason == ShutoffReason.Shutdown)
            _events.Queue(stopped, DomainEventType.Shutdown, DomainEventDetail.ShutdownGuest);
        _events.Queue(stopped, DomainEventType.Stopped, (ShutoffReason)state.Reason switch
        {
            ShutoffReason.Shutdown => DomainEventDetail.StoppedShutdown,
            ShutoffReason.Destroyed => DomainEventDetail.StoppedDestroyed,
            _ => DomainEventDetail.StoppedFailed,
        });
    }

    private static DomainRef RefOf(DomainStatus status) => new(status.Live.Name, status.Live.Uuid!.Value, status.Id);

    private async Task OnProcessExitedAsync(DomainStatus exited)
    {
        using var _ = await _lock.AcquireAsync(CancellationToken.None).ConfigureAwait(false);
        var d = _store.Find(x => x.Status is { } s && s.Pid == exited.Pid && s.StartTime == exited.StartTime);
        Reconcile(d);
    }

    /// <summary>
    /// What a daemon does when it starts: watch every running QEMU (so a guest that powers off
    /// is noticed at once, events included), then start the autostart domains — once per host
    /// boot, as libvirt does, so restarting the daemon does not start domains a user stopped.
    /// </summary>
    public async Task<(int Adopted, int Autostarted)> StartupAsync(CancellationToken ct = default)
    {
        var all = await LoadReconciledAsync(ct).ConfigureAwait(false);
        foreach (var d in all)
            if (d.Status is { } status) _exitWatcher.Watch(status);
        var adopted = all.Count(d => d.Status is not null);
        var bootId = HostInfo.BootId();
        var marker = Path.Combine(_store.Paths.RunDir, "autostarted");
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == bootId) return (adopted, 0);
        var started = await AutostartAsync(ct).ConfigureAwait(false);
        AtomicFile.WriteAllText(marker, bootId + "\n");
        return (adopted, started);
    }

    /// <summary>Starts every persistent, inactive domain marked autostart; returns how many started.</summary>
    public async Task<int> AutostartAsync(CancellationToken ct = default)
    {
        var started = 0;
        foreach (var d in await LoadReconciledAsync(ct).ConfigureAwait(false))
        {
            if (!d.Autostart || d.Status is not null) continue;
            try
            {
                await CreateAsync(RefOf(d), DomainCreateFlags.None, ct).ConfigureAwait(false);
                started++;
            }
            catch (VirtException)
            {
                // One domain that cannot start must not keep the others down; its state says why.
            }
        }
        return started;
    }
}
