using System.Net.Sockets;

namespace Virt.Engine.Qemu.Monitor;

public sealed partial class QmpClient
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Connects to a QEMU that is still starting: retries while the socket file does not exist yet
    /// or nobody listens on it (backoff 1 ms doubling to 20 ms, so a fast start costs ~1 ms and a
    /// slow one does not spin). Gives up early with <see cref="QmpDisconnectedException"/> once
    /// <paramref name="processAlive"/> says QEMU died, since waiting longer cannot help, and with
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/> (handshake included).
    /// Any other failure (e.g. a broken handshake) is not retried.
    /// </summary>
    public static async Task<QmpConnection> ConnectWithRetryAsync(
        string socketPath, IMonitorEvents events, Func<bool> processAlive, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(processAlive);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);

        var delay = FirstRetryDelay;
        SocketException? lastFailure = null;
        while (true)
        {
            if (!processAlive())
            {
                throw new QmpDisconnectedException(
                    $"QEMU exited while connecting to its monitor at '{socketPath}'", lastFailure);
            }

            try
            {
                return await QmpConnection.ConnectAsync(socketPath, events, deadline.Token).ConfigureAwait(false);
            }
            catch (SocketException ex) when (IsNotListeningYet(ex))
            {
                lastFailure = ex;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw TimedOut(socketPath, timeout, lastFailure);
            }

            try
            {
                await Task.Delay(delay, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw TimedOut(socketPath, timeout, lastFailure);
            }

            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }
    }

    // .NET reports a missing socket file (ENOENT) as AddressNotAvailable, a stale file or one that
    // is bound but not yet listening as ConnectionRefused, and a full backlog as TryAgain/WouldBlock.
    private static bool IsNotListeningYet(SocketException ex) => ex.SocketErrorCode is
        SocketError.AddressNotAvailable or SocketError.ConnectionRefused or SocketError.TryAgain or SocketError.WouldBlock;

    private static TimeoutException TimedOut(string socketPath, TimeSpan timeout, Exception? lastFailure) =>
        new($"timed out after {timeout.TotalSeconds:0.###} s connecting to the QEMU monitor at '{socketPath}'", lastFailure);
}
