namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// The connection is gone (EOF, I/O error, protocol error or disposal). The first such failure is
/// preserved and thrown to every pending and later command; <see cref="Exception.InnerException"/>
/// holds the underlying cause, if there was one beyond a plain EOF.
/// </summary>
public sealed class QmpDisconnectedException : QmpException
{
    public QmpDisconnectedException(string message) : base(message) { }

    public QmpDisconnectedException(string message, Exception? innerException) : base(message, innerException) { }
}
