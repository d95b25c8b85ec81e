using Virt.Api.Domains;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol.Messages;

/// <summary>Domain event ids for the event registration procedures (<c>virDomainEventID</c>).</summary>
public static class DomainEventIds
{
    public const int Lifecycle = 0;

    /// <summary>The highest id libvirt 9.0 clients register (<c>virsh event --all</c> registers 0–26).</summary>
    public const int Last = 26;
}

/// <summary>CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY (316) args: <c>dom</c> null = every domain.</summary>
public sealed record ConnectDomainEventCallbackRegisterAnyArgs(int EventId, DomainRef? Dom)
    : IXdrStruct<ConnectDomainEventCallbackRegisterAnyArgs>
{
    public static ConnectDomainEventCallbackRegisterAnyArgs Decode(ref XdrReader reader) =>
        new(reader.ReadInt(), reader.ReadOptionalDomain());

    public void Encode(XdrWriter writer)
    {
        writer.WriteInt(EventId);
        writer.WriteOptionalDomain(Dom);
    }
}

/// <summary>CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY (316) ret.</summary>
public sealed record ConnectDomainEventCallbackRegisterAnyRet(int CallbackId) : IXdrStruct<ConnectDomainEventCallbackRegisterAnyRet>
{
    public static ConnectDomainEventCallbackRegisterAnyRet Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(CallbackId);
}

/// <summary>CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY (317) args.</summary>
public sealed record ConnectDomainEventCallbackDeregisterAnyArgs(int CallbackId)
    : IXdrStruct<ConnectDomainEventCallbackDeregisterAnyArgs>
{
    public static ConnectDomainEventCallbackDeregisterAnyArgs Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(CallbackId);
}

/// <summary>
/// <c>remote_domain_event_lifecycle_msg</c> = {dom; event; detail}: the payload of the legacy
/// DOMAIN_EVENT_LIFECYCLE (107) message and the body of the callback form (318).
/// </summary>
public sealed record DomainEventLifecycleMsg(DomainRef Dom, DomainEventType Event, int Detail)
    : IXdrStruct<DomainEventLifecycleMsg>
{
    public static DomainEventLifecycleMsg Decode(ref XdrReader reader) =>
        new(reader.ReadDomain(), (DomainEventType)reader.ReadInt(), reader.ReadInt());

    public void Encode(XdrWriter writer)
    {
        writer.WriteDomain(Dom);
        writer.WriteInt((int)Event);
        writer.WriteInt(Detail);
    }
}

/// <summary>
/// DOMAIN_EVENT_CALLBACK_LIFECYCLE (318), a MESSAGE from the server:
/// <c>{int callbackID; remote_domain_event_lifecycle_msg msg}</c>.
/// </summary>
public sealed record DomainEventCallbackLifecycleMsg(int CallbackId, DomainEventLifecycleMsg Msg)
    : IXdrStruct<DomainEventCallbackLifecycleMsg>
{
    public static DomainEventCallbackLifecycleMsg Decode(ref XdrReader reader) =>
        new(reader.ReadInt(), DomainEventLifecycleMsg.Decode(ref reader));

    public void Encode(XdrWriter writer)
    {
        writer.WriteInt(CallbackId);
        Msg.Encode(writer);
    }
}

/// <summary>CONNECT_DOMAIN_EVENT_REGISTER_ANY (167) args (legacy, used when feature 14 is answered 0).</summary>
public sealed record ConnectDomainEventRegisterAnyArgs(int EventId) : IXdrStruct<ConnectDomainEventRegisterAnyArgs>
{
    public static ConnectDomainEventRegisterAnyArgs Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(EventId);
}

/// <summary>CONNECT_DOMAIN_EVENT_DEREGISTER_ANY (168) args (legacy).</summary>
public sealed record ConnectDomainEventDeregisterAnyArgs(int EventId) : IXdrStruct<ConnectDomainEventDeregisterAnyArgs>
{
    public static ConnectDomainEventDeregisterAnyArgs Decode(ref XdrReader reader) => new(reader.ReadInt());
    public void Encode(XdrWriter writer) => writer.WriteInt(EventId);
}
