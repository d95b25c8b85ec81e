using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Api.Host;
using Virt.Model;
using Virt.Model.Domains;

namespace Virt.Engine.Test;

/// <summary>
/// libvirt's <c>test:///default</c> driver: an in-memory hypervisor with one running domain
/// (<c>test</c>), the same state transitions, the same error texts. Every method works under the
/// state lock and never awaits, so each is atomic the way libvirt's object locks make them.
/// </summary>
public sealed partial class TestDriver : IHypervisorDriver
{
    private const uint AllListFlags = 0xFFFF;

    private readonly TestDriverState _state;
    private readonly bool _readOnly;
    private int _disposed;

    internal TestDriver(string uri, TestDriverState state, bool readOnly)
    {
        Uri = uri;
        _state = state;
        _readOnly = readOnly;
    }

    public string Uri { get; }
    public string Type => TestDefaultConfig.Type;

    // ---- host -------------------------------------------------------------------------------

    public Task<ulong> GetHypervisorVersionAsync(CancellationToken ct = default) =>
        Run(() => TestDefaultConfig.HypervisorVersion);

    public Task<string> GetHostnameAsync(CancellationToken ct = default) => Run(LocalHostname.Get);

    public Task<NodeInfo> GetNodeInfoAsync(CancellationToken ct = default) => Run(() => TestDefaultConfig.Node);

    // ---- lookups ----------------------------------------------------------------------------

    public Task<IReadOnlyList<DomainRef>> ListAllDomainsAsync(ListDomainsFlags flags, CancellationToken ct = default) =>
        Locked<IReadOnlyList<DomainRef>>(() =>
        {
            TestErrors.CheckFlags((uint)flags, AllListFlags, "testConnectListAllDomains");
            return _state.Domains.Where(d => TestListFilter.Matches(d, flags)).Select(d => d.Ref).ToList();
        });

    public Task<DomainRef> LookupByNameAsync(string name, CancellationToken ct = default) =>
        Locked(() => (_state.FindByName(name) ?? throw TestErrors.NoDomain()).Ref);

    public Task<DomainRef> LookupByUuidAsync(Guid uuid, CancellationToken ct = default) =>
        Locked(() => (_state.FindByUuid(uuid) ?? throw TestErrors.NoDomain()).Ref);

    public Task<DomainRef> LookupByIdAsync(int id, CancellationToken ct = default) =>
        Locked(() =>
        {
            if (id < 0) throw TestErrors.NegativeId();
            return (_state.FindById(id) ?? throw TestErrors.NoDomain()).Ref;
        });

    // ---- define, create, undefine -----------------------------------------------------------

