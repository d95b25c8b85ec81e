using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Virt.Bench.Engine;

/// <summary>
/// The baseline: the engine's own QEMU command line run directly with System.Diagnostics.Process,
/// and a bare QMP client (raw socket, no JSON library) that retries connect every 0.5 ms, reads the
/// greeting, sends <c>qmp_capabilities</c> and <c>cont</c>. What this costs is QEMU's own start-up
/// plus the smallest possible monitor round trips; anything the engine takes beyond it is overhead.
/// </summary>
public sealed partial class DirectQemu
{
    private readonly IReadOnlyList<string> _argv;

    public DirectQemu(IReadOnlyList<string> argv, string socketPath)
    {
        _argv = argv;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>
    /// Reads the argv the engine logged for its last start of a domain (the line after "starting up"
    /// in ROOT/log/qemu/NAME.log) and points the monitor socket and the serial log at our own files.
    /// </summary>
    public static DirectQemu FromEngineLog(string logFile, string socketPath, string consoleLog, string engineConsoleLog)
    {
        var lines = File.ReadAllLines(logFile);
        var at = Array.FindLastIndex(lines, l => l.EndsWith(": starting up", StringComparison.Ordinal));
        if (at < 0 || at + 1 >= lines.Length) throw new InvalidOperationException($"no 'starting up' header in {logFile}");
        var argv = ShellSplit(lines[at + 1]);
        var rewritten = argv.Select(a =>
        {
            a = a.Replace(engineConsoleLog, consoleLog, StringComparison.Ordinal);
            if (a.StartsWith("socket,id=charmonitor,", StringComparison.Ordinal))
                a = MonitorPathRegex().Replace(a, "path=" + socketPath.Replace(",", ",,", StringComparison.Ordinal));
            return a;
        }).ToList();
        if (!rewritten.Any(a => a.Contains(socketPath, StringComparison.Ordinal)))
            throw new InvalidOperationException("could not find the monitor chardev in the logged command line");
        return new DirectQemu(rewritten, socketPath);
    }

    public IReadOnlyList<string> Argv => _argv;

    /// <summary>Phases of one direct start, in ms from just before Process.Start.</summary>
    public sealed record StartTimes(double Spawned, double Connected, double Greeting, double Capabilities, double Cont);

    public sealed class Running(Process process, StartTimes times) : IDisposable
    {
        public Process Process { get; } = process;
        public StartTimes Times { get; } = times;

        /// <summary>SIGTERM, then wait until the child has exited and been reaped; ms.</summary>
        public async Task<double> TerminateAsync()
        {
            var sw = Stopwatch.StartNew();
            if (kill(Process.Id, 15) != 0) throw new InvalidOperationException($"kill({Process.Id}, SIGTERM) failed");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Process.WaitForExitAsync(cts.Token);
            return sw.Elapsed.TotalMilliseconds;
        }

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill();
                    Process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException) { }
            Process.Dispose();
        }
    }

    public async Task<Running> StartAsync(Action<int> started)
    {
        File.Delete(SocketPath);
        var psi = new ProcessStartInfo(_argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in _argv.Skip(1)) psi.ArgumentList.Add(a);

        var sw = Stopwatch.StartNew();
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null");
        var spawned = sw.Elapsed.TotalMilliseconds;
        started(process.Id);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var socket = await ConnectWithRetryAsync(process, TimeSpan.FromSeconds(30));
            var connected = sw.Elapsed.TotalMilliseconds;
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new LineReader(stream);
            var greeting = await reader.ReadLineAsync();
            if (!greeting.Contains("\"QMP\"", StringComparison.Ordinal)) throw new InvalidOperationException("unexpected greeting: " + greeting);
            var greeted = sw.Elapsed.TotalMilliseconds;
            await ExecuteAsync(stream, reader, "qmp_capabilities");
            var caps = sw.Elapsed.TotalMilliseconds;
            await ExecuteAsync(stream, reader, "cont");
            var cont = sw.Elapsed.TotalMilliseconds;
            return new Running(process, new StartTimes(spawned, connected, greeted, caps, cont));
        }
        catch (Exception ex)
        {
            try { process.Kill(); process.WaitForExit(5000); } catch (InvalidOperationException) { }
            string text;
            lock (output) text = output.ToString();
            process.Dispose();
            throw new InvalidOperationException($"direct QEMU start failed: {ex.Message}\n{text}", ex);
        }
    }

    private async Task<Socket> ConnectWithRetryAsync(Process process, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
            if (process.HasExited) throw new InvalidOperationException($"QEMU exited with {process.ExitCode} before its monitor listened");
            if (deadline.Elapsed > timeout) throw new TimeoutException("QEMU monitor did not listen");
            usleep(500);
        }
    }

    private static async Task ExecuteAsync(NetworkStream stream, LineReader reader, string command)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{{\"execute\":\"{command}\"}}\n"));
        while (true)
        {
            var line = await reader.ReadLineAsync();
            if (line.StartsWith("{\"return\"", StringComparison.Ordinal)) return;
            if (line.StartsWith("{\"error\"", StringComparison.Ordinal)) throw new InvalidOperationException($"{command}: {line}");
            // anything else is an event (e.g. RESUME): skip
        }
    }

    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start, _end;

        public async Task<string> ReadLineAsync()
        {
            while (true)
            {
                var nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl >= 0)
                {
                    var line = Encoding.UTF8.GetString(_buffer, _start, nl - _start).TrimEnd('\r');
                    _start = nl + 1;
                    return line;
                }
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buffer.Length) throw new InvalidOperationException("QMP line too long");
                var n = await stream.ReadAsync(_buffer.AsMemory(_end));
                if (n == 0) throw new EndOfStreamException("QMP socket closed");
                _end += n;
            }
        }
    }

    /// <summary>Splits the engine's shell-quoted display string: spaces separate, '…' quotes, '\'' is a quote.</summary>
    public static List<string> ShellSplit(string line)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                inWord = true;
                var close = line.IndexOf('\'', i + 1);
                if (close < 0) throw new FormatException("unterminated quote in logged command line");
                current.Append(line, i + 1, close - i - 1);
                i = close;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                inWord = true;
                current.Append(line[++i]);
            }
            else if (c == ' ')
            {
                if (inWord) result.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                inWord = true;
                current.Append(c);
            }
        }
        if (inWord) result.Add(current.ToString());
        return result;
    }

    [GeneratedRegex(@"path=(?:[^,]|,,)*")]
    private static partial Regex MonitorPathRegex();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    // A real sleep (no spinning: spinning would steal a core from the QEMU being measured) of 0.5 ms.
    [DllImport("libc")]
    private static extern int usleep(uint microseconds);
}
