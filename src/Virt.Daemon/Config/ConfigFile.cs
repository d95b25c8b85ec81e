using System.Globalization;

namespace Virt.Daemon.Config;

/// <summary>
/// virtd.conf, in libvirtd.conf's syntax: <c>key = value</c> lines, <c>#</c> comments, strings in
/// double quotes, integers bare. Strict: an unknown key, a duplicate key or a value of the wrong
/// kind is an error naming the line, never silently ignored.
/// </summary>
public sealed class ConfigFile
{
    /// <summary>The keys virtd understands and whether each holds a string (else an integer).</summary>
    public static readonly IReadOnlyDictionary<string, bool> Keys = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["socket_dir"] = true,
        ["root"] = true,
        ["pid_file"] = true,
        ["log_file"] = true,
        ["log_level"] = true,
        ["unix_sock_rw_perms"] = true,
        ["unix_sock_ro_perms"] = true,
        ["libvirt_compat"] = false,
        ["timeout"] = false,
        ["max_clients"] = false,
        ["max_workers"] = false,
        ["prio_workers"] = false,
        ["max_client_requests"] = false,
    };

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _numbers = new(StringComparer.Ordinal);

    public string Path { get; }

    private ConfigFile(string path) => Path = path;

    public static ConfigFile Empty { get; } = new("");

    public static ConfigFile Load(string path) => Parse(path, File.ReadAllText(path));

    public static ConfigFile Parse(string path, string text)
    {
        var file = new ConfigFile(path);
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = StripComment(raw).Trim();
            if (line.Length == 0) continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw file.Error(lineNo, "expected 'key = value'");
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (!Keys.TryGetValue(key, out var isString)) throw file.Error(lineNo, $"unknown setting '{key}'");
            if (file._strings.ContainsKey(key) || file._numbers.ContainsKey(key))
                throw file.Error(lineNo, $"'{key}' is set twice");
            if (isString)
            {
                if (value.Length < 2 || value[0] != '"' || value[^1] != '"' || value[1..^1].Contains('"', StringComparison.Ordinal))
                    throw file.Error(lineNo, $"'{key}' must be a string in double quotes");
                file._strings[key] = value[1..^1];
            }
            else
            {
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    throw file.Error(lineNo, $"'{key}' must be an integer");
                file._numbers[key] = number;
            }
        }
        return file;
    }

    public string? String(string key) => _strings.GetValueOrDefault(key);

    public long? Number(string key) => _numbers.TryGetValue(key, out var n) ? n : null;

    private static string StripComment(string line)
    {
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') inString = !inString;
            else if (line[i] == '#' && !inString) return line[..i];
        }
        return line;
    }

    private SettingsException Error(int line, string message) => new($"{Path}:{line}: {message}");
}

/// <summary>A setting that cannot be used; virtd reports it and exits with status 1.</summary>
public sealed class SettingsException(string message) : Exception(message);
