using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Virt.Api.Errors;
using Virt.Engine.Host;

namespace Virt.Engine.Qemu;

/// <summary>
/// What the installed QEMU binary is: its version and machine-type aliases (<c>pc</c> →
/// <c>pc-i440fx-7.2</c>). Probing runs QEMU twice (~50 ms), so the result is cached on disk keyed on
/// the binary's size and mtime, like libvirt's capabilities cache.
/// </summary>
public sealed partial class QemuCapabilities
{
    public const string DefaultEmulator = "/usr/bin/qemu-system-x86_64";

    public required string EmulatorPath { get; init; }
    public required int Major { get; init; }
    public required int Minor { get; init; }
    public required int Micro { get; init; }
    public required Dictionary<string, string> MachineAliases { get; init; }
    public required string DefaultMachine { get; init; }
    public string Fingerprint { get; init; } = "";

    /// <summary>libvirt's version encoding: major×1,000,000 + minor×1,000 + micro.</summary>
    public ulong VersionNumber => (ulong)(Major * 1_000_000 + Minor * 1_000 + Micro);

    public string ExpandMachineAlias(string machine) => MachineAliases.TryGetValue(machine, out var full) ? full : machine;

    public static QemuCapabilities Load(string emulator, string cacheDir)
    {
        if (!File.Exists(emulator))
            throw VirtErrors.SystemError($"Cannot find QEMU binary {emulator}: No such file or directory. Install Debian's qemu-system-x86 package.");
        var info = new FileInfo(emulator);
        var fingerprint = $"{emulator}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
        var cacheFile = Path.Combine(cacheDir, "capabilities-" + Path.GetFileName(emulator) + ".json");
        try
        {
            if (File.Exists(cacheFile))
            {
                var cached = JsonSerializer.Deserialize(File.ReadAllText(cacheFile), CapabilitiesJson.Default.QemuCapabilities);
                if (cached is not null && cached.Fingerprint == fingerprint) return cached;
            }
        }
        catch (JsonException)
        {
            // A damaged cache is only a cache: probe again.
        }

        var caps = Probe(emulator, fingerprint);
        Directory.CreateDirectory(cacheDir);
        AtomicFile.WriteAllText(cacheFile, JsonSerializer.Serialize(caps, CapabilitiesJson.Default.QemuCapabilities));
        return caps;
    }

    private static QemuCapabilities Probe(string emulator, string fingerprint)
    {
        var version = Run(emulator, "--version");
        var m = VersionRegex().Match(version);
        if (!m.Success) throw VirtErrors.Internal($"cannot parse QEMU version from '{version.Trim()}'");
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaultMachine = "pc";
        foreach (var line in Run(emulator, "-machine", "help").Split('\n'))
        {
            var alias = AliasRegex().Match(line);
            if (alias.Success) aliases[alias.Groups[1].Value] = alias.Groups[2].Value;
            if (line.Contains("(default)", StringComparison.Ordinal)) defaultMachine = line.Split(' ', 2)[0];
        }
        return new QemuCapabilities
        {
            EmulatorPath = emulator,
            Major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            Minor = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            Micro = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0,
            MachineAliases = aliases,
            DefaultMachine = defaultMachine,
            Fingerprint = fingerprint,
        };
    }

    private static string Run(string exe, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var p = System.Diagnostics.Process.Start(psi) ?? throw VirtErrors.Internal($"cannot run {exe}");
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    [GeneratedRegex(@"version (\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionRegex();

    [GeneratedRegex(@"^(\S+)\s+.*\(alias of (\S+)\)")]
    private static partial Regex AliasRegex();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(QemuCapabilities))]
internal sealed partial class CapabilitiesJson : System.Text.Json.Serialization.JsonSerializerContext;
