using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Virt.Api.Domains;
using Virt.Libvirt.Native;

namespace Virt.Libvirt.Events;

/// <summary>
/// One <c>virConnectDomainEventRegisterAny(VIR_DOMAIN_EVENT_ID_LIFECYCLE)</c> registration for all
/// domains of a connection. libvirt calls back on its event-loop thread; the callback only copies the
/// event into a queue, and one dedicated thread per connection raises
/// <see cref="LibvirtDriver.DomainLifecycle"/> from it, in arrival order. That way a handler that calls
/// back into libvirt cannot stall the event loop (and with it keepalive and every stream).
/// </summary>
internal sealed unsafe class LifecycleSubscription : IDisposable
{
    private readonly ConnectHandle _conn;
    private readonly Action<DomainLifecycleEvent> _raise;
    private readonly Channel<DomainLifecycleEvent> _queue =
        Channel.CreateUnbounded<DomainLifecycleEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _dispatcher;
    private int _callbackId = -1;

    private LifecycleSubscription(ConnectHandle conn, Action<DomainLifecycleEvent> raise)
    {
        _conn = conn;
        _raise = raise;
        _dispatcher = new Thread(Dispatch) { IsBackground = true, Name = "libvirt lifecycle events" };
    }

    /// <summary>Registers with libvirt (a call to the daemon for remote URIs) and starts dispatching.</summary>
    public static LifecycleSubscription Start(ConnectHandle conn, Action<DomainLifecycleEvent> raise)
    {
        var subscription = new LifecycleSubscription(conn, raise);
        var self = GCHandle.Alloc(subscription);
        var id = NativeMethods.virConnectDomainEventRegisterAny(conn, 0, NativeConstants.DomainEventIdLifecycle,
            &OnLifecycle, GCHandle.ToIntPtr(self), &OnFree);
        if (id < 0)
        {
            var error = LibvirtError.Last();
            self.Free();
            throw error;
        }
        subscription._callbackId = id;
        subscription._dispatcher.Start();
        return subscription;
    }

    private void Dispatch()
    {
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var e))
            {
                try
                {
                    _raise(e);
                }
                catch (Exception)
                {
                    // A handler's failure must not end delivery to the others (as with libvirt callbacks).
                }
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnLifecycle(nint conn, nint dom, int eventType, int detail, nint opaque)
    {
        try
        {
            if (GCHandle.FromIntPtr(opaque).Target is LifecycleSubscription self)
                self._queue.Writer.TryWrite(new DomainLifecycleEvent(DomainRefs.FromPointer(dom), (DomainEventType)eventType, detail));
        }
        catch (Exception)
        {
            // Nothing may unwind into libvirt's event loop.
        }
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFree(nint opaque)
    {
        try
        {
            GCHandle.FromIntPtr(opaque).Free();
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Deregisters (libvirt then frees the callback's handle) and lets the dispatcher drain and stop.</summary>
    public void Dispose()
    {
        var id = Interlocked.Exchange(ref _callbackId, -1);
        if (id < 0) return;
        try
        {
            if (NativeMethods.virConnectDomainEventDeregisterAny(_conn, id) < 0) LibvirtError.Discard();
        }
        catch (ObjectDisposedException)
        {
            // The connection is gone, and the registration with it.
        }
        _queue.Writer.TryComplete();
    }
}
