namespace Virt.Engine.Qemu.Store;

/// <summary>
/// Where the driver keeps its files under a root, in libvirt's embed layout:
/// etc/qemu (persistent definitions, autostart links), run/qemu (live status, monitor sockets),
/// log/qemu (QEMU's own output), cache/qemu (capabilities).
/// </summary>
public sealed class QemuPaths
{
    public QemuPaths(string root)
    {
        Root = Path.GetFullPath(root);
        ConfigDir = Path.Combine(Root, "etc", "qemu");
        AutostartDir = Path.Combine(ConfigDir, "autostart");
        RunDir = Path.Combine(Root, "run", "qemu");
        LogDir = Path.Combine(Root, "log", "qemu");
        CacheDir = Path.Combine(Root, "cache", "qemu");
        LockFile = Path.Combine(RunDir, "driver.lock");
        NextIdFile = Path.Combine(RunDir, "next-id");
    }

    public string Root { get; }
    public string ConfigDir { get; }
    public string AutostartDir { get; }
    public string RunDir { get; }
    public string LogDir { get; }
    public string CacheDir { get; }
    public string LockFile { get; }
    public string NextIdFile { get; }

    public void EnsureCreated()
    {
        foreach (var dir in new[] { ConfigDir, AutostartDir, RunDir, LogDir, CacheDir })
            Directory.CreateDirectory(dir);
    }

    public string ConfigFile(string name) => Path.Combine(ConfigDir, name + ".xml");
    public string AutostartLink(string name) => Path.Combine(AutostartDir, name + ".xml");
    public string StatusFile(string name) => Path.Combine(RunDir, name + ".xml");
    public string LogFile(string name) => Path.Combine(LogDir, name + ".log");

    /// <summary>Monitor sockets are named by id: unix socket paths are limited to 107 bytes and names may be long.</summary>
    public string MonitorSocket(int id) => Path.Combine(RunDir, $"dom-{id}.qmp");
}
