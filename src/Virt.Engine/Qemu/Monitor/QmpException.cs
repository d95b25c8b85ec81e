namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// Base of every monitor-layer failure. It stays inside the engine: the driver wraps it once
/// into a <c>VirtException</c> at the layer edge.
/// </summary>
public class QmpException : Exception
{
    public QmpException(string message) : base(message) { }

    public QmpException(string message, Exception? innerException) : base(message, innerException) { }
}
