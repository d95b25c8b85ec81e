using System.Text.Json;

namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// One QMP event. <paramref name="Data"/> is an owned copy (safe to keep after the callback);
/// events without a <c>data</c> member get an empty object so handlers need no Undefined checks.
/// </summary>
public sealed record QmpEvent(string Name, JsonElement Data, DateTimeOffset Timestamp);
