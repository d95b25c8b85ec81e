namespace Virt.Engine.Qemu.Monitor;

/// <summary>One entry of <c>query-chardev</c>; <paramref name="Filename"/> is e.g. "pty:/dev/pts/3" or "unix:/run/…,server=on".</summary>
public sealed record QmpChardev(string Label, string Filename);
