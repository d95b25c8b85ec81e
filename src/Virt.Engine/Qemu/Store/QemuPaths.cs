namespace Virt.Engine.Qemu.Store;

/// <summary>
/// Where the driver keeps its files: persistent definitions and autostart links, live status and
/// monitor sockets, QEMU's own output, and the capabilities cache. Under one root they follow
/// libvirt's embed layout (etc/qemu, run/qemu, log/qemu, cache/qemu).
/// </summary>
public sealed class QemuPaths
{
    public QemuPaths(string root)
        : this(Path.Combine(Path.GetFullPath(root), "etc", "qemu"), Path.Combine(Path.GetFullPath(root), "run", "qemu"),
            Path.Combine(Path.GetFullPath(root), "log", "qemu"), Path.Combine(Path.GetFullPath(root), "cache", "qemu"))
    {
    }

    public QemuPaths(string configDir, string runDir, string logDir, string cacheDir)
    {
        ConfigDir = configDir;
        AutostartDir = Path.Combine(ConfigDir, "autostart");
        RunDir = runDir;
        LogDir = logDir;
        CacheDir = cacheDir;
        LockFile = Path.Combine(RunDir, "driver.lock");
        NextIdFile = Path.Combine(RunDir, "next-id");
    }

    /// <summary>The system daemon's layout, beside libvirt's own (/etc/libvirt/qemu …) rather than in it.</summary>
    public static QemuPaths ForSystem() =>
        new("/etc/virt/qemu", "/run/virt/qemu", "/var/log/virt/qemu", "/var/cache/virt/qemu");

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
