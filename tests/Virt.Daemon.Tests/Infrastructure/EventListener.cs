using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Virt.Daemon.Tests.Infrastructure;

/// <summary>
/// <c>virsh event --loop --event lifecycle</c> running in the background: the test waits until it has
/// printed the events it expects, then interrupts it as a user's Ctrl+C would.
/// </summary>
public sealed class EventListener : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly Lock _gate = new();
    private readonly Task _reading;

    private EventListener(Process process)
    {
        _process = process;
        _reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_gate) _stdout.Append(buffer, 0, n);
            }
        });
    }

    public static EventListener Start(string uri, params string[] extra) =>
        new(Clients.Start("virsh", ["-c", uri, "event", "--loop", "--event", "lifecycle", "--timeout", "600", .. extra]));

    public string Output
    {
        get
        {
            lock (_gate) return _stdout.ToString();
        }
    }

    /// <summary>Waits until <paramref name="count"/> events were printed, then SIGINT; returns everything virsh printed.</summary>
    public async Task<string> StopAfterAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Output.Split('\n').Count(l => l.StartsWith("event 'lifecycle'", StringComparison.Ordinal)) < count)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"virsh event printed fewer than {count} events:\n{Output}\n{await _process.StandardError.ReadToEndAsync()}");
            await Task.Delay(100);
        }
        _ = kill(_process.Id, SIGINT);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cts.Token);
        await _reading.WaitAsync(cts.Token);
        Assert.Equal(0, _process.ExitCode);
        return Output;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    private const int SIGINT = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
