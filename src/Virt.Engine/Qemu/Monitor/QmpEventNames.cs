namespace Virt.Engine.Qemu.Monitor;

/// <summary>QMP event names the driver reacts to, spelled exactly as QEMU sends them.</summary>
public static class QmpEventNames
{
    public const string Shutdown = "SHUTDOWN";
    public const string Stop = "STOP";
    public const string Resume = "RESUME";
    public const string Reset = "RESET";
    public const string Powerdown = "POWERDOWN";
    public const string GuestPanicked = "GUEST_PANICKED";
}
