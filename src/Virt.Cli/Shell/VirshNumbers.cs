using System.Numerics;

namespace Virt.Cli.Shell;

/// <summary>
/// libvirt's <c>virStrToLong_*</c> family as virsh uses it: C <c>strtol</c> over the whole string
/// (leading blanks and a sign allowed, nothing after the digits), base 0 meaning C's 0x/0 prefixes,
/// and a range check instead of silent wrapping.
/// </summary>
public static class VirshNumbers
{
    public static bool TryParseInt(string text, int numberBase, out int value)
    {
        value = 0;
        if (!TryParse(text, numberBase, out var negative, out var magnitude)) return false;
        var signed = negative ? -magnitude : magnitude;
        if (signed < int.MinValue || signed > int.MaxValue) return false;
        value = (int)signed;
        return true;
    }

    public static bool TryParseLong(string text, out long value)
    {
        value = 0;
        if (!TryParse(text, 10, out var negative, out var magnitude)) return false;
        var signed = negative ? -magnitude : magnitude;
        if (signed < long.MinValue || signed > long.MaxValue) return false;
        value = (long)signed;
        return true;
    }

    /// <summary><c>virStrToLong_uip</c>: no sign wrap-around; "-1" is an error.</summary>
    public static bool TryParseUIntStrict(string text, out uint value)
    {
        value = 0;
        if (!TryParse(text, 10, out var negative, out var magnitude)) return false;
        if (negative && magnitude != 0) return false;
        if (magnitude > uint.MaxValue) return false;
        value = (uint)magnitude;
        return true;
    }

    /// <summary><c>virStrToLong_ullp</c>.</summary>
    public static bool TryParseULongStrict(string text, out ulong value)
    {
        value = 0;
        if (!TryParse(text, 10, out var negative, out var magnitude)) return false;
        if (negative && magnitude != 0) return false;
        if (magnitude > ulong.MaxValue) return false;
        value = (ulong)magnitude;
        return true;
    }

    private static bool TryParse(string text, int numberBase, out bool negative, out BigInteger magnitude)
    {
        negative = false;
        magnitude = BigInteger.Zero;
        var p = 0;
        while (p < text.Length && text[p] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') p++;
        if (p < text.Length && text[p] is '+' or '-')
        {
            negative = text[p] == '-';
            p++;
        }
        if (numberBase == 0)
        {
            if (p + 1 < text.Length && text[p] == '0' && text[p + 1] is 'x' or 'X' && p + 2 < text.Length &&
                char.IsAsciiHexDigit(text[p + 2]))
            {
                numberBase = 16;
                p += 2;
            }
            else if (p < text.Length && text[p] == '0') numberBase = 8;
            else numberBase = 10;
        }
        var start = p;
        for (; p < text.Length; p++)
        {
            var digit = text[p] switch
            {
                >= '0' and <= '9' => text[p] - '0',
                >= 'a' and <= 'z' => text[p] - 'a' + 10,
                >= 'A' and <= 'Z' => text[p] - 'A' + 10,
                _ => 99,
            };
            if (digit >= numberBase) return false;
            magnitude = magnitude * numberBase + digit;
        }
        return p > start;
    }
}
