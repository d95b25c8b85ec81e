namespace Virt.Rpc.Framing;

/// <summary>
/// The byte stream broke the framing rules (a length word under 28 or over the maximum, EOF in the
/// middle of a message). The connection cannot be resynchronised: the caller disconnects.
/// </summary>
public sealed class RpcProtocolException : Exception
{
    public RpcProtocolException(string message) : base(message) { }
}
