using System.Text;

namespace Virt.Rpc.Tests;

/// <summary>
/// Parses the byte notation of SPEC a.10: hex groups separated by whitespace, with ASCII text
/// written as "quoted strings" (no escapes), e.g. <c>0000003d "Domain not found" 000000</c>.
/// </summary>
public static class SpecHex
{
    public static byte[] Parse(string text)
    {
        var bytes = new List<byte>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '|')
            {
                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0) throw new FormatException("unterminated string");
                bytes.AddRange(Encoding.ASCII.GetBytes(text[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && Uri.IsHexDigit(text[i])) i++;
                if (i == start || (i - start) % 2 != 0) throw new FormatException($"bad hex group at {start}: {text[start..Math.Min(text.Length, start + 12)]}");
                bytes.AddRange(Convert.FromHexString(text[start..i]));
            }
        }
        return bytes.ToArray();
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
