using System.Globalization;

namespace Virt.Model.Units;

/// <summary>
/// libvirt's scaled integers (<c>virScaleInteger</c>), case-insensitive throughout: <c>b</c>, <c>byte</c>,
/// <c>bytes</c> are bytes; a bare letter (<c>k</c>, <c>M</c>, <c>g</c>, <c>T</c>, <c>P</c>, <c>E</c>) or the
/// letter with <c>iB</c> (<c>KiB</c>, <c>mib</c>…) is a power of 1024; the letter with <c>B</c> (<c>KB</c>,
/// <c>mb</c>…) a power of 1000. No unit means KiB for memory sizes. Results round up to whole KiB, and the
/// byte count must fit in a signed 64-bit integer, as libvirt's limit is <c>LLONG_MAX</c>.
/// </summary>
public static class MemoryUnits
{
    /// <summary>The largest byte count libvirt accepts for a memory size (<c>LLONG_MAX</c>).</summary>
    public const ulong MaxBytes = long.MaxValue;

    /// <summary>Every spelling family libvirt accepts, for error texts.</summary>
    public const string Accepted = "b, bytes, KB, k, KiB, MB, M, MiB, GB, G, GiB, TB, T, TiB, PB, P, PiB, EB, E, EiB (case-insensitive)";

    public static bool TryToKiB(string value, string? unit, out ulong kib)
    {
        kib = 0;
        if (!TryToBytes(value, unit, 1024, out var bytes)) return false;
        kib = bytes / 1024 + (bytes % 1024 == 0 ? 0UL : 1UL);
        return true;
    }

    /// <summary>The size in bytes; <paramref name="defaultScale"/> applies when there is no unit.</summary>
    public static bool TryToBytes(string value, string? unit, ulong defaultScale, out ulong bytes)
    {
        bytes = 0;
        if (!ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        var scale = string.IsNullOrEmpty(unit) ? defaultScale : TryScale(unit, out var s) ? s : 0;
        if (scale == 0) return false;
        var total = (UInt128)n * scale;
        if (total > MaxBytes) return false;
        bytes = (ulong)total;
        return true;
    }

    public static bool IsKnownUnit(string? unit) => string.IsNullOrEmpty(unit) || TryScale(unit, out _);

    private static bool TryScale(string unit, out ulong scale)
    {
        scale = 0;
        if (unit.Equals("b", StringComparison.OrdinalIgnoreCase) || unit.Equals("byte", StringComparison.OrdinalIgnoreCase)
            || unit.Equals("bytes", StringComparison.OrdinalIgnoreCase))
        {
            scale = 1;
            return true;
        }
        ulong basis;
        if (unit.Length == 1 || unit.AsSpan(1).Equals("ib", StringComparison.OrdinalIgnoreCase)) basis = 1024;
        else if (unit.Length == 2 && (unit[1] is 'b' or 'B')) basis = 1000;
        else return false;
        var power = char.ToLowerInvariant(unit[0]) switch { 'k' => 1, 'm' => 2, 'g' => 3, 't' => 4, 'p' => 5, 'e' => 6, _ => 0 };
        if (power == 0) return false;
        scale = 1;
        for (var i = 0; i < power; i++) scale *= basis;
        return true;
    }
}
