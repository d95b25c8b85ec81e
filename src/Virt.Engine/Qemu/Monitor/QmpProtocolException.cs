namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// QEMU sent something that is not valid QMP (bad JSON, oversized message, missing reply fields).
/// Inside the read loop this is fatal, because after it the stream can no longer be trusted.
/// </summary>
public sealed class QmpProtocolException : QmpException
{
    public QmpProtocolException(string message) : base(message) { }

    public QmpProtocolException(string message, Exception? innerException) : base(message, innerException) { }
}
