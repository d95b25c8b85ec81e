using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Virt.Daemon.Tests.Infrastructure;

/// <summary>
/// The built virtd run as a real process in the foreground, on a throw-away folder under /tmp
/// (short, because unix socket paths are limited): sockets in <c>s/</c>, all qemu state in <c>r/</c>
/// (<c>--root</c>). Disposing kills the daemon and every QEMU it left, and removes the folder.
/// </summary>
public sealed partial class DaemonProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _log = new();
    private readonly Lock _logGate = new();
    private readonly string[] _extraArgs;
    private Process? _process;

    private DaemonProcess(string dir, string[] extraArgs)
    {
        Dir = dir;
        _extraArgs = extraArgs;
    }

    public static string Binary => Path.Combine(AppContext.BaseDirectory, "virtd");

    public string Dir { get; }
    public string SocketDir => Path.Combine(Dir, "s");
    public string Root => Path.Combine(Dir, "r");
    public string SocketPath => Path.Combine(SocketDir, "virtd-sock");
    public string ReadOnlySocketPath => Path.Combine(SocketDir, "virtd-sock-ro");

    /// <summary>What a client passes to reach this daemon's read-write socket.</summary>
    public string Uri => $"qemu+unix:///system?socket={SocketPath}";

    /// <summary>The read-only socket (every connection on it is read-only).</summary>
    public string ReadOnlyUri => $"qemu+unix:///system?socket={ReadOnlySocketPath}";

    public int Pid => _process?.Id ?? throw new InvalidOperationException("not started");

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>Everything the daemon logged so far (it runs with --verbose).</summary>
    public string Log
    {
        get
        {
            lock (_logGate) return _log.ToString();
        }
    }

    public static async Task<DaemonProcess> StartAsync(params string[] extraArgs)
    {
        var daemon = new DaemonProcess(Path.Combine("/tmp", "vd-" + Guid.NewGuid().ToString("N")[..10]), extraArgs);
        Directory.CreateDirectory(daemon.Dir);
        try
        {
            await daemon.StartAgainAsync();
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a (new) daemon process on the same folders and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("the daemon is still running");
        _process?.Dispose();
        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--foreground", "--verbose", "--socket-dir", SocketDir, "--root", Root }.Concat(_extraArgs))
            psi.ArgumentList.Add(arg);
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!Virt.Daemon.Hosting.UnixListener.IsAnswering(SocketPath))
        {
            if (process.HasExited) throw new InvalidOperationException($"virtd exited with {process.ExitCode} at start-up:\n{Log}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"virtd did not answer within {StartTimeout}:\n{Log}");
            await Task.Delay(50);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logGate) _log.AppendLine(line);
    }

    /// <summary>SIGTERM, then waits for a clean exit; returns the exit status.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        if (!process.HasExited) _ = kill(process.Id, SIGTERM);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>Waits for the daemon to exit by itself (idle timeout); returns the exit status.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the daemon gets no chance to clean up (sockets and pid file stay behind).</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        process.Kill();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
    }

    /// <summary>How often the daemon has logged <paramref name="text"/> so far.</summary>
    public int CountInLog(string text) => Regex.Matches(Log, Regex.Escape(text)).Count;

    /// <summary>Waits until the daemon's log contains <paramref name="text"/> (as often as <paramref name="count"/>).</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout, int count = 1)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (CountInLog(text) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{text}' not logged {count} time(s) within {timeout}:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>The pids of the QEMU processes the daemon's status files name.</summary>
    public IReadOnlyList<int> QemuPids()
    {
        var run = Path.Combine(Root, "run", "qemu");
        if (!Directory.Exists(run)) return [];
        var pids = new List<int>();
        foreach (var status in Directory.EnumerateFiles(run, "*.xml"))
        {
            var m = PidAttribute().Match(File.ReadAllText(status));
            if (m.Success) pids.Add(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return pids;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            await p.WaitForExitAsync();
        }
        _process?.Dispose();
        foreach (var pid in QemuPids())
        {
            try
            {
                using var qemu = Process.GetProcessById(pid);
                qemu.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // already gone
            }
        }
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // a QEMU still writing its log; /tmp is cleaned eventually
        }
    }

    private const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [GeneratedRegex("pid='(\\d+)'")]
    private static partial Regex PidAttribute();
}
