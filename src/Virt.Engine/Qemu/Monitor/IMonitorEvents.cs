namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// Receives everything a <see cref="QmpConnection"/> learns without being asked.
/// All calls come from the connection's single read loop, so they never overlap and
/// events arrive in QEMU's order. Handlers must be quick and must not block on the
/// connection (e.g. wait for a command reply): the loop cannot read replies while a
/// handler runs. Queue work elsewhere instead.
/// </summary>
public interface IMonitorEvents
{
    /// <summary>An asynchronous QMP event. Throwing from here is treated as a fatal connection error.</summary>
    void OnEvent(QmpEvent e);

    /// <summary>QEMU closed the monitor. Called at most once, and never together with <see cref="OnError"/>.</summary>
    void OnEof();

    /// <summary>The connection broke (I/O or protocol error). Called at most once, and never together with <see cref="OnEof"/>.</summary>
    void OnError(Exception error);
}
