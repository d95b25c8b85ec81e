using System.Runtime.InteropServices;
using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Host;
using Virt.Libvirt.Events;
using Virt.Libvirt.Native;
using Virt.Libvirt.Runtime;

namespace Virt.Libvirt;

/// <summary>
/// One libvirt connection (<c>virConnectPtr</c>) behind the Virt API: every <see cref="IHypervisorDriver"/>
/// call is the libvirt call of the same name, and a failure is the <see cref="Api.Errors.VirtException"/>
/// libvirt reported (same code, domain, message, str1–3, int1–2).
/// <para>
/// Threads: queries (lookups, lists, info, state, XML, host facts) run on the caller's thread and
/// return completed tasks — each is one short call (one round trip for a remote URI), and handing it
/// to another thread would cost more than the call. Anything that can take long (open, close, define,
/// create, start, stop, suspend, console) runs on a dedicated libvirt thread (<see cref="BlockingCalls"/>),
/// never on the thread pool. A query against a daemon that stopped answering blocks its caller until
/// keepalive gives up on the connection (about 30 s).
/// </para>
/// <para>After <see cref="DisposeAsync"/> every member throws <see cref="ObjectDisposedException"/>.</para>
/// </summary>
public sealed unsafe partial class LibvirtDriver : IHypervisorDriver, IDisposable
{
    /// <summary>Keepalive as virsh sets it up: a probe every 5 s, the peer dropped after 5 unanswered.</summary>
    private const int KeepAliveInterval = 5;
    private const uint KeepAliveCount = 5;

    private readonly ConnectHandle _conn;
    private readonly DomainHandleCache _domains = new();
    private readonly Lock _eventGate = new();
    private Action<DomainLifecycleEvent>? _lifecycle;
    private LifecycleSubscription? _subscription;
    private string? _type;
    private int _disposed;

    private LibvirtDriver(ConnectHandle conn, string uri, bool readOnly)
    {
        _conn = conn;
        Uri = uri;
        ReadOnly = readOnly;
    }

    /// <summary>The connection's URI as libvirt reports it (<c>virConnectGetURI</c>).</summary>
    public string Uri { get; }

    /// <summary>True when the connection was opened read-only (<c>VIR_CONNECT_RO</c>).</summary>
    public bool ReadOnly { get; }

    /// <summary>The hypervisor type (<c>virConnectGetType</c>), fetched once.</summary>
    public string Type
    {
        get
        {
            ThrowIfDisposed();
            return _type ??= NativeString.Borrowed(NativeMethods.virConnectGetType(_conn)) ?? LibvirtError.ThrowLast<string>();
        }
    }

    /// <summary><c>virConnectIsAlive</c>: false once the daemon went away or keepalive gave up.</summary>
    public bool IsAlive
    {
        get
        {
            ThrowIfDisposed();
            var alive = NativeMethods.virConnectIsAlive(_conn);
            if (alive < 0) LibvirtError.ThrowLast();
            return alive == 1;
        }
    }

    /// <summary>Opens a connection; runs on a libvirt thread (called by <see cref="LibvirtDriverFactory"/>).</summary>
    internal static LibvirtDriver Open(string? uri, ConnectFlags flags)
    {
        var pointer = NativeMethods.virConnectOpenAuth(uri, 0, (uint)flags);
        if (pointer == 0) LibvirtError.ThrowLast();
        var conn = new ConnectHandle(pointer);
        try
        {
            // Remote URIs get keepalive; local drivers (test:///) do not support it, which is fine.
            if (NativeMethods.virConnectSetKeepAlive(conn, KeepAliveInterval, KeepAliveCount) < 0) LibvirtError.Discard();
            var actual = NativeString.Owned(NativeMethods.virConnectGetURI(conn)) ?? LibvirtError.ThrowLast<string>();
            return new LibvirtDriver(conn, actual, flags.HasFlag(ConnectFlags.ReadOnly));
        }
        catch
        {
            conn.Dispose();
            throw;
        }
    }

    // ---- host -------------------------------------------------------------------------------

    /// <inheritdoc/>
    public Task<ulong> GetHypervisorVersionAsync(CancellationToken ct = default) =>
        Quick(0, static (self, _) =>
        {
            CULong version;
            if (NativeMethods.virConnectGetVersion(self._conn, &version) < 0) LibvirtError.ThrowLast();
            return (ulong)version.Value;
        }, ct);

    /// <inheritdoc/>
    public Task<string> GetHostnameAsync(CancellationToken ct = default) =>
        Quick(0, static (self, _) =>
            NativeString.Owned(NativeMethods.virConnectGetHostname(self._conn)) ?? LibvirtError.ThrowLast<string>(), ct);

    /// <inheritdoc/>
    public Task<NodeInfo> GetNodeInfoAsync(CancellationToken ct = default) =>
        Quick(0, static (self, _) =>
        {
            NativeNodeInfo info;
            if (NativeMethods.virNodeGetInfo(self._conn, &info) < 0) LibvirtError.ThrowLast();
            return new NodeInfo(NativeString.FromBuffer(info.Model, 32), info.Memory.Value, info.Cpus, info.Mhz,
                info.Nodes, info.Sockets, info.Cores, info.Threads);
        }, ct);

