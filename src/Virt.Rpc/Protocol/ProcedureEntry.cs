using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary>Which dispatch pool runs a procedure (libvirt's <c>@priority</c> annotation).</summary>
public enum DispatchPriority
{
    /// <summary>May wait on a domain's job or on QEMU.</summary>
    Normal = 0,

    /// <summary>
    /// Cheap, never waits on a domain job (or, like DESTROY, must get through while one is stuck):
    /// runs on a small separate pool so a blocked domain never starves it.
    /// </summary>
    High = 1,
}

/// <summary>Direction and shape of a procedure.</summary>
public enum ProcedureKind
{
    /// <summary>CALL from the client, REPLY from the server.</summary>
    Call,

    /// <summary>MESSAGE pushed by the server, never answered.</summary>
    Event,
}

/// <summary>Why the table has the procedure (SPEC §b.1's three lists).</summary>
public enum ProcedureTier
{
    /// <summary>Used by virsh, python3-libvirt or the Ansible module in their normal paths.</summary>
    Required,

    /// <summary>Extra commands: start flags, daemon version, domain events.</summary>
    Optional,

    /// <summary>Only reached when the server refuses a newer procedure.</summary>
    Fallback,
}

/// <summary>Whether a procedure changes state; state-changing ones are refused on read-only connections.</summary>
public readonly record struct Access(bool Writes, string? Api)
{
    /// <summary>Allowed on read-only connections.</summary>
    public static Access Reads { get; } = new(false, null);

    /// <summary>Changes state; <paramref name="api"/> names the public API in the read-only error.</summary>
    public static Access WritesVia(string api) => new(true, api);
}

/// <summary>An XDR payload type, usable without knowing it statically (tools, tests, logging).</summary>
public abstract class XdrCodec
{
    public abstract Type Type { get; }

    /// <summary>Decodes a complete payload into a boxed record.</summary>
    public abstract object DecodeBoxed(ReadOnlySpan<byte> payload);

    public abstract void EncodeBoxed(XdrWriter writer, object value);
}

/// <summary>The codec of one <see cref="IXdrStruct{TSelf}"/> type.</summary>
public sealed class XdrCodec<T> : XdrCodec where T : IXdrStruct<T>
{
    public static XdrCodec<T> Instance { get; } = new();

    private XdrCodec() { }

    public override Type Type => typeof(T);

    /// <summary>Decodes a complete payload; trailing bytes are an error.</summary>
    public T Decode(ReadOnlySpan<byte> payload) => XdrStruct.Decode<T>(payload);

    public void Encode(XdrWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Encode(writer);
    }

    public override object DecodeBoxed(ReadOnlySpan<byte> payload) => Decode(payload);

    public override void EncodeBoxed(XdrWriter writer, object value) => Encode(writer, (T)value);
}

/// <summary>
/// One row of <see cref="ProcedureTable"/>: number, wire name, payload codecs, dispatch priority and
/// access. <see cref="Args"/> is the CALL payload (for an event: the MESSAGE payload); <see cref="Ret"/>
/// the REPLY/OK payload (void for events).
/// </summary>
public abstract class ProcedureEntry
{
    private protected ProcedureEntry(RemoteProcedure procedure, ProcedureKind kind, DispatchPriority priority,
        Access access, ProcedureTier tier)
    {
        if (access.Writes && string.IsNullOrEmpty(access.Api))
            throw new ArgumentException("A state-changing procedure needs its API name.", nameof(access));
        Procedure = procedure;
        Name = ProcedureNames.Of(procedure);
        Kind = kind;
        Priority = priority;
        Access = access;
        Tier = tier;
    }

    public RemoteProcedure Procedure { get; }
    public int Number => (int)Procedure;

    /// <summary>Wire name without the <c>REMOTE_PROC_</c> prefix, e.g. <c>DOMAIN_GET_INFO</c>.</summary>
    public string Name { get; }

    public ProcedureKind Kind { get; }
    public DispatchPriority Priority { get; }
    public Access Access { get; }

    /// <summary>State-changing: refused on read-only connections with <see cref="RpcErrors.ReadOnly"/>.</summary>
    public bool Writes => Access.Writes;

    public ProcedureTier Tier { get; }
    public abstract XdrCodec Args { get; }
    public abstract XdrCodec Ret { get; }

    public override string ToString() => $"{Name}({Number})";
}

/// <summary>A CALL/REPLY procedure with typed args and ret.</summary>
public sealed class CallEntry<TArgs, TRet> : ProcedureEntry
    where TArgs : IXdrStruct<TArgs>
    where TRet : IXdrStruct<TRet>
{
    internal CallEntry(RemoteProcedure procedure, DispatchPriority priority, Access access,
        ProcedureTier tier = ProcedureTier.Required)
        : base(procedure, ProcedureKind.Call, priority, access, tier)
    {
    }

    public override XdrCodec<TArgs> Args => XdrCodec<TArgs>.Instance;
    public override XdrCodec<TRet> Ret => XdrCodec<TRet>.Instance;

    /// <summary>Decodes a CALL payload.</summary>
    public TArgs DecodeArgs(ReadOnlySpan<byte> payload) => Args.Decode(payload);

    /// <summary>The REPLY/OK for <paramref name="call"/>.</summary>
    public OutgoingMessage Reply(in MessageHeader call, TRet ret) => MessageBuilder.Reply(call, ret);

    /// <summary>A CALL of this procedure (client side, tests).</summary>
    public OutgoingMessage Call(uint serial, TArgs args) => MessageBuilder.Call(Procedure, serial, args);
}

/// <summary>An event the server pushes as a MESSAGE.</summary>
public sealed class EventEntry<TMsg> : ProcedureEntry where TMsg : IXdrStruct<TMsg>
{
    internal EventEntry(RemoteProcedure procedure, ProcedureTier tier = ProcedureTier.Required)
        : base(procedure, ProcedureKind.Event, DispatchPriority.Normal, Access.Reads, tier)
    {
    }

    public override XdrCodec<TMsg> Args => XdrCodec<TMsg>.Instance;
    public override XdrCodec<XdrVoid> Ret => XdrCodec<XdrVoid>.Instance;

    /// <summary>The event MESSAGE (serial 1, like libvirtd).</summary>
    public OutgoingMessage Message(TMsg body) => MessageBuilder.Event(Procedure, body);
}
