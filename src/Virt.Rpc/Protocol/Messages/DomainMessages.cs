using Virt.Api.Domains;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol.Messages;

// Domain procedures. Field order is wire order; see SPEC §b.1. Shapes shared by many procedures
// ({dom}, {dom; flags}, ret {dom}) have one record each.

/// <summary>Args <c>{remote_nonnull_domain dom}</c>: GET_INFO, CREATE, DESTROY, SUSPEND, IS_ACTIVE, …</summary>
public sealed record DomainArgs(DomainRef Dom) : IXdrStruct<DomainArgs>
{
    public static DomainArgs Decode(ref XdrReader reader) => new(reader.ReadDomain());
    public void Encode(XdrWriter writer) => writer.WriteDomain(Dom);
}

/// <summary>
/// Args <c>{remote_nonnull_domain dom; unsigned int flags}</c> for procedures whose flags clients send as 0
/// (GET_STATE, HAS_MANAGED_SAVE_IMAGE, SNAPSHOT_NUM, GET_MESSAGES).
/// </summary>
public sealed record DomainFlagsArgs(DomainRef Dom, uint Flags) : IXdrStruct<DomainFlagsArgs>
{
    public static DomainFlagsArgs Decode(ref XdrReader reader) => new(reader.ReadDomain(), reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteDomain(Dom);
        writer.WriteUInt(Flags);
    }
}

/// <summary>Ret <c>{remote_nonnull_domain dom}</c>: the LOOKUP_BY_* family, DEFINE_XML, CREATE_XML, CREATE_WITH_FLAGS.</summary>
public sealed record DomainRet(DomainRef Dom) : IXdrStruct<DomainRet>
{
    public static DomainRet Decode(ref XdrReader reader) => new(reader.ReadDomain());
    public void Encode(XdrWriter writer) => writer.WriteDomain(Dom);
}

/// <summary>CONNECT_LIST_ALL_DOMAINS (273) args.</summary>
public sealed record ListAllDomainsArgs(int NeedResults, ListDomainsFlags Flags) : IXdrStruct<ListAllDomainsArgs>
{
    public static ListAllDomainsArgs Decode(ref XdrReader reader) =>
        new(reader.ReadInt(), (ListDomainsFlags)reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteInt(NeedResults);
        writer.WriteUInt((uint)Flags);
    }
}

/// <summary>
/// CONNECT_LIST_ALL_DOMAINS (273) ret: <c>remote_nonnull_domain domains&lt;16384&gt;; unsigned int ret</c>.
/// <see cref="Ret"/> is the number of matches; when need_results was 0 the array is empty.
/// </summary>
public sealed record ListAllDomainsRet(IReadOnlyList<DomainRef> Domains, uint Ret) : IXdrStruct<ListAllDomainsRet>
{
    /// <summary>The bytes of the smallest <c>remote_nonnull_domain</c>: empty name, uuid, id.</summary>
    internal const int MinDomainSize = 4 + RemoteLimits.UuidLength + 4;

    public static ListAllDomainsRet Decode(ref XdrReader reader) =>
        new(reader.ReadArray(RemoteLimits.DomainListMax, RemoteTypes.ReadDomainElement, MinDomainSize), reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteArray(Domains, RemoteLimits.DomainListMax, RemoteTypes.WriteDomainElement);
        writer.WriteUInt(Ret);
    }
}

/// <summary>DOMAIN_LOOKUP_BY_ID (22) args.</summary>
public sealed record DomainLookupByIdArgs(int Id) : IXdrStruct<DomainLookupByIdArgs>
{
    public static DomainLookupByIdArgs Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(Id);
}

/// <summary>DOMAIN_LOOKUP_BY_NAME (23) args.</summary>
public sealed record DomainLookupByNameArgs(string Name) : IXdrStruct<DomainLookupByNameArgs>
{
    public static DomainLookupByNameArgs Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Name);
}

/// <summary>DOMAIN_LOOKUP_BY_UUID (24) args: <c>remote_uuid</c>, 16 raw bytes.</summary>
public sealed record DomainLookupByUuidArgs(Guid Uuid) : IXdrStruct<DomainLookupByUuidArgs>
{
    public static DomainLookupByUuidArgs Decode(ref XdrReader reader) => new(reader.ReadUuid());
    public void Encode(XdrWriter writer) => writer.WriteUuid(Uuid);
}

/// <summary>DOMAIN_GET_STATE (212) ret.</summary>
public sealed record DomainGetStateRet(DomainState State, int Reason) : IXdrStruct<DomainGetStateRet>
{
    public static DomainGetStateRet From(DomainStateInfo info) => new(info.State, info.Reason);

    public DomainStateInfo ToStateInfo() => new(State, Reason);

