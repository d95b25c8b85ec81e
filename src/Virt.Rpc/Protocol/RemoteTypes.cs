using Virt.Api.Domains;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary><c>remote_nonnull_network</c>: only ever seen as the unused (NULL) <c>net</c> field of an error.</summary>
public sealed record RemoteNetwork(string Name, Guid Uuid);

/// <summary>
/// The REMOTE program's shared types on top of the XDR primitives:
/// <c>remote_nonnull_domain</c> = { name, uuid (16 raw bytes), id (−1 when inactive) } ↔
/// <see cref="DomainRef"/>, and its optional form <c>remote_domain</c>.
/// </summary>
public static class RemoteTypes
{
    public static DomainRef ReadDomain(this ref XdrReader reader)
    {
        var name = reader.ReadString();
        var uuid = reader.ReadUuid();
        var id = reader.ReadInt();
        return new DomainRef(name, uuid, id);
    }

    public static void WriteDomain(this XdrWriter writer, DomainRef domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        writer.WriteString(domain.Name);
        writer.WriteUuid(domain.Uuid);
        writer.WriteInt(domain.Id);
    }

    /// <summary><c>remote_domain</c> (<c>remote_nonnull_domain *</c>).</summary>
    public static DomainRef? ReadOptionalDomain(this ref XdrReader reader) =>
        reader.ReadOptionalFlag() ? reader.ReadDomain() : null;

    public static void WriteOptionalDomain(this XdrWriter writer, DomainRef? domain)
    {
        writer.WriteOptionalFlag(domain is not null);
        if (domain is not null) writer.WriteDomain(domain);
    }

    /// <summary><c>remote_network</c> (<c>remote_nonnull_network *</c>).</summary>
    public static RemoteNetwork? ReadOptionalNetwork(this ref XdrReader reader)
    {
        if (!reader.ReadOptionalFlag()) return null;
        var name = reader.ReadString();
        return new RemoteNetwork(name, reader.ReadUuid());
    }

    public static void WriteOptionalNetwork(this XdrWriter writer, RemoteNetwork? network)
    {
        writer.WriteOptionalFlag(network is not null);
        if (network is null) return;
        writer.WriteString(network.Name);
        writer.WriteUuid(network.Uuid);
    }

    // Element codecs for arrays (method groups convert to the XDR delegates without allocating per element).
    internal static DomainRef ReadDomainElement(ref XdrReader reader) => reader.ReadDomain();
    internal static void WriteDomainElement(XdrWriter writer, DomainRef domain) => writer.WriteDomain(domain);
    internal static string ReadStringElement(ref XdrReader reader) => reader.ReadString();
    internal static void WriteStringElement(XdrWriter writer, string value) => writer.WriteString(value);
    internal static int ReadIntElement(ref XdrReader reader) => reader.ReadInt();
    internal static void WriteIntElement(XdrWriter writer, int value) => writer.WriteInt(value);
}
