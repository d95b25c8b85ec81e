using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Virt.Libvirt.Native;

namespace Virt.Libvirt.Runtime;

/// <summary>
/// Process-wide set-up, done once before the first connection opens (libvirt requires the event
/// implementation to be registered before connections that use it):
/// <list type="bullet">
/// <item><c>virInitialize</c>;</item>
/// <item>an error handler that prints nothing (libvirt's default one writes every error to stderr;
/// errors reach callers as exceptions instead);</item>
/// <item><c>virEventRegisterDefaultImpl</c> and one background thread looping in
/// <c>virEventRunDefaultImpl</c>: it carries keepalive, domain events and stream callbacks. The thread
/// lives as long as the process, as with python-libvirt's event loop.</item>
/// </list>
/// </summary>
internal static unsafe class LibvirtRuntime
{
    private static readonly Lock Gate = new();
    private static bool _started;

    public static void EnsureStarted()
    {
        if (Volatile.Read(ref _started)) return;
        lock (Gate)
        {
            if (_started) return;
            LibvirtLibrary.EnsureLoaded();
            if (NativeMethods.virInitialize() < 0) LibvirtError.ThrowLast();
            NativeMethods.virSetErrorFunc(0, &IgnoreError);
            if (NativeMethods.virEventRegisterDefaultImpl() < 0) LibvirtError.ThrowLast();
            var loop = new Thread(RunEventLoop) { IsBackground = true, Name = "libvirt event loop" };
            loop.Start();
            Volatile.Write(ref _started, true);
        }
    }

    private static void RunEventLoop()
    {
        while (true)
        {
            // One iteration waits for the next fd or timer event and runs its callbacks. A failure
            // here (none is expected) must not spin: back off and keep serving the other connections.
            if (NativeMethods.virEventRunDefaultImpl() < 0)
            {
                LibvirtError.Discard();
                Thread.Sleep(10);
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreError(nint userData, NativeError* error)
    {
    }
}
