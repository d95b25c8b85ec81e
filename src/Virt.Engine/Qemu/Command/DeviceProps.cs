using System.Text.Json;
using System.Text.Json.Nodes;

namespace Virt.Engine.Qemu.Command;

/// <summary>
/// A device or blockdev described once as QEMU's JSON properties; rendered as a command-line
/// argument now, and sendable as <c>device_add</c>/<c>blockdev-add</c> arguments for hotplug later.
/// </summary>
public sealed class DeviceProps
{
    public DeviceProps(JsonObject properties) => Properties = properties;

    public JsonObject Properties { get; }

    public string ToArgument() => Properties.ToJsonString(SerializerOptions);

    private static readonly JsonSerializerOptions SerializerOptions = new() { WriteIndented = false };
}
