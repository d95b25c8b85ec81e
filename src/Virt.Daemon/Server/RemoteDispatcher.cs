using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Virt.Api.Errors;
using Virt.Rpc.Framing;
using Virt.Rpc.Protocol;
using Virt.Rpc.Xdr;

namespace Virt.Daemon.Server;

/// <summary>Serves one decoded CALL and builds its REPLY (OK or ERROR).</summary>
internal delegate Task<OutgoingMessage> CallHandler(CallContext context, IncomingMessage call);

/// <summary>
/// The REMOTE program's dispatcher, driven by <see cref="ProcedureTable"/>: a handler is attached to
/// a table entry (which brings the args/ret codecs, the priority and the access rule), and everything
/// common to all calls happens here once — "connection not open", read-only refusal, decoding, error
/// replies. A procedure without a handler gets libvirtd's "unknown procedure: N", which clients turn
/// into VIR_ERR_NO_SUPPORT and use to fall back.
/// </summary>
internal sealed class RemoteDispatcher
{
    /// <summary>The calls a connection may make before CONNECT_OPEN (libvirtd's <c>needAuth</c>-free set plus open/close).</summary>
    private static readonly FrozenSet<RemoteProcedure> AllowedUnopened = new[]
    {
        RemoteProcedure.AuthList, RemoteProcedure.ConnectSupportsFeature, RemoteProcedure.ConnectOpen, RemoteProcedure.ConnectClose,
    }.ToFrozenSet();

    private readonly Dictionary<int, Served> _handlers = [];
    private readonly ILogger _logger;

    private sealed record Served(ProcedureEntry Entry, CallHandler Handler);

    public RemoteDispatcher(ILogger logger) => _logger = logger;

    /// <summary>The entries that have a handler.</summary>
    public IEnumerable<ProcedureEntry> ServedEntries => _handlers.Values.Select(s => s.Entry);

    /// <summary>Attaches the handler of <paramref name="entry"/>; each procedure has exactly one.</summary>
    public void On<TArgs, TRet>(CallEntry<TArgs, TRet> entry, Func<CallContext, TArgs, Task<TRet>> handler)
        where TArgs : IXdrStruct<TArgs>
        where TRet : IXdrStruct<TRet>
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(handler);
        if (_handlers.ContainsKey(entry.Number))
            throw new InvalidOperationException($"{entry} has a handler already");
        _handlers[entry.Number] = new Served(entry, async (context, call) =>
        {
            TArgs args;
            try
            {
                args = entry.DecodeArgs(call.Payload.Span);
            }
            catch (XdrException ex)
            {
                throw RpcErrors.DecodeFailed(ex);
            }
            var ret = await handler(context, args).ConfigureAwait(false);
            return entry.Reply(context.Header, ret);
        });
    }

    /// <summary>Attaches the handler of a procedure whose reply is void.</summary>
    public void OnVoid<TArgs>(CallEntry<TArgs, XdrVoid> entry, Func<CallContext, TArgs, Task> handler)
        where TArgs : IXdrStruct<TArgs>
    {
        ArgumentNullException.ThrowIfNull(handler);
        On(entry, async (context, args) =>
        {
            await handler(context, args).ConfigureAwait(false);
            return XdrVoid.Value;
        });
    }

    /// <summary>The table entry of a procedure this dispatcher serves (for picking its pool).</summary>
    public bool TryGetEntry(int procedure, [NotNullWhen(true)] out ProcedureEntry? entry)
    {
        var found = _handlers.TryGetValue(procedure, out var served);
        entry = served?.Entry;
        return found;
    }

    /// <summary>Runs a CALL and always returns a reply to send (errors become REPLY/ERROR).</summary>
    public async Task<OutgoingMessage> DispatchAsync(CallContext context, IncomingMessage call)
    {
        var header = call.Header;
        if (!_handlers.TryGetValue(header.Procedure, out var served))
            return Error(context, header, RpcErrors.UnknownProcedure(header.Procedure), $"procedure {header.Procedure}");

        var entry = served.Entry;
        Log.Call(_logger, context.Client.Id, entry.Name, header.Serial);
        try
        {
            if (!AllowedUnopened.Contains(entry.Procedure) && context.Client.Driver is null)
                throw CallContext.NotOpen();
            if (entry.Writes && context.Client.ReadOnly)
                throw RpcErrors.ReadOnly(entry.Access.Api!);
            return await served.Handler(context, call).ConfigureAwait(false);
        }
        catch (VirtException ex)
        {
            return Error(context, header, ex, entry.Name);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return Error(context, header, VirtErrors.OperationFailed("the daemon is shutting down", ErrorDomain.Rpc), entry.Name);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CallCrashed(_logger, context.Client.Id, entry.Name, ex);
            return Error(context, header, VirtErrors.Internal(ex.Message, ErrorDomain.Rpc, ex), entry.Name);
        }
    }

    private OutgoingMessage Error(CallContext context, in MessageHeader header, VirtException error, string what)
    {
        Log.CallFailed(_logger, context.Client.Id, what, Truncate(error.Message));
        var wire = RemoteError.FromException(error);
        // libvirt formats error texts into 1024-byte buffers; a huge argument echoed back must not make the reply unencodable.
        wire = wire with
        {
            Message = Truncate(wire.Message), Str1 = Truncate(wire.Str1), Str2 = Truncate(wire.Str2), Str3 = Truncate(wire.Str3),
        };
        return MessageBuilder.ErrorReply(header, wire);
    }

    private const int ErrorTextMax = 1023;

    [return: NotNullIfNotNull(nameof(text))]
    private static string? Truncate(string? text) => text is { Length: > ErrorTextMax } ? text[..ErrorTextMax] : text;
}
