using System.Globalization;
using System.Numerics;

namespace Virt.Cli.Shell;

/// <summary>printf number formats whose rounding differs from .NET's.</summary>
public static class CFormat
{
    /// <summary>
    /// C's <c>%.1f</c>: the exact binary value rounded to one decimal, ties to even (glibc), where
    /// .NET's "F1" rounds ties away from zero.
    /// </summary>
    public static string OneDecimal(double value) => Fixed(value, 1);

    /// <summary>C's <c>%.Nf</c>: the exact binary value rounded to <paramref name="digits"/> decimals, ties to even.</summary>
    public static string Fixed(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++;
        else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa * 2^exponent

        // scaled = value * 10^digits, as numerator / denominator
        var scale = BigInteger.Pow(10, digits);
        BigInteger numerator = new BigInteger(mantissa) * scale, denominator = BigInteger.One;
        if (exponent >= 0) numerator <<= exponent;
        else denominator <<= -exponent;
        var tenths = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !tenths.IsEven)) tenths++;

        var whole = BigInteger.DivRem(tenths, scale, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (digits > 0) text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return (negative ? "-" : "") + text;
    }
}
