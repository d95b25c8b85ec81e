using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary>
/// <c>remote_error</c>, the payload of every status-ERROR reply and stream packet (same layout as
/// <c>virNetMessageError</c>): code, domain, message (remote_string), level, dom (unused: NULL),
/// str1–str3 (remote_string), int1, int2, net (unused: NULL). Maps one-to-one onto
/// <see cref="VirtException"/>.
/// </summary>
public sealed record RemoteError(
    ErrorCode Code,
    ErrorDomain Domain,
    string? Message,
    int Level,
    DomainRef? Dom,
    string? Str1,
    string? Str2,
    string? Str3,
    int Int1,
    int Int2,
    RemoteNetwork? Net) : IXdrStruct<RemoteError>
{
    /// <summary><c>VIR_ERR_ERROR</c>: the level of every error libvirtd raises.</summary>
    public const int LevelError = 2;

    /// <summary>The wire form of an API error (dom and net are always NULL).</summary>
    public static RemoteError FromException(VirtException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new RemoteError(exception.Code, exception.Domain, exception.Message, exception.Level, null,
            exception.Str1, exception.Str2, exception.Str3, exception.Int1, exception.Int2, null);
    }

    /// <summary>The API error this wire error describes (level, dom and net have no place there).</summary>
    public VirtException ToException() =>
        new(Code, Domain, Message ?? string.Empty, Str1, Str2, Str3, Int1, Int2);

    /// <summary>
    /// libvirtd's answer to a procedure number it does not serve: VIR_ERR_RPC (39), VIR_FROM_RPC (7),
    /// level 2, "unknown procedure: N" (str1 "%s", str2 the message, as libvirt's error helper fills
    /// them). Clients rewrite exactly this error into VIR_ERR_NO_SUPPORT, which drives their fallbacks.
    /// </summary>
    public static RemoteError UnknownProcedure(int procedure) =>
        FromException(RpcErrors.UnknownProcedure(procedure));

    /// <summary>libvirtd's answer to a message for a program/version it does not serve.</summary>
    public static RemoteError UnknownProgram(uint program, uint version) =>
        FromException(RpcErrors.UnknownProgram(program, version));

    public static RemoteError Decode(ref XdrReader reader) =>
        new((ErrorCode)reader.ReadInt(),
            (ErrorDomain)reader.ReadInt(),
            reader.ReadOptionalString(),
            reader.ReadInt(),
            reader.ReadOptionalDomain(),
            reader.ReadOptionalString(),
            reader.ReadOptionalString(),
            reader.ReadOptionalString(),
            reader.ReadInt(),
            reader.ReadInt(),
            reader.ReadOptionalNetwork());

    public void Encode(XdrWriter writer)
    {
        writer.WriteInt((int)Code);
        writer.WriteInt((int)Domain);
        writer.WriteOptionalString(Message);
        writer.WriteInt(Level);
        writer.WriteOptionalDomain(Dom);
        writer.WriteOptionalString(Str1);
        writer.WriteOptionalString(Str2);
        writer.WriteOptionalString(Str3);
        writer.WriteInt(Int1);
        writer.WriteInt(Int2);
        writer.WriteOptionalNetwork(Net);
    }
}
