using Microsoft.Extensions.Logging;
using Virt.Engine.Qemu.Store;

namespace Virt.Daemon.Config;

/// <summary>Which daemon this is: the host's (root, <c>qemu:///system</c>) or a user's (<c>qemu:///session</c>).</summary>
public enum DaemonMode
{
    System,
    Session,
}

/// <summary>
/// Everything virtd runs with, resolved once at start-up from the command line, the config file and
/// the defaults of the mode (in that order of precedence). Paths are absolute.
/// </summary>
public sealed record DaemonSettings
{
    public const string SocketName = "virtd-sock";
    public const string ReadOnlySocketName = "virtd-sock-ro";
    public const string LibvirtSocketName = "libvirt-sock";
    public const string LibvirtReadOnlySocketName = "libvirt-sock-ro";

    public required DaemonMode Mode { get; init; }

    /// <summary>Holds <see cref="SocketName"/>, <see cref="ReadOnlySocketName"/> and (by default) the pid file.</summary>
    public required string SocketDir { get; init; }

    /// <summary>Also listen where an unmodified client looks by default (<c>/run/libvirt/libvirt-sock{,-ro}</c>).</summary>
    public bool LibvirtCompat { get; init; }

    /// <summary>Where <see cref="LibvirtCompat"/> listens.</summary>
    public required string LibvirtSocketDir { get; init; }

    /// <summary>Every file of the qemu driver (definitions, status, logs, cache).</summary>
    public required QemuPaths QemuPaths { get; init; }

    /// <summary>True when <c>--root</c> put all qemu state under one directory.</summary>
    public string? Root { get; init; }

    public bool Foreground { get; init; }

    /// <summary>Exit after this long with no clients and no running domains; null = never.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    public required string PidFile { get; init; }

    /// <summary>Where a daemon that puts itself in the background writes its log.</summary>
    public required string LogFile { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Workers for normal-priority calls (libvirtd's <c>max_workers</c>).</summary>
    public int MaxWorkers { get; init; } = 20;

    /// <summary>Workers for high-priority calls (libvirtd's <c>prio_workers</c>).</summary>
    public int PrioWorkers { get; init; } = 5;

    /// <summary>Connections served at once (libvirtd's <c>max_clients</c>).</summary>
    public int MaxClients { get; init; } = 5000;

    /// <summary>Calls one connection may have in progress before its socket is no longer read (<c>max_client_requests</c>).</summary>
    public int MaxClientRequests { get; init; } = 5;

    public UnixFileMode ReadWritePerms { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public UnixFileMode ReadOnlyPerms { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>The URI a client that named none is told (CONNECT_GET_URI).</summary>
    public string CanonicalUri => Mode == DaemonMode.System ? "qemu:///system" : "qemu:///session";

    public string SocketPath => Path.Combine(SocketDir, SocketName);
    public string ReadOnlySocketPath => Path.Combine(SocketDir, ReadOnlySocketName);
}
