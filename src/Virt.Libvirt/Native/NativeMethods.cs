using System.Runtime.InteropServices;

namespace Virt.Libvirt.Native;

/// <summary>
/// The libvirt.so.0 entry points the binding uses (signatures from libvirt 9.0's public headers),
/// source-generated with <c>LibraryImport</c>. Strings go in as UTF-8; strings libvirt returns come
/// back as pointers so the caller decides whether to free them (<c>char *</c>) or not
/// (<c>const char *</c>). Connections and streams pass as <see cref="SafeHandle"/>s, so a call on a
/// closed one throws <see cref="ObjectDisposedException"/> before reaching native code. Domains pass as
/// raw pointers under a <see cref="DomainLease"/> (see <see cref="DomainHandleCache"/>).
/// </summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>The logical name <see cref="LibvirtLibrary"/>'s resolver maps to libvirt.so.0.</summary>
    public const string Library = "libvirt";

    // ---- library, errors, event loop ---------------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virGetVersion(CULong* libVer, string? type, CULong* typeVer);

    [LibraryImport(Library)]
    public static partial int virInitialize();

    [LibraryImport(Library)]
    public static partial NativeError* virGetLastError();

    [LibraryImport(Library)]
    public static partial void virResetLastError();

    [LibraryImport(Library)]
    public static partial void virSetErrorFunc(nint userData, delegate* unmanaged[Cdecl]<nint, NativeError*, void> handler);

    [LibraryImport(Library)]
    public static partial int virEventRegisterDefaultImpl();

    [LibraryImport(Library)]
    public static partial int virEventRunDefaultImpl();

    // ---- connections -------------------------------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virConnectOpenAuth(string? name, nint auth, uint flags);

    [LibraryImport(Library)]
    public static partial int virConnectClose(nint conn);

    [LibraryImport(Library)]
    public static partial byte* virConnectGetURI(ConnectHandle conn);

    [LibraryImport(Library)]
    public static partial byte* virConnectGetType(ConnectHandle conn);

    [LibraryImport(Library)]
    public static partial int virConnectGetVersion(ConnectHandle conn, CULong* hvVer);

    [LibraryImport(Library)]
    public static partial byte* virConnectGetHostname(ConnectHandle conn);

    [LibraryImport(Library)]
    public static partial int virNodeGetInfo(ConnectHandle conn, NativeNodeInfo* info);

    [LibraryImport(Library)]
    public static partial int virNodeGetSecurityModel(ConnectHandle conn, NativeSecurityModel* model);

    [LibraryImport(Library)]
    public static partial int virConnectSetKeepAlive(ConnectHandle conn, int interval, uint count);

    [LibraryImport(Library)]
    public static partial int virConnectIsAlive(ConnectHandle conn);

    [LibraryImport(Library)]
    public static partial int virConnectListAllDomains(ConnectHandle conn, nint** domains, uint flags);

    [LibraryImport(Library)]
    public static partial int virConnectDomainEventRegisterAny(ConnectHandle conn, nint dom, int eventId,
        delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, int> callback, nint opaque,
        delegate* unmanaged[Cdecl]<nint, void> freeCallback);

    [LibraryImport(Library)]
    public static partial int virConnectDomainEventDeregisterAny(ConnectHandle conn, int callbackId);

    // ---- domains: lookups and definitions ----------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virDomainLookupByName(ConnectHandle conn, string name);

    [LibraryImport(Library)]
    public static partial nint virDomainLookupByUUID(ConnectHandle conn, byte* uuid);

    [LibraryImport(Library)]
    public static partial nint virDomainLookupByID(ConnectHandle conn, int id);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virDomainDefineXML(ConnectHandle conn, string xml);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virDomainDefineXMLFlags(ConnectHandle conn, string xml, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virDomainCreateXML(ConnectHandle conn, string xml, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainUndefineFlags(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainFree(nint dom);

    [LibraryImport(Library)]
    public static partial byte* virDomainGetName(nint dom);

    [LibraryImport(Library)]
    public static partial int virDomainGetUUID(nint dom, byte* uuid);

    [LibraryImport(Library)]
    public static partial uint virDomainGetID(nint dom);

    // ---- domains: life cycle -----------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial int virDomainCreate(nint dom);

    [LibraryImport(Library)]
    public static partial int virDomainCreateWithFlags(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainShutdown(nint dom);

    [LibraryImport(Library)]
    public static partial int virDomainShutdownFlags(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainReboot(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainReset(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainDestroy(nint dom);

    [LibraryImport(Library)]
    public static partial int virDomainDestroyFlags(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainSuspend(nint dom);

    [LibraryImport(Library)]
    public static partial int virDomainResume(nint dom);

    // ---- domains: queries --------------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial int virDomainGetInfo(nint dom, NativeDomainInfo* info);

    [LibraryImport(Library)]
    public static partial int virDomainGetState(nint dom, int* state, int* reason, uint flags);

    [LibraryImport(Library)]
    public static partial byte* virDomainGetOSType(nint dom);

    [LibraryImport(Library)]
    public static partial byte* virDomainGetXMLDesc(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainIsActive(nint dom);

    [LibraryImport(Library)]
    public static partial int virDomainIsPersistent(nint dom);

    [LibraryImport(Library)]
    public static partial int virDomainGetAutostart(nint dom, int* autostart);

    [LibraryImport(Library)]
    public static partial int virDomainSetAutostart(nint dom, int autostart);

    [LibraryImport(Library)]
    public static partial int virDomainHasManagedSaveImage(nint dom, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetSecurityLabel(nint dom, NativeSecurityLabel* label);

    [LibraryImport(Library)]
    public static partial int virDomainGetMessages(nint dom, byte*** messages, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainOpenConsole(nint dom, string? devName, StreamHandle stream, uint flags);

    // ---- streams -----------------------------------------------------------------------------

    [LibraryImport(Library)]
    public static partial nint virStreamNew(ConnectHandle conn, uint flags);

    [LibraryImport(Library)]
    public static partial int virStreamRecv(StreamHandle stream, byte* data, nuint length);

    [LibraryImport(Library)]
    public static partial int virStreamSend(StreamHandle stream, byte* data, nuint length);

    [LibraryImport(Library)]
    public static partial int virStreamEventAddCallback(StreamHandle stream, int events,
        delegate* unmanaged[Cdecl]<nint, int, nint, void> callback, nint opaque,
        delegate* unmanaged[Cdecl]<nint, void> freeCallback);

    [LibraryImport(Library)]
    public static partial int virStreamEventUpdateCallback(StreamHandle stream, int events);

    [LibraryImport(Library)]
    public static partial int virStreamEventRemoveCallback(StreamHandle stream);

    [LibraryImport(Library)]
    public static partial int virStreamFinish(StreamHandle stream);

    [LibraryImport(Library)]
    public static partial int virStreamAbort(StreamHandle stream);

    [LibraryImport(Library)]
    public static partial int virStreamFree(nint stream);
}

/// <summary>Constants from libvirt's headers that the binding passes or reads.</summary>
internal static class NativeConstants
{
    public const int UuidLength = 16;
    public const int DomainEventIdLifecycle = 0;
    public const uint StreamNonBlock = 1;
    public const int StreamEventReadable = 1, StreamEventWritable = 2, StreamEventError = 4, StreamEventHangup = 8;

    /// <summary><c>virStreamRecv</c>/<c>virStreamSend</c> on a non-blocking stream with nothing to do yet.</summary>
    public const int StreamWouldBlock = -2;
}
