using System.Globalization;
using Virt.Api.Errors;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary>
/// The errors the RPC layer itself raises, with libvirtd's texts. VIR_ERR_RPC messages are used
/// verbatim (libvirt's template for that code is "%s"), so str1 is "%s" and str2 the message.
/// </summary>
public static class RpcErrors
{
    /// <summary>"unknown procedure: N" (code 39, domain 7): the answer for any procedure without a handler.</summary>
    public static VirtException UnknownProcedure(int procedure) =>
        Rpc(string.Create(CultureInfo.InvariantCulture, $"unknown procedure: {procedure}"));

    /// <summary>"Cannot find program N version M" (numbers in decimal, as libvirtd prints them).</summary>
    public static VirtException UnknownProgram(uint program, uint version) =>
        Rpc(string.Create(CultureInfo.InvariantCulture, $"Cannot find program {(int)program} version {(int)version}"));

    /// <summary>Any call but AUTH_* and CONNECT_SUPPORTS_FEATURE before authentication completed.</summary>
    public static VirtException AuthenticationRequired() => Rpc("authentication required");

    /// <summary>A call whose args could not be decoded: the <see cref="XdrException"/> wrapped once at the layer edge.</summary>
    public static VirtException DecodeFailed(XdrException exception) =>
        new(ErrorCode.Rpc, ErrorDomain.Rpc, "Unable to decode message payload", "%s",
            "Unable to decode message payload", inner: exception);

    /// <summary>
    /// A state-changing call on a read-only connection: VIR_ERR_OPERATION_DENIED (29),
    /// "operation forbidden: read only access prevents virDomainCreate".
    /// </summary>
    public static VirtException ReadOnly(string apiName) =>
        VirtErrors.OperationDenied($"read only access prevents {apiName}", ErrorDomain.Domain);

    private static VirtException Rpc(string message) =>
        new(ErrorCode.Rpc, ErrorDomain.Rpc, message, "%s", message);
}
