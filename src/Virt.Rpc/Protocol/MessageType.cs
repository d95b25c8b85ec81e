namespace Virt.Rpc.Protocol;

/// <summary>The <c>type</c> word of a message header (libvirt's <c>virNetMessageType</c>).</summary>
public enum MessageType
{
    /// <summary>Client to server; payload is the procedure's args.</summary>
    Call = 0,

    /// <summary>Server to client, answering a call with the same prog/vers/proc/serial.</summary>
    Reply = 1,

    /// <summary>Unsolicited: events from the server (serial 1) and keepalive both ways (serial 0).</summary>
    Message = 2,

    /// <summary>Stream data or control, tied to the serial of the call that opened the stream.</summary>
    Stream = 3,

    CallWithFds = 4,
    ReplyWithFds = 5,

    /// <summary>Sparse-stream hole (<c>{hyper length; unsigned int flags}</c>); unused by virtd.</summary>
    StreamHole = 6,
}

/// <summary>The <c>status</c> word of a message header (libvirt's <c>virNetMessageStatus</c>).</summary>
public enum MessageStatus
{
    Ok = 0,
    Error = 1,
    Continue = 2,
}

/// <summary>Program numbers (the <c>prog</c> word). Every program is at version 1.</summary>
public static class RpcProgram
{
    public const uint Remote = 0x20008086;

    /// <summary>ASCII "keep".</summary>
    public const uint Keepalive = 0x6b656570;

    public const uint Qemu = 0x20008087;
    public const uint Lxc = 0x00068000;

    /// <summary>The admin program, served on its own socket (not by the main listener).</summary>
    public const uint Admin = 0x06900690;

    /// <summary>The only version of every program.</summary>
    public const uint Version = 1;
}
