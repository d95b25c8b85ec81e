using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol.Messages;

// The procedures virsh falls back to when CONNECT_LIST_ALL_DOMAINS (273) is refused (SPEC §g).

/// <summary>CONNECT_NUM_OF_DOMAINS (51) ret: running domains.</summary>
public sealed record ConnectNumOfDomainsRet(int Num) : IXdrStruct<ConnectNumOfDomainsRet>
{
    public static ConnectNumOfDomainsRet Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(Num);
}

/// <summary>CONNECT_LIST_DOMAINS (37) args.</summary>
public sealed record ConnectListDomainsArgs(int MaxIds) : IXdrStruct<ConnectListDomainsArgs>
{
    public static ConnectListDomainsArgs Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(MaxIds);
}

/// <summary>CONNECT_LIST_DOMAINS (37) ret: <c>int ids&lt;16384&gt;</c>.</summary>
public sealed record ConnectListDomainsRet(IReadOnlyList<int> Ids) : IXdrStruct<ConnectListDomainsRet>
{
    public static ConnectListDomainsRet Decode(ref XdrReader reader) =>
        new(reader.ReadArray(RemoteLimits.DomainListMax, RemoteTypes.ReadIntElement));

    public void Encode(XdrWriter writer) =>
        writer.WriteArray(Ids, RemoteLimits.DomainListMax, RemoteTypes.WriteIntElement);
}

/// <summary>CONNECT_NUM_OF_DEFINED_DOMAINS (25) ret: inactive domains.</summary>
public sealed record ConnectNumOfDefinedDomainsRet(int Num) : IXdrStruct<ConnectNumOfDefinedDomainsRet>
{
    public static ConnectNumOfDefinedDomainsRet Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(Num);
}

/// <summary>CONNECT_LIST_DEFINED_DOMAINS (21) args.</summary>
public sealed record ConnectListDefinedDomainsArgs(int MaxNames) : IXdrStruct<ConnectListDefinedDomainsArgs>
{
    public static ConnectListDefinedDomainsArgs Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(MaxNames);
}

/// <summary>CONNECT_LIST_DEFINED_DOMAINS (21) ret: <c>remote_nonnull_string names&lt;16384&gt;</c>.</summary>
public sealed record ConnectListDefinedDomainsRet(IReadOnlyList<string> Names) : IXdrStruct<ConnectListDefinedDomainsRet>
{
    public static ConnectListDefinedDomainsRet Decode(ref XdrReader reader) =>
        new(reader.ReadArray(RemoteLimits.DomainListMax, RemoteTypes.ReadStringElement));

    public void Encode(XdrWriter writer) =>
        writer.WriteArray(Names, RemoteLimits.DomainListMax, RemoteTypes.WriteStringElement);
}
