namespace Virt.Rpc.Xdr;

/// <summary>
/// An XDR payload could not be encoded or decoded: truncated input, a string or array over its
/// limit, a bad discriminant. Internal to the RPC layer: the dispatcher turns it into one
/// <c>VirtException</c> at the edge (see <c>RpcErrors.DecodeFailed</c>).
/// </summary>
public sealed class XdrException : Exception
{
    public XdrException(string message) : base(message) { }
    public XdrException(string message, Exception inner) : base(message, inner) { }
}
