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
    public static string OneDecimal(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++;
        else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa * 2^exponent

        // tenths = value * 10, as numerator / denominator
        BigInteger numerator = new BigInteger(mantissa) * 10, denominator = BigInteger.One;
        if (exponent >= 0) numerator <<= exponent;
        else denominator <<= -exponent;
        var tenths = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !tenths.IsEven)) tenths++;

        var whole = BigInteger.DivRem(tenths, 10, out var fraction);
        return (negative ? "-" : "") + whole.ToString(CultureInfo.InvariantCulture) + "." +
               fraction.ToString(CultureInfo.InvariantCulture);
    }
}
