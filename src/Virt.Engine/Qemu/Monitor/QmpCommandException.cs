namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// QEMU answered a command with an <c>error</c> reply. The connection is still usable.
/// </summary>
public sealed class QmpCommandException : QmpException
{
    public QmpCommandException(string command, string errorClass, string description)
        : base($"unable to execute QEMU command '{command}': {description}")
    {
        Command = command;
        ErrorClass = errorClass;
        Description = description;
    }

    public string Command { get; }

    /// <summary>QEMU's <c>class</c>, e.g. <c>GenericError</c>, <c>CommandNotFound</c>, <c>DeviceNotFound</c>.</summary>
    public string ErrorClass { get; }

    /// <summary>QEMU's human-readable <c>desc</c>, passed through unchanged.</summary>
    public string Description { get; }
}
