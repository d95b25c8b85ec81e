using Virt.Engine.Host;
using Virt.Model.Domains;

namespace Virt.Engine.Qemu.Store;

/// <summary>One domain as found on disk: its persistent definition and/or its live status.</summary>
public sealed record StoredDomain(string Name, Guid Uuid, DomainDefinition? Config, DomainStatus? Status, bool Autostart)
{
    public bool IsPersistent => Config is not null;
}

/// <summary>
/// Reads and writes the driver's files. Disk is the source of truth, so several engine instances
/// (CLI runs, the daemon) see one state; every write is atomic and happens under the driver lock.
/// </summary>
public sealed class DomainStore(QemuPaths paths)
{
    public QemuPaths Paths => paths;

    /// <summary>Every domain, as shared read-only snapshots (clone a definition before changing it).</summary>
    public IReadOnlyList<StoredDomain> LoadAll()
    {
        var configs = ReadConfigs().ToDictionary(d => d.Name, StringComparer.Ordinal);
        var statuses = ReadStatuses().ToDictionary(s => s.Live.Name, StringComparer.Ordinal);
        var result = new List<StoredDomain>();
        foreach (var name in configs.Keys.Union(statuses.Keys))
        {
            configs.TryGetValue(name, out var config);
            statuses.TryGetValue(name, out var status);
            var uuid = (status?.Live.Uuid ?? config?.Uuid) ?? Guid.Empty;
            result.Add(new StoredDomain(name, uuid, config, status, config is not null && File.Exists(paths.AutostartLink(name))));
        }
        return result;
    }

    /// <summary>The first domain that matches, as a private copy the caller may change.</summary>
    public StoredDomain? Find(Func<StoredDomain, bool> predicate) => Copy(LoadAll().FirstOrDefault(predicate));

    /// <summary>
    /// The domain of that name, read from its own two files (files are named by domain name), so a
    /// lookup costs the same with one domain or thousands. A private copy the caller may change.
    /// </summary>
    public StoredDomain? FindByName(string name)
    {
        if (name.Length == 0 || name.Contains('/')) return null;
        var config = _configs.ReadFile(paths.ConfigFile(name));
        var status = _statuses.ReadFile(paths.StatusFile(name));
        if (config is null && status is null) return null;
        var uuid = (status?.Live.Uuid ?? config?.Uuid) ?? Guid.Empty;
        return Copy(new StoredDomain(name, uuid, config, status, config is not null && File.Exists(paths.AutostartLink(name))));
    }

    private static StoredDomain? Copy(StoredDomain? d) =>
        d is null ? null : d with { Config = d.Config?.Clone(), Status = d.Status?.Clone() };

    public void WriteConfig(DomainDefinition def) => AtomicFile.WriteAllText(paths.ConfigFile(def.Name), def.ToXml());

    public void DeleteConfig(string name)
    {
        File.Delete(paths.ConfigFile(name));
        File.Delete(paths.AutostartLink(name));
    }

    public void WriteStatus(DomainStatus status) => AtomicFile.WriteAllText(paths.StatusFile(status.Live.Name), status.ToXml());

    public void DeleteStatus(string name) => File.Delete(paths.StatusFile(name));

    public void SetAutostart(string name, bool enabled)
    {
        var link = paths.AutostartLink(name);
        if (enabled)
        {
            if (!File.Exists(link)) File.CreateSymbolicLink(link, paths.ConfigFile(name));
        }
        else
        {
            File.Delete(link);
        }
    }

    /// <summary>Hands out domain ids across processes: 1, 2, 3 … like libvirt's per-driver counter.</summary>
    public int NextId()
    {
        var current = File.Exists(paths.NextIdFile) && int.TryParse(File.ReadAllText(paths.NextIdFile).Trim(), out var n) ? n : 1;
        AtomicFile.WriteAllText(paths.NextIdFile, (current + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return current;
    }

    private readonly ParsedFileCache<DomainDefinition> _configs = new(text => DomainDefinition.ParseUnvalidated(text));
    private readonly ParsedFileCache<DomainStatus> _statuses = new(DomainStatus.Parse);

    private IReadOnlyList<DomainDefinition> ReadConfigs() => _configs.ReadDir(paths.ConfigDir);
    private IReadOnlyList<DomainStatus> ReadStatuses() => _statuses.ReadDir(paths.RunDir);
}

/// <summary>Why an inactive domain last stopped, kept beside the status so later runs can answer domstate --reason.</summary>
public static class ShutoffReasonFile
{
    public static string PathFor(QemuPaths paths, string name) => Path.Combine(paths.RunDir, name + ".shutoff");

    public static void Write(QemuPaths paths, string name, int reason) =>
        AtomicFile.WriteAllText(PathFor(paths, name), reason.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static int Read(QemuPaths paths, string name) =>
        File.Exists(PathFor(paths, name)) && int.TryParse(File.ReadAllText(PathFor(paths, name)).Trim(), out var r) ? r : 0;

    public static void Delete(QemuPaths paths, string name) => File.Delete(PathFor(paths, name));
}
