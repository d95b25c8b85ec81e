using System.Globalization;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Engine.Host;
using Virt.Engine.Qemu.Command;
using Virt.Engine.Qemu.Monitor;
using Virt.Engine.Qemu.Store;
using Virt.Model.Domains;

namespace Virt.Engine.Qemu.Process;

/// <summary>
/// QEMU's life cycle for one domain (libvirt's <c>qemu_process.c</c>): check the host side,
/// launch paused, connect the monitor, learn pty paths, run, and stop. Any failure after the
/// launch kills the half-started QEMU and removes its status, so a failed start changes nothing.
/// </summary>
public sealed class QemuLauncher(DomainStore store, QemuCapabilities caps)
{
    public static readonly TimeSpan MonitorTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(10);

    public async Task<DomainStatus> LaunchAsync(DomainDefinition live, bool paused, bool autoDestroy, CancellationToken ct)
    {
        CheckHostResources(live);
        var paths = store.Paths;
        var id = store.NextId();
        live.Id = id;
        var socket = paths.MonitorSocket(id);
        if (System.Text.Encoding.UTF8.GetByteCount(socket) > 107)
            throw VirtErrors.ConfigUnsupported($"monitor socket path '{socket}' is longer than a unix socket allows; use a shorter root");
        File.Delete(socket);

        var command = new QemuCommandBuilder(caps).Build(live, new QemuRuntimePaths(socket));
        var logFile = paths.LogFile(live.Name);
        var offset = WriteLogHeader(logFile, command);
        var pid = DetachedSpawner.Spawn(command.Emulator, command.Argv, QemuEnvironment(), logFile);
        using var watch = ProcessWatch.Open(pid);
        var stat = ProcStat.Read(pid);
        var status = new DomainStatus
        {
            Live = live,
            Pid = pid,
            StartTime = stat?.StartTimeTicks ?? 0,
            MonitorSocket = socket,
            LogOffset = offset,
            AutoDestroy = autoDestroy,
            State = DomainStateInfo.Of(PausedReason.StartingUp),
        };
        store.WriteStatus(status);
        try
        {
            await using var lease = await ConnectFirstAsync(status, watch, logFile, ct).ConfigureAwait(false);
            await RecordPtyPathsAsync(lease.Client, live, ct).ConfigureAwait(false);
            if (!paused) await lease.Client.ContAsync(ct).ConfigureAwait(false);
            status.State = paused ? DomainStateInfo.Of(PausedReason.User) : DomainStateInfo.Of(RunningReason.Booted);
            store.WriteStatus(status);
            return status;
        }
        catch (Exception ex)
        {
            await KillAsync(status, ct: CancellationToken.None).ConfigureAwait(false);
            store.DeleteStatus(live.Name);
            File.Delete(socket);
            live.Id = null;
            if (ex is VirtException) throw;
            throw VirtErrors.Internal($"failed to start QEMU: {ex.Message}", inner: ex);
        }
    }

    /// <summary>Terminates QEMU: SIGTERM, then SIGKILL after a grace period unless <paramref name="graceful"/>.</summary>
    public static async Task<bool> KillAsync(DomainStatus status, bool graceful = false, CancellationToken ct = default)
    {
        if (!ProcStat.IsSameLiveProcess(status.Pid, status.StartTime)) return true;
        using var watch = ProcessWatch.Open(status.Pid);
        if (watch is null) return true;
        NativeMethods.kill(status.Pid, 15);
        var exited = await watch.WaitForExitAsync(TermGrace, ct).ConfigureAwait(false);
        if (!exited && !graceful)
        {
            NativeMethods.kill(status.Pid, 9);
            exited = await watch.WaitForExitAsync(TermGrace, ct).ConfigureAwait(false);
        }
        if (exited) watch.ReapIfChild();
        return exited;
    }

    public static Task<MonitorLease> AttachAsync(DomainStatus status, CancellationToken ct) =>
        MonitorLease.AcquireAsync(status.MonitorSocket, () => ProcStat.IsSameLiveProcess(status.Pid, status.StartTime),
            MonitorTimeout, ct);

    private async Task<MonitorLease> ConnectFirstAsync(DomainStatus status, ProcessWatch? watch, string logFile, CancellationToken ct)
    {
        try
        {
            return await MonitorLease.AcquireAsync(status.MonitorSocket, () => watch is not null && !watch.HasExited,
                MonitorTimeout, ct).ConfigureAwait(false);
        }
        catch (VirtException)
        {
            if (watch is not null && watch.HasExited)
            {
                watch.ReapIfChild();
                var tail = ExitClassifier.Tail(logFile, status.LogOffset);
                throw VirtErrors.Internal($"process exited while connecting to monitor: {tail}");
            }
            throw;
        }
    }

    private static async Task RecordPtyPathsAsync(QmpClient client, DomainDefinition live, CancellationToken ct)
    {
        var serials = live.Serials.ToList();
        if (!serials.Any(s => s.Type == "pty")) return;
        var chardevs = await client.QueryChardevAsync(ct).ConfigureAwait(false);
        for (var i = 0; i < serials.Count; i++)
        {
            if (serials[i].Type != "pty") continue;
            var dev = chardevs.FirstOrDefault(c => c.Label == $"charserial{i}");
            if (dev is null || !dev.Filename.StartsWith("pty:", StringComparison.Ordinal)) continue;
            var pty = dev.Filename[4..];
            serials[i].SourcePath = pty;
            // The console that mirrors this serial port shows the same pty, as in libvirt's live XML.
            foreach (var console in live.Consoles.Where(c => c.Type == "pty" && c.TargetPort == serials[i].TargetPort))
                console.SourcePath = pty;
        }
    }

    /// <summary>Files QEMU would fail on are checked first, so the error is ours and clear, and nothing starts.</summary>
    private static void CheckHostResources(DomainDefinition def)
    {
        CheckFile(def.Os.Kernel, "kernel");
        CheckFile(def.Os.Initrd, "initrd");
        foreach (var disk in def.Disks)
            if (disk.SourcePath is { } path && disk.SourceType is "file" or "block") CheckFile(path, "storage");
        if (def.Type == "kvm" && !File.Exists("/dev/kvm"))
            throw VirtErrors.ConfigUnsupported("Domain requires KVM, but it is not available. Check that virtualization is enabled in the host BIOS, and host configuration is setup to load the kvm modules.");
    }

    private static void CheckFile(string? path, string what)
    {
        if (path is null || File.Exists(path)) return;
        throw VirtErrors.SystemError($"Cannot access {what} file '{path}': No such file or directory");
    }

    private static long WriteLogHeader(string logFile, QemuCommandLine command)
    {
        var header = $"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}+0000: starting up\n{command.ToDisplayString()}\n";
        File.AppendAllText(logFile, header);
        return new FileInfo(logFile).Length;
    }

    private static Dictionary<string, string> QemuEnvironment() => new()
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/",
        ["LC_ALL"] = "C",
    };
}
