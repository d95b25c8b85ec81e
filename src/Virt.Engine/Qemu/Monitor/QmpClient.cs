using System.Text.Json;

namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// The typed half of the QMP client: one method and one reply record per command, so callers never
/// touch JSON and schema surprises are caught here (as <see cref="QmpProtocolException"/>).
/// All transport concerns (ids, framing, failure) stay in <see cref="QmpConnection"/>.
/// </summary>
public sealed partial class QmpClient
{
    public QmpClient(QmpConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
    }

    public QmpConnection Connection { get; }

    public Task ContAsync(CancellationToken ct = default) => Connection.ExecuteAsync("cont", null, ct);

    public Task StopAsync(CancellationToken ct = default) => Connection.ExecuteAsync("stop", null, ct);

    public Task SystemPowerdownAsync(CancellationToken ct = default) => Connection.ExecuteAsync("system_powerdown", null, ct);

    public Task SystemResetAsync(CancellationToken ct = default) => Connection.ExecuteAsync("system_reset", null, ct);

    /// <summary>
    /// Asks QEMU to exit. QEMU may close the socket before (or instead of) its reply reaching us;
    /// that is the expected outcome, so losing the connection after sending is success. A connection
    /// that was already gone before the call still throws: then nothing was asked of QEMU.
    /// </summary>
    public async Task QuitAsync(CancellationToken ct = default)
    {
        var wasOpen = !Connection.Completion.IsCompleted;
        try
        {
            await Connection.ExecuteAsync("quit", null, ct).ConfigureAwait(false);
        }
        catch (QmpDisconnectedException) when (wasOpen)
        {
            // QEMU went away as asked.
        }
    }

    public async Task<QmpStatus> QueryStatusAsync(CancellationToken ct = default)
    {
        const string command = "query-status";
        var reply = QmpReply.Object(await Connection.ExecuteAsync(command, null, ct).ConfigureAwait(false), command);
        return new QmpStatus(QmpReply.String(reply, "status", command), QmpReply.Boolean(reply, "running", command));
    }

    public async Task<IReadOnlyList<QmpChardev>> QueryChardevAsync(CancellationToken ct = default)
    {
        const string command = "query-chardev";
        var reply = await Connection.ExecuteAsync(command, null, ct).ConfigureAwait(false);
        var result = new List<QmpChardev>();
        foreach (var entry in QmpReply.Array(reply, command))
        {
            result.Add(new QmpChardev(QmpReply.String(entry, "label", command), QmpReply.String(entry, "filename", command)));
        }

        return result;
    }

    public async Task<IReadOnlyList<QmpCpu>> QueryCpusFastAsync(CancellationToken ct = default)
    {
        const string command = "query-cpus-fast";
        var reply = await Connection.ExecuteAsync(command, null, ct).ConfigureAwait(false);
        var result = new List<QmpCpu>();
        foreach (var entry in QmpReply.Array(reply, command))
        {
            result.Add(new QmpCpu(QmpReply.Int32(entry, "cpu-index", command), QmpReply.Int64(entry, "thread-id", command)));
        }

        return result;
    }

    public async Task<QmpVersion> QueryVersionAsync(CancellationToken ct = default)
    {
        const string command = "query-version";
        var reply = QmpReply.Object(await Connection.ExecuteAsync(command, null, ct).ConfigureAwait(false), command);
        JsonElement qemu = QmpReply.Object(QmpReply.Member(reply, "qemu", command), command);
        return new QmpVersion(
            QmpReply.Int32(qemu, "major", command),
            QmpReply.Int32(qemu, "minor", command),
            QmpReply.Int32(qemu, "micro", command),
            QmpReply.OptionalString(reply, "package") ?? string.Empty);
    }
}
