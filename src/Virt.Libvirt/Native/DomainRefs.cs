using Virt.Api.Domains;

namespace Virt.Libvirt.Native;

/// <summary>Reading a <c>virDomainPtr</c>'s identity: all three are local accessors, no call to a daemon.</summary>
internal static unsafe class DomainRefs
{
    public static DomainRef FromPointer(nint dom, string? knownName = null) =>
        new(knownName ?? NativeString.Borrowed(NativeMethods.virDomainGetName(dom)) ?? "", GetUuid(dom), GetId(dom));

    public static Guid GetUuid(nint dom)
    {
        var raw = stackalloc byte[NativeConstants.UuidLength];
        if (NativeMethods.virDomainGetUUID(dom, raw) < 0) LibvirtError.ThrowLast();
        return new Guid(new ReadOnlySpan<byte>(raw, NativeConstants.UuidLength), bigEndian: true);
    }

    /// <summary><c>virDomainGetID</c> returns (unsigned)-1 for an inactive domain: the API's −1.</summary>
    public static int GetId(nint dom) => unchecked((int)NativeMethods.virDomainGetID(dom));

    public static void WriteUuid(Guid uuid, Span<byte> destination) => uuid.TryWriteBytes(destination, bigEndian: true, out _);
}
