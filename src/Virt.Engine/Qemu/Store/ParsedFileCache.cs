using System.Collections.Concurrent;

namespace Virt.Engine.Qemu.Store;

/// <summary>
/// Parsed copies of the *.xml files of a directory, re-read only when a file's identity (size and
/// modification time) changed. Other processes write through atomic renames, so a changed file
/// always shows a new time; this keeps lookups cheap with many domains while disk stays the truth.
/// File times are only as fine as the kernel's clock tick, so — as git does for its index — an
/// entry read within <see cref="RacyWindow"/> of the file's time is not trusted and read again.
/// The values returned are the cache's own: callers must clone before changing them.
/// </summary>
internal sealed class ParsedFileCache<T>(Func<string, T> parse) where T : class
{
    private static readonly long RacyWindow = TimeSpan.FromMilliseconds(100).Ticks;
    private readonly ConcurrentDictionary<string, (long Ticks, long Length, long ReadAt, T Value)> _entries = new(StringComparer.Ordinal);

    public IReadOnlyList<T> ReadDir(string dir)
    {
        if (!Directory.Exists(dir)) return [];
        var result = new List<T>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in new DirectoryInfo(dir).EnumerateFiles("*.xml"))
        {
            if (info.Name.StartsWith('.')) continue; // an atomic write's temporary file
            present.Add(info.FullName);
            if (Get(info) is { } value) result.Add(value);
        }
        foreach (var stale in _entries.Keys.Where(k => k.StartsWith(dir, StringComparison.Ordinal) && !present.Contains(k)).ToList())
            _entries.TryRemove(stale, out _);
        return result;
    }

    /// <summary>One file, or null when it does not exist (or cannot be read).</summary>
    public T? ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists) return Get(info);
        _entries.TryRemove(path, out _);
        return null;
    }

    private T? Get(FileInfo info)
    {
        var ticks = info.LastWriteTimeUtc.Ticks;
        if (_entries.TryGetValue(info.FullName, out var entry) && entry.Ticks == ticks && entry.Length == info.Length
            && entry.ReadAt - ticks >= RacyWindow)
            return entry.Value;
        var readAt = DateTime.UtcNow.Ticks;
        T parsed;
        try
        {
            parsed = parse(File.ReadAllText(info.FullName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or Model.ModelException or FormatException or NullReferenceException)
        {
            return null; // removed meanwhile, or unreadable: skip rather than fail every call
        }
        _entries[info.FullName] = (ticks, info.Length, readAt, parsed);
        return parsed;
    }
}
