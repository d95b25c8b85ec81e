using System.Globalization;

namespace Virt.Model.Units;

/// <summary>
/// libvirt's memory units (<c>virScaleInteger</c>): KB/MB/GB/TB are powers of 1000, k/M/G/T and
/// KiB/MiB/GiB/TiB powers of 1024, b/bytes plain. No unit means KiB. Results round up to whole KiB.
/// </summary>
public static class MemoryUnits
{
    public static bool TryToKiB(string value, string? unit, out ulong kib)
    {
        kib = 0;
        if (!ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        if (!TryScale(unit, out var bytesPerUnit)) return false;
        var bytes = (UInt128)n * bytesPerUnit;
        var result = (bytes + 1023) / 1024;
        if (result > ulong.MaxValue) return false;
        kib = (ulong)result;
        return true;
    }

    public static bool IsKnownUnit(string? unit) => TryScale(unit, out _);

    private static bool TryScale(string? unit, out ulong bytes)
    {
        bytes = unit switch
        {
            null or "" or "k" or "K" or "KiB" or "kib" or "KIB" => 1024UL,
            "b" or "B" or "bytes" => 1UL,
            "KB" or "kb" => 1000UL,
            "MB" or "mb" => 1000UL * 1000,
            "M" or "m" or "MiB" or "mib" or "MIB" => 1024UL * 1024,
            "GB" or "gb" => 1000UL * 1000 * 1000,
            "G" or "g" or "GiB" or "gib" or "GIB" => 1024UL * 1024 * 1024,
            "TB" or "tb" => 1000UL * 1000 * 1000 * 1000,
            "T" or "t" or "TiB" or "tib" or "TIB" => 1024UL * 1024 * 1024 * 1024,
            "PB" or "pb" => 1000UL * 1000 * 1000 * 1000 * 1000,
            "P" or "p" or "PiB" or "pib" => 1024UL * 1024 * 1024 * 1024 * 1024,
            "EB" or "eb" => 1000UL * 1000 * 1000 * 1000 * 1000 * 1000,
            "E" or "e" or "EiB" or "eib" => 1024UL * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => 0,
        };
        return bytes != 0;
    }
}
