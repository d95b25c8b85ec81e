using System.Text.Json;

namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// Strict readers for typed replies. A reply that lacks a member we rely on means our idea of
/// QEMU's schema is wrong, which should surface as a clear <see cref="QmpProtocolException"/>
/// naming the command and member rather than as a bare KeyNotFound or InvalidOperation.
/// </summary>
internal static class QmpReply
{
    public static JsonElement Object(JsonElement value, string command)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(command, $"expected an object, got {value.ValueKind}");
        }

        return value;
    }

    public static JsonElement.ArrayEnumerator Array(JsonElement value, string command)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(command, $"expected an array, got {value.ValueKind}");
        }

        return value.EnumerateArray();
    }

    public static JsonElement Member(JsonElement obj, string name, string command)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            throw Invalid(command, $"missing member '{name}'");
        }

        return value;
    }

    public static string String(JsonElement obj, string name, string command)
    {
        var value = Member(obj, name, command);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(command, $"member '{name}' is {value.ValueKind}, expected a string");
    }

    public static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool Boolean(JsonElement obj, string name, string command)
    {
        var value = Member(obj, name, command);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(command, $"member '{name}' is {value.ValueKind}, expected a boolean"),
        };
    }

    public static int Int32(JsonElement obj, string name, string command)
    {
        var value = Member(obj, name, command);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result)
            ? result
            : throw Invalid(command, $"member '{name}' is not a 32-bit integer");
    }

    public static long Int64(JsonElement obj, string name, string command)
    {
        var value = Member(obj, name, command);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var result)
            ? result
            : throw Invalid(command, $"member '{name}' is not a 64-bit integer");
    }

    private static QmpProtocolException Invalid(string command, string problem) =>
        new($"unexpected reply to QEMU command '{command}': {problem}");
}
