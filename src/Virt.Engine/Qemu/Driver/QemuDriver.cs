using Virt.Engine.Events;
using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Api.Host;
using Virt.Engine.Host;
using Virt.Engine.Qemu.Process;
using Virt.Engine.Qemu.Store;
using Virt.Model;
using Virt.Model.Domains;

namespace Virt.Engine.Qemu;

/// <summary>
/// The QEMU driver: libvirt's API semantics over QEMU processes. Files under the root are the
/// source of truth, so every engine instance — one CLI run or a long-lived host — sees one state;
/// changes happen under <see cref="DriverLock"/>, which serialises threads and processes alike.
/// Each mutating method has the same shape: lock, load, check state, act, write.
/// </summary>
public sealed partial class QemuDriver : IHypervisorDriver
{
    private readonly DomainStore _store;
    private readonly DriverLock _lock;
    private readonly Lazy<QemuCapabilities> _caps;
    private readonly ExitWatcher _exitWatcher;
    private readonly LifecycleEvents _events = new();

    private readonly bool _readOnly;
    private readonly TaskTracker _pendingReboots = new();
    private readonly ConsoleSessions _consoles = new();

    public QemuDriver(string root, string uri, bool readOnly = false) : this(new QemuPaths(root), uri, readOnly)
    {
    }

    public QemuDriver(QemuPaths paths, string uri, bool readOnly = false)
    {
        _readOnly = readOnly;
        paths.EnsureCreated();
        _store = new DomainStore(paths);
        _lock = new DriverLock(paths.LockFile, _events.Deliver);
        _caps = new Lazy<QemuCapabilities>(() => QemuCapabilities.Load(QemuCapabilities.DefaultEmulator, paths.CacheDir));
        _exitWatcher = new ExitWatcher(OnProcessExitedAsync);
        Uri = uri;
    }

    public string Uri { get; }

    public event Action<DomainLifecycleEvent>? DomainLifecycle
    {
        add => _events.Raised += value;
        remove => _events.Raised -= value;
    }
    public string Type => "QEMU";
    internal QemuCapabilities Capabilities => _caps.Value;

    public Task<ulong> GetHypervisorVersionAsync(CancellationToken ct = default) => Task.FromResult(Capabilities.VersionNumber);

    public Task<string> GetHostnameAsync(CancellationToken ct = default) => Task.FromResult(HostInfo.Hostname());

    public Task<NodeInfo> GetNodeInfoAsync(CancellationToken ct = default) => Task.FromResult(HostInfo.ReadNodeInfo());

    public async Task<IReadOnlyList<DomainRef>> ListAllDomainsAsync(ListDomainsFlags flags, CancellationToken ct = default)
    {
        CheckFlags(flags, (ListDomainsFlags)0xFFFF, "qemuConnectListAllDomains");
        var result = new List<DomainRef>();
        foreach (var d in await LoadReconciledAsync(ct).ConfigureAwait(false))
        {
            var facts = new DomainListFilter.Facts(d.Status is not null, StateOf(d).State, d.IsPersistent, d.Autostart, false, 0);
            if (DomainListFilter.Matches(flags, facts)) result.Add(RefOf(d));
        }
        return result;
    }

    public async Task<DomainRef> LookupByNameAsync(string name, CancellationToken ct = default) =>
        RefOf(await FindAsync(() => _store.FindByName(name), () => VirtErrors.NoDomainByName(name), ct).ConfigureAwait(false));

    public async Task<DomainRef> LookupByUuidAsync(Guid uuid, CancellationToken ct = default) =>
        RefOf(await FindAsync(() => _store.Find(d => d.Uuid == uuid), () => VirtErrors.NoDomainByUuid(uuid), ct).ConfigureAwait(false));

    public async Task<DomainRef> LookupByIdAsync(int id, CancellationToken ct = default) =>
        id < 0 ? throw new VirtException(ErrorCode.InvalidArg, ErrorDomain.Domain, "id in virDomainLookupByID must be zero or greater",
            "virDomainLookupByID", "id", int1: 0, int2: 0) : RefOf(await FindAsync(() => _store.Find(d => d.Status?.Id == id), () => VirtErrors.NoDomainById(id), ct).ConfigureAwait(false));

    public async Task<DomainInfo> GetInfoAsync(DomainRef domain, CancellationToken ct = default)
    {
        var d = await ResolveAsync(domain, ct).ConfigureAwait(false);
        var def = d.Status?.Live ?? d.Config!;
        var cpuTime = d.Status is { } s && ProcStat.Read(s.Pid) is { } stat ? stat.CpuTimeNs : 0;
        return new DomainInfo(StateOf(d).State, def.MemoryKiB, def.CurrentMemoryKiB, (uint)def.CurrentVcpus, cpuTime);
    }