    public Task<DomainRef> DefineXmlAsync(string xml, DomainDefineFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainDefineXML" + (flags == DomainDefineFlags.None ? "" : "Flags"));
            TestErrors.CheckFlags((uint)flags, (uint)DomainDefineFlags.Validate, "testDomainDefineXMLFlags");
            var wasPersistent = _state.FindByName(NameOf(xml))?.Persistent == true;
            var dom = Add(PrepareDefinition(xml), live: false);
            dom.Persistent = true;
            Queue(dom, DomainEventType.Defined, wasPersistent ? DomainEventDetail.DefinedUpdated : DomainEventDetail.DefinedAdded);
            return dom.Ref;
        });

    public Task<DomainRef> CreateXmlAsync(string xml, DomainCreateFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainCreateXML");
            TestErrors.CheckFlags((uint)flags, (uint)DomainCreateFlags.Validate, "testDomainCreateXML");
            var dom = Add(PrepareDefinition(xml), live: true);
            dom.Start(_state.AllocateId(), DomainStateInfo.Of(RunningReason.Booted));
            Queue(dom, DomainEventType.Started, DomainEventDetail.StartedBooted);
            return dom.Ref;
        });

    public Task UndefineAsync(DomainRef domain, DomainUndefineFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainUndefineFlags");
            TestErrors.CheckFlags((uint)flags,
                (uint)(DomainUndefineFlags.ManagedSave | DomainUndefineFlags.SnapshotsMetadata), "testDomainUndefineFlags");
            var dom = Find(domain);
            Queue(dom, DomainEventType.Undefined, DomainEventDetail.UndefinedRemoved);
            if (dom.IsActive) dom.Persistent = false;
            else _state.Remove(dom);
        });

    // ---- life cycle -------------------------------------------------------------------------

    public Task<DomainRef> CreateAsync(DomainRef domain, DomainCreateFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable(flags == DomainCreateFlags.None ? "virDomainCreate" : "virDomainCreateWithFlags");
            TestErrors.CheckFlags((uint)flags, 0, "testDomainCreateWithFlags");
            var dom = Find(domain);
            if (dom.State.State != DomainState.Shutoff)
                throw VirtErrors.Internal($"Domain '{domain.Name}' is already running", ErrorDomain.Test);
            dom.Start(_state.AllocateId(), DomainStateInfo.Of(RunningReason.Booted));
            Queue(dom, DomainEventType.Started, DomainEventDetail.StartedBooted);
            return dom.Ref;
        });

    public Task ShutdownAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable(flags == DomainShutdownFlags.Default ? "virDomainShutdown" : "virDomainShutdownFlags");
            TestErrors.CheckFlags((uint)flags, 0, "testDomainShutdownFlags");
            var dom = Find(domain);
            if (dom.State.State == DomainState.Shutoff)
                throw VirtErrors.Internal($"domain '{domain.Name}' not running", ErrorDomain.Test);
            ApplyLifecycleAction(dom, dom.Def.OnPoweroff);
        });

    public Task RebootAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainReboot");
            TestErrors.CheckFlags((uint)flags,
                (uint)(DomainShutdownFlags.AcpiPowerButton | DomainShutdownFlags.GuestAgent | DomainShutdownFlags.Initctl |
                       DomainShutdownFlags.Signal | DomainShutdownFlags.Paravirt), "testDomainReboot");
            var dom = FindActive(domain);
            ApplyLifecycleAction(dom, dom.Def.OnReboot);
        });

    public Task ResetAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainReset");
            // libvirt's test driver only checks that the domain runs; its state stays as it was.
            FindActive(domain);
        });

    public Task DestroyAsync(DomainRef domain, DomainDestroyFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable(flags == DomainDestroyFlags.None ? "virDomainDestroy" : "virDomainDestroyFlags");
            TestErrors.CheckFlags((uint)flags, (uint)DomainDestroyFlags.Graceful, "testDomainDestroyFlags");
            StopAndReap(FindActive(domain), ShutoffReason.Destroyed);
        });

    public Task SuspendAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainSuspend");
            var dom = Find(domain);
            if (dom.State.State is DomainState.Shutoff or DomainState.Paused)
                throw VirtErrors.Internal($"domain '{domain.Name}' not running", ErrorDomain.Test);
            dom.State = DomainStateInfo.Of(PausedReason.User);
            Queue(dom, DomainEventType.Suspended, DomainEventDetail.SuspendedPaused);
        });

    public Task ResumeAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainResume");
            var dom = Find(domain);
            if (dom.State.State != DomainState.Paused)
                throw VirtErrors.Internal($"domain '{domain.Name}' not paused", ErrorDomain.Test);
            dom.State = DomainStateInfo.Of(RunningReason.Unpaused);
            Queue(dom, DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused);
        });

    // ---- queries ----------------------------------------------------------------------------

    public Task<DomainInfo> GetInfoAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() =>
        {
            var dom = Find(domain);
            // libvirt's test driver reports the wall clock as CPU time.
            var nowNs = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10 * 1000;
            return new DomainInfo(dom.State.State, dom.Def.MemoryKiB, dom.Def.CurrentMemoryKiB,
                (uint)dom.Def.CurrentVcpus, nowNs);
        });

    public Task<DomainStateInfo> GetStateAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() => Find(domain).State);

    public Task<string> GetOsTypeAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() =>
        {
            Find(domain);
            return TestDefaultConfig.OsType;
        });

    public Task<string> GetXmlDescAsync(DomainRef domain, DomainXmlFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            if (_readOnly && flags.HasFlag(DomainXmlFlags.Secure))
                throw VirtErrors.OperationDenied("virDomainGetXMLDesc with secure flag", ErrorDomain.Domain);
            TestErrors.CheckFlags((uint)flags,
                (uint)(DomainXmlFlags.Secure | DomainXmlFlags.Inactive | DomainXmlFlags.Migratable), "testDomainGetXMLDesc");
            var dom = Find(domain);
            var inactive = flags.HasFlag(DomainXmlFlags.Inactive);
            var def = inactive && dom.NewDef is not null ? dom.NewDef : dom.Def;
            if (!inactive || def.Id is null) return def.ToXml();
            var copy = def.Clone();
            copy.Id = null;
            return copy.ToXml();
        });

    public Task<bool> IsActiveAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() => Find(domain).IsActive);

    public Task<bool> IsPersistentAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() => Find(domain).Persistent);

    public Task<bool> GetAutostartAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() => Find(domain).Autostart);

    public Task SetAutostartAsync(DomainRef domain, bool autostart, CancellationToken ct = default) =>
        Locked(() =>
        {
            CheckWritable("virDomainSetAutostart");
            Find(domain).Autostart = autostart;
        });

    public Task<bool> HasManagedSaveImageAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() =>
        {
            Find(domain);
            return false; // this driver has no save/restore, so never a managed save image
        });

    /// <summary>libvirt's test driver reports a fake security driver, and labels only running domains.</summary>
    public Task<SecurityModel> GetSecurityModelAsync(CancellationToken ct = default) =>
        Task.FromResult(new SecurityModel("testSecurity", ""));

    public Task<SecurityLabel> GetSecurityLabelAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked(() => Find(domain).IsActive ? new SecurityLabel("libvirt-test", true) : new SecurityLabel("", false));

    public Task<IReadOnlyList<string>> GetMessagesAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked<IReadOnlyList<string>>(() =>
        {
            Find(domain);
            return [];
        });

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) TestDriverState.Release(_state);
        return ValueTask.CompletedTask;
    }

    // ---- helpers ----------------------------------------------------------------------------

    /// <summary>Parse, validate and fill defaults as libvirt's test driver does for define and create.</summary>
    private static DomainDefinition PrepareDefinition(string xml)
    {
        var def = ModelErrors.ParseDomain(xml);
        def.Id = null; // an id in the input is ignored, as libvirt parses it as an inactive definition
        try
        {
            // The test driver's capabilities list i686 first, so that is what a guest gets by default.
            if (def.Os.Arch is null) def.Os.Arch = TestDefaultConfig.DefaultArch;
            DomainDefaults.Apply(def);
        }
        catch (ModelException ex)
        {
            throw ModelErrors.ToVirt(ex);
        }
        TestInterfaceNames.Assign(def);
        return def;
    }

    /// <summary>libvirt's <c>virDomainObjListAdd</c>: uniqueness of name and UUID, then assign or insert.</summary>
    private TestDomainObject Add(DomainDefinition def, bool live)
    {
        var uuid = def.Uuid ?? throw VirtErrors.Internal("domain definition has no uuid", ErrorDomain.Test);
        var existing = _state.FindByUuid(uuid);
        if (existing is not null)
        {
            if (!string.Equals(existing.Name, def.Name, StringComparison.Ordinal))
                throw VirtErrors.OperationFailed($"domain '{existing.Name}' is already defined with uuid {uuid:D}",
                    ErrorDomain.Domain);
            if (live && existing.IsActive)
                throw VirtErrors.OperationInvalid($"domain '{existing.Name}' is already active", ErrorDomain.Domain);
            if (live && !existing.Persistent)
                throw VirtErrors.OperationInvalid($"domain '{existing.Name}' is already being started", ErrorDomain.Domain);
            existing.AssignDef(def, live);
            return existing;
        }

        var sameName = _state.FindByName(def.Name);
        if (sameName is not null)
            throw VirtErrors.OperationFailed($"domain '{def.Name}' already exists with uuid {sameName.Uuid:D}",
                ErrorDomain.Domain);

        var dom = new TestDomainObject(def);
        _state.Add(dom);
        return dom;
    }

    /// <summary>libvirt's <c>testDomainActionSetState</c> followed by the shut-off bookkeeping.</summary>
    private void ApplyLifecycleAction(TestDomainObject dom, LifecycleAction action)
    {
        if (action is LifecycleAction.Restart or LifecycleAction.RenameRestart)
            dom.State = DomainStateInfo.Of(RunningReason.Booted);
        else
            StopAndReap(dom, ShutoffReason.Shutdown);
    }

    private void StopAndReap(TestDomainObject dom, ShutoffReason reason)
    {
        dom.Stop(reason);
        Queue(dom, DomainEventType.Stopped,
            reason == ShutoffReason.Destroyed ? DomainEventDetail.StoppedDestroyed : DomainEventDetail.StoppedShutdown);
        if (!dom.Persistent) _state.Remove(dom);
    }

    private TestDomainObject Find(DomainRef domain) =>
        _state.FindByUuid(domain.Uuid) ?? throw TestErrors.NoDomainForHandle(domain.Uuid, domain.Name);

    private TestDomainObject FindActive(DomainRef domain)
    {
        var dom = Find(domain);
        if (!dom.IsActive) throw VirtErrors.NotRunning(ErrorDomain.Domain);
        return dom;
    }

    private void CheckWritable(string api)
    {
        if (_readOnly) throw VirtErrors.OperationDenied($"read only access prevents {api}", ErrorDomain.Domain);
    }

    private Task<T> Run<T>(Func<T> body)
    {
        try
        {
            EnsureOpen();
            return Task.FromResult(body());
        }
        catch (VirtException ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    private Task<T> Locked<T>(Func<T> body) => Run(() =>
    {
        try
        {
            lock (_state.Gate) return body();
        }
        finally
        {
            _state.Events.Deliver(); // after the lock: handlers may call back into the driver
        }
    });

    private void Queue(TestDomainObject dom, DomainEventType type, int detail) => _state.Events.Queue(dom.Ref, type, detail);

    /// <summary>The name in a document, read cheaply before the full parse (which reports errors itself).</summary>
    private static string NameOf(string xml)
    {
        try
        {
            return DomainDefinition.ParseUnvalidated(xml).Name;
        }
        catch (ModelException)
        {
            return "";
        }
    }

    public event Action<DomainLifecycleEvent>? DomainLifecycle
    {
        add => _state.Events.Raised += value;
        remove => _state.Events.Raised -= value;
    }

    /// <summary>libvirt's test driver has no consoles to open.</summary>
    public Task<Stream> OpenConsoleAsync(DomainRef domain, string? deviceName, DomainConsoleFlags flags, CancellationToken ct = default) =>
        Task.FromException<Stream>(VirtErrors.NoSupport("virDomainOpenConsole", ErrorDomain.Test));

    private Task Locked(Action body) => Locked<bool>(() =>
    {
        body();
        return true;
    });

    private void EnsureOpen()
    {
        if (Volatile.Read(ref _disposed) != 0) throw TestErrors.InvalidConnection();
    }
}
