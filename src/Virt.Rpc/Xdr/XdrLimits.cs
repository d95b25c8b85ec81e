namespace Virt.Rpc.Xdr;

/// <summary>
/// The size limits of libvirt 9.0's RPC protocol. Every value is pinned by a test: peers reject
/// messages over these sizes, so they are part of the wire contract.
/// </summary>
public static class XdrLimits
{
    /// <summary>Size of the length word that starts every message (VIR_NET_MESSAGE_LEN_MAX).</summary>
    public const int LengthWordSize = 4;

    /// <summary>Size of the header after the length word (VIR_NET_MESSAGE_HEADER_MAX).</summary>
    public const int HeaderSize = 24;

    /// <summary>Length word plus header: the smallest legal message (a void payload).</summary>
    public const int MessagePrefixSize = LengthWordSize + HeaderSize;

    /// <summary>Largest header + payload, not counting the length word (VIR_NET_MESSAGE_MAX, 32 MiB).</summary>
    public const int MessageMax = 33554432;

    /// <summary>Largest payload (VIR_NET_MESSAGE_PAYLOAD_MAX = <see cref="MessageMax"/> − header).</summary>
    public const int PayloadMax = 33554408;

    /// <summary>
    /// Largest value the length word may hold. The length word counts itself, and libvirt checks
    /// <c>length − 4 ≤ MessageMax</c>.
    /// </summary>
    public const int LengthWordMax = LengthWordSize + MessageMax;

    /// <summary>Initial receive/send buffer size (VIR_NET_MESSAGE_INITIAL); buffers grow from there.</summary>
    public const int InitialBufferSize = 65536;

    /// <summary>
    /// Largest payload older peers accept (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX); the size limit of one
    /// stream data packet.
    /// </summary>
    public const int StreamPacketMax = 262120;

    /// <summary>Largest <c>remote_nonnull_string</c> in bytes (REMOTE_STRING_MAX / VIR_NET_MESSAGE_STRING_MAX).</summary>
    public const int StringMax = 4194304;

    /// <summary>File descriptors per message (VIR_NET_MESSAGE_NUM_FDS_MAX); unused by virtd.</summary>
    public const int NumFdsMax = 32;
}
