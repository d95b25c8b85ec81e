using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Virt.Bench.Engine;

/// <summary>
/// Watches the engine from outside (src/ stays untouched): inotify on ROOT/run/qemu and
/// ROOT/log/qemu shows when the engine begins and finishes each atomic write (a ".NAME.*.tmp" file
/// appears, then is renamed onto NAME, after an fsync), when it appends the log header, and when
/// QEMU binds its monitor socket. Each event gets a Stopwatch timestamp on the watcher's thread, so
/// a timestamp is late by the event-delivery latency (normally well under 1 ms, more under load).
/// </summary>
public sealed class Timeline : IDisposable
{
    public enum Kind { Created, Changed, Renamed, Deleted }

    public sealed record Event(long Timestamp, Kind Kind, string Dir, string Name, string? OldName);

    private readonly FileSystemWatcher[] _watchers;
    private readonly ConcurrentQueue<Event> _events = new();

    public Timeline(params string[] dirs)
    {
        _watchers = dirs.Select(dir =>
        {
            var w = new FileSystemWatcher(dir)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            var tag = Path.GetFileName(dir.TrimEnd('/'));
            var parent = Path.GetFileName(Path.GetDirectoryName(dir.TrimEnd('/')) ?? "");
            var label = $"{parent}/{tag}";
            w.Created += (_, e) => Add(Kind.Created, label, e.Name, null);
            w.Changed += (_, e) => Add(Kind.Changed, label, e.Name, null);
            w.Deleted += (_, e) => Add(Kind.Deleted, label, e.Name, null);
            w.Renamed += (_, e) => Add(Kind.Renamed, label, e.Name, e.OldName);
            w.EnableRaisingEvents = true;
            return w;
        }).ToArray();
    }

    private void Add(Kind kind, string dir, string? name, string? oldName) =>
        _events.Enqueue(new Event(Stopwatch.GetTimestamp(), kind, dir, name ?? "", oldName));

    /// <summary>Drops everything recorded so far (call before the operation under study).</summary>
    public void Clear() => _events.Clear();

    public IReadOnlyList<Event> Snapshot() => _events.OrderBy(e => e.Timestamp).ToList();

    /// <summary>Waits until the watcher thread has caught up with the file system (a marker file round trip).</summary>
    public void Drain(string dirOfFirstWatcher)
    {
        var marker = Path.Combine(dirOfFirstWatcher, ".bench-drain-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(marker, "");
        var name = Path.GetFileName(marker);
        var sw = Stopwatch.StartNew();
        while (!_events.Any(e => e.Name == name) && sw.ElapsedMilliseconds < 2000) Thread.Sleep(1);
        File.Delete(marker);
        while (!_events.Any(e => e.Name == name && e.Kind == Kind.Deleted) && sw.ElapsedMilliseconds < 2000) Thread.Sleep(1);
    }

    public static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    public void Dispose()
    {
        foreach (var w in _watchers) w.Dispose();
    }
}

/// <summary>Notes the moment a process exits (pidfd becomes readable), on a dedicated thread.</summary>
public sealed class ExitProbe : IDisposable
{
    private readonly int _pidfd;
    private readonly Thread _thread;
    private long _exitedAt;

    public ExitProbe(int pid)
    {
        _pidfd = (int)syscall(434 /* pidfd_open */, pid, 0);
        if (_pidfd < 0) throw new InvalidOperationException($"pidfd_open({pid}) failed: errno {Marshal.GetLastPInvokeError()}");
        _thread = new Thread(Run) { IsBackground = true, Name = "exit-probe", Priority = ThreadPriority.Highest };
        _thread.Start();
        // Let the thread reach poll() before the caller starts its clock.
        Thread.Sleep(5);
    }

    /// <summary>Stopwatch timestamp of the exit, or 0 if not seen (yet).</summary>
    public long ExitedAt
    {
        get
        {
            _thread.Join(TimeSpan.FromSeconds(15));
            return Interlocked.Read(ref _exitedAt);
        }
    }

    private unsafe void Run()
    {
        var pfd = new PollFd { Fd = _pidfd, Events = 1 /* POLLIN */ };
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 15_000)
        {
            var n = poll(&pfd, 1, 15_000);
            if (n > 0)
            {
                Interlocked.Exchange(ref _exitedAt, Stopwatch.GetTimestamp());
                return;
            }
            if (n < 0 && Marshal.GetLastPInvokeError() != 4 /* EINTR */) return;
        }
    }

    public void Dispose()
    {
        _thread.Join(TimeSpan.FromSeconds(15));
        close(_pidfd);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, long a, long b);

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int poll(PollFd* fds, nuint nfds, int timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
