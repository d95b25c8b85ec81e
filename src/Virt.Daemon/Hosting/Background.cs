using System.Collections;
using Virt.Daemon.Config;
using Virt.Engine.Host;

namespace Virt.Daemon.Hosting;

/// <summary>
/// Running without <c>--foreground</c>: virtd starts itself again detached — its own session, stdin
/// from /dev/null, stdout and stderr appended to the log file, from the first instruction on (the
/// engine's <see cref="DetachedSpawner"/>, which starts QEMU the same way) — and returns once that
/// child answers on its socket, or fails, pointing at the log, if it exits first.
/// </summary>
internal static class Background
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> StartAsync(IReadOnlyList<string> args, DaemonSettings settings, TextWriter error)
    {
        if (UnixListener.IsAnswering(settings.SocketPath))
        {
            await error.WriteLineAsync($"virtd: already running (answering on {settings.SocketPath})").ConfigureAwait(false);
            return 1;
        }

        var executable = Environment.ProcessPath!;
        List<string> argv = [executable];
        // Started as "dotnet virtd.dll": the host needs the assembly again.
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet") argv.Add(typeof(Background).Assembly.Location);
        argv.AddRange(args);
        argv.Add("--foreground");
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(settings.LogFile)!);

        var pid = DetachedSpawner.Spawn(executable, argv, environment, settings.LogFile);
        using var child = ProcessWatch.Open(pid);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (child is null || child.HasExited)
            {
                child?.ReapIfChild();
                await error.WriteLineAsync($"virtd: failed to start; see {settings.LogFile}").ConfigureAwait(false);
                return 1;
            }
            if (UnixListener.IsAnswering(settings.SocketPath)) return 0;
            await Task.Delay(50).ConfigureAwait(false);
        }
        await error.WriteLineAsync($"virtd: not answering on {settings.SocketPath} after {StartTimeout.TotalSeconds} s; see {settings.LogFile}")
            .ConfigureAwait(false);
        return 1;
    }
}
