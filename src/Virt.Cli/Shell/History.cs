namespace Virt.Cli.Shell;

/// <summary>
/// The interactive shell's history, kept like virsh's (readline's <c>stifle_history(500)</c>) in
/// <c>$XDG_CACHE_HOME/virt/history</c>, else <c>~/.cache/virt/history</c>: one line per entry, oldest first.
/// </summary>
public sealed class History
{
    public const int MaxEntries = 500;

    private readonly List<string> _entries = [];

    public History(string? path) => Path = path;

    /// <summary>The file, or null when there is no home to keep it in.</summary>
    public string? Path { get; }

    public IReadOnlyList<string> Entries => _entries;

    public static string? DefaultPath(ProcessEnvironment env)
    {
        var cache = env.GetVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !System.IO.Path.IsPathRooted(cache))
        {
            if (string.IsNullOrEmpty(env.HomeDirectory)) return null;
            cache = System.IO.Path.Combine(env.HomeDirectory, ".cache");
        }
        return System.IO.Path.Combine(cache, "virt", "history");
    }

    public void Load()
    {
        if (Path is null) return;
        try
        {
            foreach (var line in File.ReadLines(Path)) Append(line);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No history yet, or none we may read: start empty, as readline does.
        }
    }

    public void Add(string line)
    {
        Append(line);
        Save();
    }

    /// <summary>Writes the file (creating its folder); a history that cannot be written is not an error.</summary>
    public void Save()
    {
        if (Path is null) return;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path, string.Concat(_entries.Select(e => e + "\n")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // As virsh: losing the history is not worth failing the shell.
        }
    }

    private void Append(string line)
    {
        _entries.Add(line);
        if (_entries.Count > MaxEntries) _entries.RemoveRange(0, _entries.Count - MaxEntries);
    }
}
