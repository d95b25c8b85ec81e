using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary>Builds complete messages of each kind (SPEC a.4/a.5). Every result is completed and owns a pooled buffer.</summary>
public static class MessageBuilder
{
    /// <summary>The serial libvirtd puts on event MESSAGEs (clients ignore it).</summary>
    public const uint EventSerial = 1;

    /// <summary>A CALL of the REMOTE program (clients, tests).</summary>
    public static OutgoingMessage Call<TArgs>(RemoteProcedure procedure, uint serial, TArgs args)
        where TArgs : IXdrStruct<TArgs> =>
        Build(new MessageHeader(0, RpcProgram.Remote, RpcProgram.Version, (int)procedure, MessageType.Call, serial,
            MessageStatus.Ok), args);

    /// <summary>A REPLY/OK answering <paramref name="call"/>: same prog, vers, proc and serial.</summary>
    public static OutgoingMessage Reply<TRet>(in MessageHeader call, TRet ret) where TRet : IXdrStruct<TRet> =>
        Build(call.ToReply(MessageStatus.Ok), ret);

    /// <summary>A REPLY/ERROR answering <paramref name="call"/> with a <c>remote_error</c>.</summary>
    public static OutgoingMessage ErrorReply(in MessageHeader call, RemoteError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Build(call.ToReply(MessageStatus.Error), error);
    }

    /// <summary>An event MESSAGE (e.g. DOMAIN_EVENT_CALLBACK_LIFECYCLE) with libvirtd's serial 1.</summary>
    public static OutgoingMessage Event<TMsg>(RemoteProcedure procedure, TMsg body, uint serial = EventSerial)
        where TMsg : IXdrStruct<TMsg> =>
        Build(new MessageHeader(0, RpcProgram.Remote, RpcProgram.Version, (int)procedure, MessageType.Message, serial,
            MessageStatus.Ok), body);

    /// <summary>Any header with any payload.</summary>
    public static OutgoingMessage Build<T>(in MessageHeader header, T payload) where T : IXdrStruct<T>
    {
        var message = OutgoingMessage.Begin(header);
        try
        {
            payload.Encode(message.Payload);
            message.Complete();
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }
}
