using System.Runtime.InteropServices;

namespace Virt.Libvirt.Native;

/// <summary>
/// A <c>virConnectPtr</c>. Disposing it calls <c>virConnectClose</c> once every call still using the
/// handle has returned; afterwards any call made with it throws <see cref="ObjectDisposedException"/>
/// (the source-generated marshaller takes a reference on the handle for the duration of each call).
/// </summary>
internal sealed class ConnectHandle : SafeHandle
{
    public ConnectHandle() : base(0, ownsHandle: true) { }

    public ConnectHandle(nint pointer) : this() => SetHandle(pointer);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => NativeMethods.virConnectClose(handle) >= 0;
}

/// <summary>
/// A <c>virDomainPtr</c>: a (name, UUID, id) triple bound to a connection; freeing it (<c>virDomainFree</c>)
/// does nothing to the domain itself. Calls use it through a <see cref="DomainLease"/>.
/// </summary>
internal sealed class DomainHandle : SafeHandle
{
    public DomainHandle(nint pointer) : base(0, ownsHandle: true) => SetHandle(pointer);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => NativeMethods.virDomainFree(handle) >= 0;
}

/// <summary>A <c>virStreamPtr</c>, freed with <c>virStreamFree</c>.</summary>
internal sealed class StreamHandle : SafeHandle
{
    public StreamHandle() : base(0, ownsHandle: true) { }

    public StreamHandle(nint pointer) : this() => SetHandle(pointer);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => NativeMethods.virStreamFree(handle) >= 0;
}

/// <summary>
/// A reference held on a <see cref="DomainHandle"/> for the length of one call: the handle cannot be
/// freed under the call even if the cache drops it meanwhile (SafeHandle defers the release).
/// </summary>
internal readonly struct DomainLease : IDisposable
{
    public DomainLease(DomainHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        Handle = handle;
        Pointer = handle.DangerousGetHandle();
    }

    public DomainHandle Handle { get; }
    public nint Pointer { get; }

    public void Dispose() => Handle?.DangerousRelease();
}
