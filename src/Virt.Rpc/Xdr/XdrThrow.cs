using System.Diagnostics.CodeAnalysis;

namespace Virt.Rpc.Xdr;

/// <summary>Throw helpers so the hot read/write paths stay small and inlinable.</summary>
internal static class XdrThrow
{
    [DoesNotReturn]
    public static void Truncated(long needed, int remaining) =>
        throw new XdrException($"XDR data truncated: needed {needed} bytes, {remaining} remaining");

    [DoesNotReturn]
    public static void TooLong(string what, long length, int max) =>
        throw new XdrException($"XDR {what} length {length} exceeds maximum {max}");

    [DoesNotReturn]
    public static void Invalid(string message) => throw new XdrException(message);
}