    /// <inheritdoc/>
    public Task<SecurityModel> GetSecurityModelAsync(CancellationToken ct = default) =>
        Quick(0, static (self, _) =>
        {
            NativeSecurityModel model;
            if (NativeMethods.virNodeGetSecurityModel(self._conn, &model) < 0) LibvirtError.ThrowLast();
            return new SecurityModel(NativeString.FromBuffer(model.Model, NativeSecurityModel.ModelLength),
                NativeString.FromBuffer(model.Doi, NativeSecurityModel.DoiLength));
        }, ct);

    // ---- events -----------------------------------------------------------------------------

    /// <summary>
    /// Lifecycle events of every domain (<c>virConnectDomainEventRegisterAny</c> with
    /// <c>VIR_DOMAIN_EVENT_ID_LIFECYCLE</c>). The first handler registers with libvirt — which throws
    /// <see cref="Api.Errors.VirtException"/> from <c>+=</c> if the driver refuses — and the last one
    /// removed deregisters. Handlers run, in the order libvirt delivered the events, on one thread
    /// dedicated to this connection.
    /// </summary>
    public event Action<DomainLifecycleEvent>? DomainLifecycle
    {
        add
        {
            lock (_eventGate)
            {
                ThrowIfDisposed();
                _subscription ??= LifecycleSubscription.Start(_conn, RaiseLifecycle);
                _lifecycle += value;
            }
        }
        remove
        {
            LifecycleSubscription? stop = null;
            lock (_eventGate)
            {
                _lifecycle -= value;
                if (_lifecycle is null)
                {
                    stop = _subscription;
                    _subscription = null;
                }
            }
            stop?.Dispose();
        }
    }

    private void RaiseLifecycle(DomainLifecycleEvent e) => Volatile.Read(ref _lifecycle)?.Invoke(e);

    // ---- plumbing ---------------------------------------------------------------------------

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>
    /// The handle for <paramref name="domain"/>, leased for one call: the cached one, or a fresh
    /// <c>virDomainLookupByUUID</c> for a reference this connection has not handed out.
    /// </summary>
    private DomainLease Rent(DomainRef domain)
    {
        if (_domains.TryRent(domain, out var lease)) return lease;
        var uuid = stackalloc byte[NativeConstants.UuidLength];
        DomainRefs.WriteUuid(domain.Uuid, new Span<byte>(uuid, NativeConstants.UuidLength));
        var pointer = NativeMethods.virDomainLookupByUUID(_conn, uuid);
        if (pointer == 0) LibvirtError.ThrowLast();
        return _domains.AdoptAndRent(domain, pointer);
    }

    /// <summary>Reads a handle libvirt returned (NULL = failure) and keeps it in the cache.</summary>
    private DomainRef Adopt(nint pointer)
    {
        if (pointer == 0) LibvirtError.ThrowLast();
        DomainRef reference;
        try
        {
            reference = DomainRefs.FromPointer(pointer);
        }
        catch
        {
            NativeMethods.virDomainFree(pointer);
            throw;
        }
        _domains.Adopt(reference, pointer);
        return reference;
    }

    /// <summary>A short call on the caller's thread; its outcome (result or exception) as a completed task.</summary>
    private Task<TResult> Quick<TState, TResult>(TState state, Func<LibvirtDriver, TState, TResult> call, CancellationToken ct)
    {
        try
        {
            if (ct.IsCancellationRequested) return Task.FromCanceled<TResult>(ct);
            ThrowIfDisposed();
            return Task.FromResult(call(this, state));
        }
        catch (Exception ex)
        {
            return Task.FromException<TResult>(ex);
        }
    }

    /// <summary>A call that may block for long, on a dedicated libvirt thread.</summary>
    private Task<TResult> Slow<TState, TResult>(TState state, Func<LibvirtDriver, TState, TResult> call, CancellationToken ct)
    {
        if (Volatile.Read(ref _disposed) != 0) return Task.FromException<TResult>(new ObjectDisposedException(GetType().FullName));
        return BlockingCalls.Run((self: this, state, call), static s =>
        {
            s.self.ThrowIfDisposed();
            return s.call(s.self, s.state);
        }, ct);
    }

    /// <summary>
    /// Deregisters events, frees the cached domain handles and closes the connection
    /// (<c>virConnectClose</c>, after any call still running on it has returned).
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return ValueTask.CompletedTask;
        return new ValueTask(BlockingCalls.Run(this, static self => self.Close(), CancellationToken.None));
    }

    /// <summary>As <see cref="DisposeAsync"/>, on the calling thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Close();
    }

    private void Close()
    {
        LifecycleSubscription? subscription;
        lock (_eventGate)
        {
            subscription = _subscription;
            _subscription = null;
            _lifecycle = null;
        }
        subscription?.Dispose();
        _domains.Dispose();
        _conn.Dispose();
    }
}
