using Virt.Api.Domains;

namespace Virt.Libvirt.Native;

/// <summary>
/// The <c>virDomainPtr</c>s of one connection, keyed by the <see cref="DomainRef"/> each stands for.
/// The API passes domains as <see cref="DomainRef"/> values; libvirt wants a handle. Keeping the
/// handle a lookup or list returned means a lookup followed by a query costs two libvirt calls, not
/// three, and a call on a stale reference behaves exactly as libvirt's stale handle does (same error
/// text). A reference the cache has never seen is resolved with <c>virDomainLookupByUUID</c>.
/// When the cache passes <see cref="Capacity"/> entries it is emptied; handles in use by a call are
/// freed when that call returns (<see cref="DomainLease"/>), the rest at once. Disposing the cache frees
/// them all, before the connection closes.
/// </summary>
internal sealed unsafe class DomainHandleCache : IDisposable
{
    public const int Capacity = 4096;

    private readonly Dictionary<DomainRef, DomainHandle> _handles = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>A lease on the cached handle for <paramref name="domain"/>, or false when there is none.</summary>
    public bool TryRent(DomainRef domain, out DomainLease lease)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_handles.TryGetValue(domain, out var handle))
            {
                lease = new DomainLease(handle);
                return true;
            }
        }
        lease = default;
        return false;
    }

    /// <summary>
    /// Takes ownership of a handle libvirt returned and leases it for a call: the one already cached
    /// for the same reference wins and the new pointer is freed at once.
    /// </summary>
    public DomainLease AdoptAndRent(DomainRef domain, nint pointer)
    {
        DomainHandle? fresh = null;
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_handles.TryGetValue(domain, out var handle))
                {
                    if (_handles.Count >= Capacity) ClearLocked();
                    handle = fresh = new DomainHandle(pointer);
                    _handles.Add(domain, handle);
                }
                return new DomainLease(handle);
            }
        }
        finally
        {
            if (fresh is null) NativeMethods.virDomainFree(pointer);
        }
    }

    /// <summary>Keeps a handle libvirt returned (or frees it when an equal one is cached).</summary>
    public void Adopt(DomainRef domain, nint pointer) => AdoptAndRent(domain, pointer).Dispose();

    /// <summary>
    /// Files the handle leased for <paramref name="old"/> under <paramref name="updated"/> too, after a
    /// call changed what it stands for (<c>virDomainCreate</c> updates the handle's id).
    /// </summary>
    public void Rekey(DomainRef old, DomainRef updated, DomainHandle handle)
    {
        lock (_gate)
        {
            if (_disposed || old == updated) return;
            var removed = _handles.TryGetValue(old, out var cached) && ReferenceEquals(cached, handle) && _handles.Remove(old);
            if (_handles.TryAdd(updated, handle)) return;
            if (removed) handle.Dispose(); // an equal handle is cached already; this one goes when its lease ends
        }
    }

    private void ClearLocked()
    {
        foreach (var handle in _handles.Values) handle.Dispose();
        _handles.Clear();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            ClearLocked();
        }
    }
}
