namespace Virt.Engine.Qemu.Monitor;

/// <summary>Reply of <c>query-version</c>. <paramref name="Package"/> is the distributor's string, empty when QEMU reports none.</summary>
public sealed record QmpVersion(int Major, int Minor, int Micro, string Package);
