using Virt.Api.Drivers;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol.Messages;

// Connection-level procedures: authentication, open/close, probes and host facts.
// Field order is wire order; see SPEC §b.1.

/// <summary>AUTH_LIST (66) ret: <c>remote_auth_type types&lt;20&gt;</c>.</summary>
public sealed record AuthListRet(IReadOnlyList<RemoteAuthType> Types) : IXdrStruct<AuthListRet>
{
    /// <summary>The answer of a server without authentication: <c>[NONE]</c>.</summary>
    public static AuthListRet NoAuth { get; } = new([RemoteAuthType.None]);

    public static AuthListRet Decode(ref XdrReader reader) =>
        new(reader.ReadArray(RemoteLimits.AuthTypeListMax, static (ref XdrReader r) => (RemoteAuthType)r.ReadInt()));

    public void Encode(XdrWriter writer) =>
        writer.WriteArray(Types, RemoteLimits.AuthTypeListMax, static (w, t) => w.WriteInt((int)t));
}

/// <summary>CONNECT_SUPPORTS_FEATURE (60) args.</summary>
public sealed record ConnectSupportsFeatureArgs(int Feature) : IXdrStruct<ConnectSupportsFeatureArgs>
{
    public static ConnectSupportsFeatureArgs Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(Feature);
}

/// <summary>CONNECT_SUPPORTS_FEATURE (60) ret (<c>int supported</c>, 0/1).</summary>
public sealed record ConnectSupportsFeatureRet(bool Supported) : IXdrStruct<ConnectSupportsFeatureRet>
{
    public static ConnectSupportsFeatureRet Decode(ref XdrReader reader) => new(reader.ReadInt() != 0);
    public void Encode(XdrWriter writer) => writer.WriteInt(Supported ? 1 : 0);
}

/// <summary>
/// <c>VIR_DRV_FEATURE_*</c> numbers clients ask CONNECT_SUPPORTS_FEATURE about (SPEC b.2).
/// </summary>
public static class DriverFeature
{
    public const int Remote = 2;
    public const int MigrationDirect = 5;
    public const int MigrateChangeProtection = 7;
    public const int FdPassing = 8;
    public const int TypedParamString = 9;
    public const int ProgramKeepalive = 10;
    public const int XmlMigratable = 11;
    public const int MigrationOffline = 12;
    public const int MigrationParams = 13;
    public const int RemoteEventCallback = 14;
    public const int RemoteCloseCallback = 15;
    public const int NetworkUpdateHasCorrectOrder = 16;
}

/// <summary>
/// CONNECT_OPEN (1) args. <see cref="Name"/> is <c>remote_string</c>: clients without a URI send ""
/// (empty, not NULL) and expect the server to choose.
/// </summary>
public sealed record ConnectOpenArgs(string? Name, ConnectFlags Flags) : IXdrStruct<ConnectOpenArgs>
{
    public static ConnectOpenArgs Decode(ref XdrReader reader) =>
        new(reader.ReadOptionalString(), (ConnectFlags)reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteOptionalString(Name);
        writer.WriteUInt((uint)Flags);
    }
}

/// <summary>CONNECT_GET_URI (110) ret.</summary>
public sealed record ConnectGetUriRet(string Uri) : IXdrStruct<ConnectGetUriRet>
{
    public static ConnectGetUriRet Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Uri);
}

/// <summary>CONNECT_GET_TYPE (3) ret: the hypervisor type, e.g. <c>QEMU</c>.</summary>
public sealed record ConnectGetTypeRet(string Type) : IXdrStruct<ConnectGetTypeRet>
{
    public static ConnectGetTypeRet Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Type);
}

/// <summary>CONNECT_GET_VERSION (4) ret: major×1,000,000 + minor×1,000 + micro.</summary>
public sealed record ConnectGetVersionRet(ulong HvVer) : IXdrStruct<ConnectGetVersionRet>
{
    public static ConnectGetVersionRet Decode(ref XdrReader reader) => new(reader.ReadUHyper());
    public void Encode(XdrWriter writer) => writer.WriteUHyper(HvVer);
}

/// <summary>CONNECT_GET_LIB_VERSION (157) ret.</summary>
public sealed record ConnectGetLibVersionRet(ulong LibVer) : IXdrStruct<ConnectGetLibVersionRet>
{
    public static ConnectGetLibVersionRet Decode(ref XdrReader reader) => new(reader.ReadUHyper());
    public void Encode(XdrWriter writer) => writer.WriteUHyper(LibVer);
}

/// <summary>CONNECT_GET_CAPABILITIES (7) ret: the capabilities XML.</summary>
public sealed record ConnectGetCapabilitiesRet(string Capabilities) : IXdrStruct<ConnectGetCapabilitiesRet>
{
    public static ConnectGetCapabilitiesRet Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Capabilities);
}

/// <summary>CONNECT_GET_HOSTNAME (59) ret.</summary>
public sealed record ConnectGetHostnameRet(string Hostname) : IXdrStruct<ConnectGetHostnameRet>
{
    public static ConnectGetHostnameRet Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Hostname);
}

/// <summary>
/// NODE_GET_INFO (6) ret: <c>char model[32]</c> (32 widened chars, NUL-padded: 128 bytes), memory in
/// KiB, then six ints — 188 bytes with the header.
/// </summary>
public sealed record NodeGetInfoRet(string Model, ulong Memory, int Cpus, int Mhz, int Nodes, int Sockets,
    int Cores, int Threads) : IXdrStruct<NodeGetInfoRet>
{
    public static NodeGetInfoRet From(Virt.Api.Host.NodeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new(info.Model, info.MemoryKiB, checked((int)info.Cpus), checked((int)info.Mhz),
            checked((int)info.Nodes), checked((int)info.Sockets), checked((int)info.Cores), checked((int)info.Threads));
    }

    public Virt.Api.Host.NodeInfo ToNodeInfo() =>
        new(Model, Memory, (uint)Cpus, (uint)Mhz, (uint)Nodes, (uint)Sockets, (uint)Cores, (uint)Threads);

    public static NodeGetInfoRet Decode(ref XdrReader reader) =>
        new(reader.ReadFixedCharArray(RemoteLimits.NodeModelLength), reader.ReadUHyper(), reader.ReadInt(),
            reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteFixedCharArray(Model, RemoteLimits.NodeModelLength);
        writer.WriteUHyper(Memory);
        writer.WriteInt(Cpus);
        writer.WriteInt(Mhz);
        writer.WriteInt(Nodes);
        writer.WriteInt(Sockets);
        writer.WriteInt(Cores);
        writer.WriteInt(Threads);
    }
}

/// <summary>
/// NODE_GET_SECURITY_MODEL (122) ret: two NUL-terminated char arrays. Null encodes a zero-length
/// array, which makes virsh skip the security lines; libvirtd without a security driver sends
/// <c>"none"</c> and <c>"0"</c>.
/// </summary>
public sealed record NodeGetSecurityModelRet(string? Model, string? Doi) : IXdrStruct<NodeGetSecurityModelRet>
{
    public static NodeGetSecurityModelRet None { get; } = new("none", "0");

    public static NodeGetSecurityModelRet Decode(ref XdrReader reader) =>
        new(reader.ReadCharArray(RemoteLimits.SecurityModelMax), reader.ReadCharArray(RemoteLimits.SecurityDoiMax));

    public void Encode(XdrWriter writer)
    {
        writer.WriteCharArray(Model, RemoteLimits.SecurityModelMax);
        writer.WriteCharArray(Doi, RemoteLimits.SecurityDoiMax);
    }
}
