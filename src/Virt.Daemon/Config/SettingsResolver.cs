using System.Globalization;
using Microsoft.Extensions.Logging;
using Virt.Engine.Qemu.Store;

namespace Virt.Daemon.Config;

/// <summary>What the command line said; null = not given.</summary>
public sealed record CommandLineValues(
    string? SocketDir = null,
    string? ConfigFile = null,
    string? Root = null,
    bool Foreground = false,
    int? TimeoutSeconds = null,
    string? PidFile = null,
    string? LogFile = null,
    bool LibvirtCompat = false,
    bool Verbose = false);

/// <summary>The parts of the process environment the defaults depend on (a seam for tests).</summary>
public sealed record DaemonEnvironment(bool IsRoot, Func<string, string?> Variable)
{
    public static DaemonEnvironment Current { get; } =
        new(Environment.IsPrivilegedProcess, Environment.GetEnvironmentVariable);

    public string Home => Variable("HOME") is { Length: > 0 } home ? home
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public string ConfigHome => Variable("XDG_CONFIG_HOME") is { Length: > 0 } c ? c : Path.Combine(Home, ".config");

    public string CacheHome => Variable("XDG_CACHE_HOME") is { Length: > 0 } c ? c : Path.Combine(Home, ".cache");

    /// <summary>$XDG_RUNTIME_DIR, or ~/.cache when it is unset (libvirt's session fallback).</summary>
    public string RuntimeDir => Variable("XDG_RUNTIME_DIR") is { Length: > 0 } r ? r : CacheHome;
}

/// <summary>
/// Turns command line + config file + mode defaults into <see cref="DaemonSettings"/>.
/// System mode (root): sockets in /run/virt, state in /etc/virt, /run/virt, /var/log/virt,
/// /var/cache/virt. Session mode: sockets in $XDG_RUNTIME_DIR/virt, state in the user's XDG folders.
/// </summary>
public static class SettingsResolver
{
    public const string SystemConfigFile = "/etc/virt/virtd.conf";

    public static DaemonSettings Resolve(CommandLineValues cli, DaemonEnvironment env)
    {
        var mode = env.IsRoot ? DaemonMode.System : DaemonMode.Session;
        var configPath = cli.ConfigFile ?? DefaultConfigFile(mode, env);
        ConfigFile config;
        if (configPath is null) config = ConfigFile.Empty;
        else if (File.Exists(configPath)) config = ConfigFile.Load(configPath);
        else if (cli.ConfigFile is not null) throw new SettingsException($"cannot read config file '{configPath}': no such file");
        else config = ConfigFile.Empty;

        var socketDir = AbsolutePath(cli.SocketDir ?? config.String("socket_dir"), "socket_dir")
            ?? (mode == DaemonMode.System ? "/run/virt" : Path.Combine(env.RuntimeDir, "virt"));
        var libvirtDir = mode == DaemonMode.System ? "/run/libvirt" : Path.Combine(env.RuntimeDir, "libvirt");
        var root = AbsolutePath(cli.Root ?? config.String("root"), "root");
        var timeout = cli.TimeoutSeconds ?? (int?)config.Number("timeout");
        if (timeout is < 0) throw new SettingsException("timeout must be 0 (never) or a number of seconds");

        return new DaemonSettings
        {
            Mode = mode,
            SocketDir = socketDir,
            LibvirtCompat = cli.LibvirtCompat || config.Number("libvirt_compat") is > 0,
            LibvirtSocketDir = libvirtDir,
            Root = root,
            QemuPaths = root is not null ? new QemuPaths(root) : DefaultQemuPaths(mode, env),
            Foreground = cli.Foreground,
            IdleTimeout = timeout is > 0 ? TimeSpan.FromSeconds(timeout.Value) : null,
            PidFile = AbsolutePath(cli.PidFile ?? config.String("pid_file"), "pid_file") ?? Path.Combine(socketDir, "virtd.pid"),
            LogFile = AbsolutePath(cli.LogFile ?? config.String("log_file"), "log_file")
                ?? (mode == DaemonMode.System ? "/var/log/virt/virtd.log" : Path.Combine(env.CacheHome, "virt", "virtd.log")),
            LogLevel = cli.Verbose ? LogLevel.Debug : ParseLogLevel(config.String("log_level")),
            MaxClients = Positive(config, "max_clients", 5000),
            MaxWorkers = Positive(config, "max_workers", 20),
            PrioWorkers = Positive(config, "prio_workers", 5),
            MaxClientRequests = Positive(config, "max_client_requests", 5),
            ReadWritePerms = ParsePerms(config.String("unix_sock_rw_perms"), "unix_sock_rw_perms") ?? (UnixFileMode)0b110_000_000,
            ReadOnlyPerms = ParsePerms(config.String("unix_sock_ro_perms"), "unix_sock_ro_perms") ?? (UnixFileMode)0b110_110_110,
        };
    }

    private static string? DefaultConfigFile(DaemonMode mode, DaemonEnvironment env) =>
        mode == DaemonMode.System ? SystemConfigFile : Path.Combine(env.ConfigHome, "virt", "virtd.conf");

    /// <summary>A user's qemu state, in the XDG folders (libvirt's session layout with "virt" for "libvirt").</summary>
    private static QemuPaths DefaultQemuPaths(DaemonMode mode, DaemonEnvironment env) =>
        mode == DaemonMode.System
            ? QemuPaths.ForSystem()
            : new QemuPaths(
                Path.Combine(env.ConfigHome, "virt", "qemu"),
                Path.Combine(env.RuntimeDir, "virt", "qemu"),
                Path.Combine(env.CacheHome, "virt", "qemu", "log"),
                Path.Combine(env.CacheHome, "virt", "qemu", "cache"));

    private static string? AbsolutePath(string? value, string what)
    {
        if (value is null) return null;
        if (value.Length == 0) throw new SettingsException($"{what} must not be empty");
        return Path.GetFullPath(value);
    }

    private static int Positive(ConfigFile config, string key, int fallback)
    {
        var value = config.Number(key);
        if (value is null) return fallback;
        if (value is < 1 or > int.MaxValue) throw new SettingsException($"{key} must be a positive number");
        return (int)value;
    }

    private static LogLevel ParseLogLevel(string? value) => value switch
    {
        null => LogLevel.Information,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new SettingsException($"log_level must be one of debug, info, warning, error (got '{value}')"),
    };

    private static UnixFileMode? ParsePerms(string? value, string key)
    {
        if (value is null) return null;
        try
        {
            var mode = Convert.ToInt32(value, 8);
            if (mode is < 0 or > 0x1FF) throw new FormatException();
            return (UnixFileMode)mode;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new SettingsException(string.Create(CultureInfo.InvariantCulture, $"{key} must be an octal mode such as \"0600\" (got '{value}')"));
        }
    }
}