    public static DomainGetStateRet Decode(ref XdrReader reader) => new((DomainState)reader.ReadInt(), reader.ReadInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteInt((int)State);
        writer.WriteInt(Reason);
    }
}

/// <summary>
/// DOMAIN_GET_INFO (16) ret: <c>unsigned char state</c> and <c>unsigned short nrVirtCpu</c> are widened
/// to 4 bytes each; memory in KiB, cpuTime in nanoseconds.
/// </summary>
public sealed record DomainGetInfoRet(DomainState State, ulong MaxMem, ulong Memory, ushort NrVirtCpu, ulong CpuTime)
    : IXdrStruct<DomainGetInfoRet>
{
    public static DomainGetInfoRet From(DomainInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new(info.State, info.MaxMemoryKiB, info.MemoryKiB, checked((ushort)info.VirtCpus), info.CpuTimeNs);
    }

    public DomainInfo ToDomainInfo() => new(State, MaxMem, Memory, NrVirtCpu, CpuTime);

    public static DomainGetInfoRet Decode(ref XdrReader reader) =>
        new((DomainState)reader.ReadUChar(), reader.ReadUHyper(), reader.ReadUHyper(), reader.ReadUShort(), reader.ReadUHyper());

    public void Encode(XdrWriter writer)
    {
        writer.WriteUChar(checked((byte)State));
        writer.WriteUHyper(MaxMem);
        writer.WriteUHyper(Memory);
        writer.WriteUShort(NrVirtCpu);
        writer.WriteUHyper(CpuTime);
    }
}

/// <summary>DOMAIN_GET_OS_TYPE (19) ret, e.g. <c>hvm</c>.</summary>
public sealed record DomainGetOsTypeRet(string Type) : IXdrStruct<DomainGetOsTypeRet>
{
    public static DomainGetOsTypeRet Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Type);
}

/// <summary>DOMAIN_IS_ACTIVE (150) ret (<c>int active</c>, 0/1).</summary>
public sealed record DomainIsActiveRet(bool Active) : IXdrStruct<DomainIsActiveRet>
{
    public static DomainIsActiveRet Decode(ref XdrReader reader) => new(reader.ReadInt() != 0);
    public void Encode(XdrWriter writer) => writer.WriteInt(Active ? 1 : 0);
}

/// <summary>DOMAIN_IS_PERSISTENT (151) ret (<c>int persistent</c>, 0/1).</summary>
public sealed record DomainIsPersistentRet(bool Persistent) : IXdrStruct<DomainIsPersistentRet>
{
    public static DomainIsPersistentRet Decode(ref XdrReader reader) => new(reader.ReadInt() != 0);
    public void Encode(XdrWriter writer) => writer.WriteInt(Persistent ? 1 : 0);
}

/// <summary>DOMAIN_GET_AUTOSTART (15) ret (<c>int autostart</c>, 0/1).</summary>
public sealed record DomainGetAutostartRet(bool Autostart) : IXdrStruct<DomainGetAutostartRet>
{
    public static DomainGetAutostartRet Decode(ref XdrReader reader) => new(reader.ReadInt() != 0);
    public void Encode(XdrWriter writer) => writer.WriteInt(Autostart ? 1 : 0);
}

/// <summary>DOMAIN_SET_AUTOSTART (29) args: <c>int autostart</c> as sent (any non-zero value means on).</summary>
public sealed record DomainSetAutostartArgs(DomainRef Dom, int Autostart) : IXdrStruct<DomainSetAutostartArgs>
{
    public static DomainSetAutostartArgs Decode(ref XdrReader reader) => new(reader.ReadDomain(), reader.ReadInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteDomain(Dom);
        writer.WriteInt(Autostart);
    }
}

/// <summary>DOMAIN_HAS_MANAGED_SAVE_IMAGE (183) ret (<c>int result</c>, 0/1).</summary>
public sealed record DomainHasManagedSaveImageRet(bool Result) : IXdrStruct<DomainHasManagedSaveImageRet>
{
    public static DomainHasManagedSaveImageRet Decode(ref XdrReader reader) => new(reader.ReadInt() != 0);
    public void Encode(XdrWriter writer) => writer.WriteInt(Result ? 1 : 0);
}

/// <summary>DOMAIN_SNAPSHOT_NUM (187) ret.</summary>
public sealed record DomainSnapshotNumRet(int Num) : IXdrStruct<DomainSnapshotNumRet>
{
    public static DomainSnapshotNumRet Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(Num);
}

