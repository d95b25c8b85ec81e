namespace Virt.Engine.Qemu.Monitor;

/// <summary>Reply of <c>query-status</c>. <paramref name="Status"/> is QEMU's RunState string ("prelaunch", "running", "paused", …).</summary>
public sealed record QmpStatus(string Status, bool Running);
