using Virt.Api.Errors;

namespace Virt.Engine.Test;

/// <summary>
/// Errors of libvirt's test driver that <see cref="VirtErrors"/> has no factory for, with the
/// texts <c>virsh -c test:///default</c> shows (libvirt 9.0).
/// </summary>
internal static class TestErrors
{
    /// <summary>A failed lookup by name, UUID or id: libvirt reports NO_DOMAIN without detail.</summary>
    public static VirtException NoDomain() =>
        new(ErrorCode.NoDomain, ErrorDomain.Test, "Domain not found", "Domain not found");

    /// <summary>A handle whose domain has gone (<c>testDomObjFromDomain</c>).</summary>
    public static VirtException NoDomainForHandle(Guid uuid, string name)
    {
        var detail = $"no domain with matching uuid '{uuid:D}' ({name})";
        return new VirtException(ErrorCode.NoDomain, ErrorDomain.Test, "Domain not found: " + detail,
            "Domain not found: %s", detail);
    }

    /// <summary><c>virCheckFlags</c>: flags a driver function does not know.</summary>
    public static VirtException UnsupportedFlags(uint flags, string function) =>
        new(ErrorCode.InvalidArg, ErrorDomain.Test, $"unsupported flags (0x{flags:x}) in function {function}",
            function, "flags", int1: 0);

    /// <summary>The public API's own argument check (libvirt.c), raised before any driver runs.</summary>
    public static VirtException NegativeId() =>
        new(ErrorCode.InvalidArg, ErrorDomain.Domain, "id in virDomainLookupByID must be zero or greater",
            "virDomainLookupByID", "id", int1: 0);

    public static VirtException NoName() =>
        new(ErrorCode.NoName, ErrorDomain.Domain, "missing name information", "missing name information");

    /// <summary>A call on a connection that was closed.</summary>
    public static VirtException InvalidConnection() =>
        new(ErrorCode.InvalidConn, ErrorDomain.None, "invalid connection pointer in test driver",
            "invalid connection pointer in %s", "test driver");

    public static void CheckFlags(uint flags, uint allowed, string function)
    {
        if ((flags & ~allowed) != 0) throw UnsupportedFlags(flags & ~allowed, function);
    }
}
