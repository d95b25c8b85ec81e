using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Virt.Cli.Shell;

/// <summary>
/// <c>--json</c> output: an indented document written with <see cref="Utf8JsonWriter"/> (no
/// reflection, nothing to load at start-up), ending with a newline.
/// </summary>
public static class Json
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Object(Action<Utf8JsonWriter> body) => Write(w =>
    {
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    });

    public static string Array(Action<Utf8JsonWriter> body) => Write(w =>
    {
        w.WriteStartArray();
        body(w);
        w.WriteEndArray();
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) body(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