/// <summary>
/// DOMAIN_GET_SECURITY_LABEL (121) ret: <c>char label&lt;4097&gt;</c> (NUL-terminated; "" is
/// <c>[0]</c> = no label, null a zero-length array) and <c>int enforcing</c>.
/// </summary>
public sealed record DomainGetSecurityLabelRet(string? Label, bool Enforcing) : IXdrStruct<DomainGetSecurityLabelRet>
{
    public static DomainGetSecurityLabelRet NoLabel { get; } = new("", false);

    public static DomainGetSecurityLabelRet Decode(ref XdrReader reader) =>
        new(reader.ReadCharArray(RemoteLimits.SecurityLabelMax), reader.ReadInt() != 0);

    public void Encode(XdrWriter writer)
    {
        writer.WriteCharArray(Label, RemoteLimits.SecurityLabelMax);
        writer.WriteInt(Enforcing ? 1 : 0);
    }
}

/// <summary>DOMAIN_GET_MESSAGES (426) ret: <c>remote_nonnull_string msgs&lt;2048&gt;</c>.</summary>
public sealed record DomainGetMessagesRet(IReadOnlyList<string> Msgs) : IXdrStruct<DomainGetMessagesRet>
{
    public static DomainGetMessagesRet Decode(ref XdrReader reader) =>
        new(reader.ReadArray(RemoteLimits.DomainMessagesMax, RemoteTypes.ReadStringElement));

    public void Encode(XdrWriter writer) =>
        writer.WriteArray(Msgs, RemoteLimits.DomainMessagesMax, RemoteTypes.WriteStringElement);
}

/// <summary>DOMAIN_GET_XML_DESC (14) args.</summary>
public sealed record DomainGetXmlDescArgs(DomainRef Dom, DomainXmlFlags Flags) : IXdrStruct<DomainGetXmlDescArgs>
{
    public static DomainGetXmlDescArgs Decode(ref XdrReader reader) => new(reader.ReadDomain(), (DomainXmlFlags)reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteDomain(Dom);
        writer.WriteUInt((uint)Flags);
    }
}

/// <summary>DOMAIN_GET_XML_DESC (14) ret.</summary>
public sealed record DomainGetXmlDescRet(string Xml) : IXdrStruct<DomainGetXmlDescRet>
{
    public static DomainGetXmlDescRet Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Xml);
}

/// <summary>DOMAIN_DEFINE_XML (11) args.</summary>
public sealed record DomainDefineXmlArgs(string Xml) : IXdrStruct<DomainDefineXmlArgs>
{
    public static DomainDefineXmlArgs Decode(ref XdrReader reader) => new(reader.ReadString());
    public void Encode(XdrWriter writer) => writer.WriteString(Xml);
}

/// <summary>DOMAIN_CREATE_XML (10) args.</summary>
public sealed record DomainCreateXmlArgs(string XmlDesc, DomainCreateFlags Flags) : IXdrStruct<DomainCreateXmlArgs>
{
    public static DomainCreateXmlArgs Decode(ref XdrReader reader) => new(reader.ReadString(), (DomainCreateFlags)reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteString(XmlDesc);
        writer.WriteUInt((uint)Flags);
    }
}

/// <summary>DOMAIN_CREATE_WITH_FLAGS (196) args (ret is <see cref="DomainRet"/>).</summary>
public sealed record DomainCreateWithFlagsArgs(DomainRef Dom, DomainCreateFlags Flags) : IXdrStruct<DomainCreateWithFlagsArgs>
{
    public static DomainCreateWithFlagsArgs Decode(ref XdrReader reader) => new(reader.ReadDomain(), (DomainCreateFlags)reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteDomain(Dom);
        writer.WriteUInt((uint)Flags);
    }
}

/// <summary>DOMAIN_UNDEFINE_FLAGS (231) args.</summary>
public sealed record DomainUndefineFlagsArgs(DomainRef Dom, DomainUndefineFlags Flags) : IXdrStruct<DomainUndefineFlagsArgs>
{
    public static DomainUndefineFlagsArgs Decode(ref XdrReader reader) => new(reader.ReadDomain(), (DomainUndefineFlags)reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteDomain(Dom);
        writer.WriteUInt((uint)Flags);
    }
}

/// <summary>
/// DOMAIN_OPEN_CONSOLE (201) args. <see cref="DevName"/> null means the first console (falling back to
/// the first serial port); the reply is void and the stream follows on the call's serial.
/// </summary>
public sealed record DomainOpenConsoleArgs(DomainRef Dom, string? DevName, DomainConsoleFlags Flags) : IXdrStruct<DomainOpenConsoleArgs>
{
    public static DomainOpenConsoleArgs Decode(ref XdrReader reader) =>
        new(reader.ReadDomain(), reader.ReadOptionalString(), (DomainConsoleFlags)reader.ReadUInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteDomain(Dom);
        writer.WriteOptionalString(DevName);
        writer.WriteUInt((uint)Flags);
    }
}
