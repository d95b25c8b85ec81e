using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Rpc.Protocol;

namespace Virt.Daemon.Server;

/// <summary>One CALL being served: who asked, the header to answer, and work to do once the reply is out.</summary>
internal sealed class CallContext(ClientConnection client, MessageHeader header, CancellationToken cancellationToken)
{
    private List<Func<Task>>? _afterReply;

    public ClientConnection Client { get; } = client;
    public MessageHeader Header { get; } = header;

    /// <summary>Cancelled when the daemon stops (not when the client goes: a started job finishes).</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The driver CONNECT_OPEN chose; "connection not open" before that or after CONNECT_CLOSE.</summary>
    public IHypervisorDriver Driver => Client.Driver?.Driver ?? throw NotOpen();

    /// <summary>Runs <paramref name="action"/> after the reply is queued (a stream's data must follow its reply).</summary>
    public void AfterReply(Func<Task> action) => (_afterReply ??= []).Add(action);

    internal async Task RunAfterReplyAsync()
    {
        if (_afterReply is null) return;
        foreach (var action in _afterReply) await action().ConfigureAwait(false);
    }

    /// <summary>libvirtd's answer to a call that needs an open connection.</summary>
    public static VirtException NotOpen() =>
        new(ErrorCode.InternalError, ErrorDomain.Rpc, "internal error: connection not open", "internal error: %s", "connection not open");
}