    public async Task<DomainStateInfo> GetStateAsync(DomainRef domain, CancellationToken ct = default) =>
        StateOf(await ResolveAsync(domain, ct).ConfigureAwait(false));

    public async Task<string> GetOsTypeAsync(DomainRef domain, CancellationToken ct = default)
    {
        var d = await ResolveAsync(domain, ct).ConfigureAwait(false);
        return (d.Status?.Live ?? d.Config!).OsType;
    }

    public async Task<string> GetXmlDescAsync(DomainRef domain, DomainXmlFlags flags, CancellationToken ct = default)
    {
        if (_readOnly && flags.HasFlag(DomainXmlFlags.Secure))
            throw VirtErrors.OperationDenied("virDomainGetXMLDesc with secure flag", ErrorDomain.Domain);
        CheckFlags(flags, DomainXmlFlags.Secure | DomainXmlFlags.Inactive | DomainXmlFlags.UpdateCpu | DomainXmlFlags.Migratable, "qemuDomainGetXMLDesc");
        var d = await ResolveAsync(domain, ct).ConfigureAwait(false);
        var def = flags.HasFlag(DomainXmlFlags.Inactive) && d.Config is not null ? d.Config : d.Status?.Live ?? d.Config!;
        if (!flags.HasFlag(DomainXmlFlags.Secure)) HideSecrets(def);
        return def.ToXml();
    }

    /// <summary>Without the SECURE flag libvirt leaves out graphics passwords; so do we (def is a copy).</summary>
    private static void HideSecrets(DomainDefinition def)
    {
        foreach (var graphics in def.Root.Element("devices")?.Elements("graphics") ?? [])
            graphics.Attribute("passwd")?.Remove();
    }

    public async Task<bool> IsActiveAsync(DomainRef domain, CancellationToken ct = default) =>
        (await ResolveAsync(domain, ct).ConfigureAwait(false)).Status is not null;

    public async Task<bool> IsPersistentAsync(DomainRef domain, CancellationToken ct = default) =>
        (await ResolveAsync(domain, ct).ConfigureAwait(false)).IsPersistent;

    public async Task<bool> GetAutostartAsync(DomainRef domain, CancellationToken ct = default) =>
        (await ResolveAsync(domain, ct).ConfigureAwait(false)).Autostart;

    public async Task<bool> HasManagedSaveImageAsync(DomainRef domain, CancellationToken ct = default)
    {
        await ResolveAsync(domain, ct).ConfigureAwait(false);
        return false; // managed save is not implemented yet, so no domain has an image
    }

    /// <summary>No security driver confines QEMU yet, which libvirt reports as model "none", DOI "0".</summary>
    public Task<SecurityModel> GetSecurityModelAsync(CancellationToken ct = default) => Task.FromResult(new SecurityModel("none", "0"));

    public async Task<SecurityLabel> GetSecurityLabelAsync(DomainRef domain, CancellationToken ct = default)
    {
        await ResolveAsync(domain, ct).ConfigureAwait(false);
        return new SecurityLabel("", false);
    }

    /// <summary>Like libvirt, says when a running QEMU has root's privileges (it runs unconfined as our user).</summary>
    public async Task<IReadOnlyList<string>> GetMessagesAsync(DomainRef domain, CancellationToken ct = default)
    {
        var d = await ResolveAsync(domain, ct).ConfigureAwait(false);
        return d.Status is not null && Environment.UserName == "root"
            ? ["tainted: running with undesirable elevated privileges"]
            : [];
    }

    /// <summary>
    /// The guest's console as a stream over its pty: the named alias (serial0, console0 …) or, by
    /// default, the first console and else the first serial port, as libvirt's QEMU driver picks.
    /// </summary>
    public async Task<Stream> OpenConsoleAsync(DomainRef domain, string? deviceName, DomainConsoleFlags flags,
        CancellationToken ct = default)
    {
        CheckWritable("virDomainOpenConsole");
        var d = await ResolveAsync(domain, ct).ConfigureAwait(false);
        if (d.Status is not { } status) throw VirtErrors.NotRunning(ErrorDomain.Domain);
        var live = status.Live;
        var candidates = live.Consoles.Select((c, i) => (Alias: $"console{i}", Dev: c))
            .Concat(live.Serials.Select((c, i) => (Alias: $"serial{i}", Dev: c))).ToList();
        var chosen = deviceName is null ? candidates.FirstOrDefault() : candidates.FirstOrDefault(c => c.Alias == deviceName);
        if (chosen.Dev is null)
            throw VirtErrors.OperationFailed(deviceName is null ? "cannot find a default console device" : $"cannot find character device {deviceName}");
        if (chosen.Dev.Type != "pty" || chosen.Dev.SourcePath is not { } pty)
            throw VirtErrors.Internal($"character device {chosen.Alias} is not using a PTY");
        return _consoles.Open(d.Uuid, pty, flags.HasFlag(DomainConsoleFlags.Force));
    }

