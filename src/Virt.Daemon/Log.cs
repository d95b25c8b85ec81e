using Microsoft.Extensions.Logging;

namespace Virt.Daemon;

/// <summary>Every message virtd logs, with fixed event ids (1xx host, 2xx connections, 3xx calls, 4xx streams/events).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "virtd {Version} ({Mode} mode) listening on {Sockets}; qemu state in {StateDir}")]
    public static partial void Listening(ILogger logger, string version, string mode, string sockets, string stateDir);

    [LoggerMessage(101, LogLevel.Information, "stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string reason);

    [LoggerMessage(102, LogLevel.Information, "autostart started {Count} domain(s)")]
    public static partial void Autostarted(ILogger logger, int count);

    [LoggerMessage(103, LogLevel.Error, "autostart failed")]
    public static partial void AutostartFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "{Count} running domain(s) adopted")]
    public static partial void Adopted(ILogger logger, int count);

    [LoggerMessage(105, LogLevel.Warning, "{Path} exists: clients using qemu:///system will prefer it over {Compat}")]
    public static partial void ModularSocketPresent(ILogger logger, string path, string compat);

    [LoggerMessage(106, LogLevel.Information, "stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(107, LogLevel.Error, "listener on {Path} failed")]
    public static partial void ListenerFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(200, LogLevel.Debug, "client {Client} connected on {Socket}")]
    public static partial void ClientConnected(ILogger logger, long client, string socket);

    [LoggerMessage(201, LogLevel.Debug, "client {Client} disconnected")]
    public static partial void ClientDisconnected(ILogger logger, long client);

    [LoggerMessage(202, LogLevel.Warning, "client {Client} dropped: {Reason}")]
    public static partial void ClientDropped(ILogger logger, long client, string reason);

    [LoggerMessage(203, LogLevel.Warning, "refusing client: {Count} clients already connected (max_clients)")]
    public static partial void TooManyClients(ILogger logger, int count);

    [LoggerMessage(204, LogLevel.Debug, "client {Client} opened {Uri} (read-only: {ReadOnly})")]
    public static partial void ConnectionOpened(ILogger logger, long client, string uri, bool readOnly);

    [LoggerMessage(300, LogLevel.Debug, "client {Client} call {Procedure} serial {Serial}")]
    public static partial void Call(ILogger logger, long client, string procedure, uint serial);

    [LoggerMessage(301, LogLevel.Debug, "client {Client} {Procedure} failed: {Message}")]
    public static partial void CallFailed(ILogger logger, long client, string procedure, string message);

    [LoggerMessage(302, LogLevel.Error, "client {Client} {Procedure}: unexpected error")]
    public static partial void CallCrashed(ILogger logger, long client, string procedure, Exception exception);

    [LoggerMessage(303, LogLevel.Debug, "client {Client} sent {What}; ignored")]
    public static partial void Ignored(ILogger logger, long client, string what);

    [LoggerMessage(400, LogLevel.Debug, "client {Client} console stream {Serial} ended: {How}")]
    public static partial void StreamEnded(ILogger logger, long client, uint serial, string how);

    [LoggerMessage(401, LogLevel.Warning, "client {Client} console stream {Serial} failed")]
    public static partial void StreamFailed(ILogger logger, long client, uint serial, Exception exception);

    [LoggerMessage(403, LogLevel.Debug, "client {Client} registered event callback {CallbackId} for event {EventId}")]
    public static partial void EventRegistered(ILogger logger, long client, int callbackId, int eventId);

    [LoggerMessage(402, LogLevel.Error, "dispatch worker: unexpected error")]
    public static partial void WorkerCrashed(ILogger logger, Exception exception);
}