    public async Task SetAutostartAsync(DomainRef domain, bool autostart, CancellationToken ct = default)
    {
        CheckWritable("virDomainSetAutostart");
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var d = Resolve(domain);
        if (!d.IsPersistent) throw VirtErrors.OperationInvalid("cannot set autostart for transient domain");
        _store.SetAutostart(d.Name, autostart);
    }

    private DomainStateInfo StateOf(StoredDomain d) =>
        d.Status?.State ?? new DomainStateInfo(DomainState.Shutoff, ShutoffReasonFile.Read(_store.Paths, d.Name));

    private static DomainRef RefOf(StoredDomain d) => new(d.Name, d.Uuid, d.Status?.Id ?? DomainRef.InactiveId);

    /// <summary>Finds the domain a handle points at (by UUID, as libvirt does), under the caller's lock.</summary>
    private StoredDomain Resolve(DomainRef domain) => Reconcile(FindByRef(domain)) ?? throw NotFound(domain);

    private async Task<StoredDomain> ResolveAsync(DomainRef domain, CancellationToken ct) =>
        await FindAsync(() => FindByRef(domain), () => NotFound(domain), ct).ConfigureAwait(false);

    /// <summary>By the handle's name first (one file), confirmed by UUID; a full scan only when the name moved.</summary>
    private StoredDomain? FindByRef(DomainRef domain) =>
        _store.FindByName(domain.Name) is { } byName && byName.Uuid == domain.Uuid
            ? byName
            : _store.Find(d => d.Uuid == domain.Uuid);

    private static VirtException NotFound(DomainRef domain) =>
        new(ErrorCode.NoDomain, ErrorDomain.Qemu, $"Domain not found: no domain with matching uuid '{domain.Uuid:D}' ({domain.Name})",
            "Domain not found: %s", $"no domain with matching uuid '{domain.Uuid:D}' ({domain.Name})");

    private async Task<StoredDomain> FindAsync(Func<StoredDomain?> find, Func<VirtException> notFound, CancellationToken ct)
    {
        var found = find();
        if (found is not null && NeedsReconcile(found))
        {
            using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
            found = Reconcile(find());
        }
        return found ?? throw notFound();
    }

    private async Task<IReadOnlyList<StoredDomain>> LoadReconciledAsync(CancellationToken ct)
    {
        var all = _store.LoadAll();
        if (!all.Any(NeedsReconcile)) return all;
        using var _ = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        return _store.LoadAll().Select(Reconcile).OfType<StoredDomain>().ToList();
    }

    private static bool NeedsReconcile(StoredDomain d) =>
        d.Status is { } s && !ProcStat.IsSameLiveProcess(s.Pid, s.StartTime);

    internal static VirtException FromModel(ModelException ex) => ex.Kind switch
    {
        ModelErrorKind.Syntax => VirtErrors.XmlDetail(ex.Message),
        ModelErrorKind.NoName => new VirtException(ErrorCode.NoName, ErrorDomain.Domain, "missing name information in domain", "%s"),
        ModelErrorKind.Unsupported => VirtErrors.ConfigUnsupported(ex.Message, ErrorDomain.Domain),
        _ => VirtErrors.XmlError(ex.Message),
    };

    internal static DomainDefinition ParseForDefine(string xml)
    {
        try
        {
            var def = DomainDefinition.Parse(xml);
            DomainDefaults.Apply(def);
            return def;
        }
        catch (ModelException ex)
        {
            throw FromModel(ex);
        }
    }

    /// <summary>libvirt's read-only connections refuse every change, in the driver as well as the client library.</summary>
    private void CheckWritable(string api)
    {
        if (_readOnly) throw VirtErrors.OperationDenied($"read only access prevents {api}", ErrorDomain.Domain);
    }

    /// <summary>libvirt's <c>virCheckFlags</c>: unknown flag bits are an error, never silently ignored.</summary>
    private static void CheckFlags<T>(T flags, T supported, string function) where T : struct, Enum
    {
        var unknown = Convert.ToUInt64(flags) & ~Convert.ToUInt64(supported);
        if (unknown != 0)
            throw new VirtException(ErrorCode.InvalidArg, ErrorDomain.Qemu, $"unsupported flags (0x{unknown:x}) in function {function}",
                function, "flags", int1: 0, int2: 0);
    }

    public async ValueTask DisposeAsync()
    {
        // A reboot this instance started finishes before it goes (a `virt reboot` run waits for it).
        await _pendingReboots.WhenAllAsync(RebootGrace + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _exitWatcher.DisposeAsync().ConfigureAwait(false);
        _lock.Dispose();
    }
}
