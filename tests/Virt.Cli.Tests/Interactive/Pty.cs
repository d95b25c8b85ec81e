using System.Diagnostics;
using System.Text.Json;

namespace Virt.Cli.Tests.Interactive;

/// <summary>What a program did on a terminal: everything it wrote (as the terminal got it) and its exit code.</summary>
public sealed record PtyResult(string Output, int ExitCode, string? MissedExpectation)
{
    public override string ToString() => $"exit {ExitCode}, missed: {MissedExpectation ?? "-"}\n{Output}";
}

/// <summary>
/// Runs a program on a pseudo-terminal (python3's <c>pty</c> module, 80×24) and plays a script
/// against it like expect: wait for a text to appear, then type something.
/// </summary>
public static class Pty
{
    private const string Driver = """
        import fcntl, json, os, pty, select, struct, sys, termios, time
        steps = json.loads(sys.argv[1]); timeout = float(sys.argv[2]); cmd = sys.argv[3:]
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(cmd[0], cmd)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
        out = b''; seen = 0; missed = None; done = False; status = None
        def pump(until):
            global out, done
            while not done:
                left = until - time.time()
                if left <= 0: return
                r, _, _ = select.select([fd], [], [], min(left, 0.05))
                if r:
                    try: data = os.read(fd, 65536)
                    except OSError: data = b''
                    if not data: done = True; return
                    out += data
                    return
        for expect, send, delay in steps:
            deadline = time.time() + timeout
            if expect:
                while expect.encode() not in out[seen:] and time.time() < deadline and not done:
                    pump(deadline)
                i = out.find(expect.encode(), seen)
                if i < 0: missed = expect; break
                seen = i + len(expect.encode())
            if delay: time.sleep(delay)
            if send: os.write(fd, send.encode())
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not done: pump(min(deadline, time.time() + 0.05))
            else: time.sleep(0.01)
            wpid, st = os.waitpid(pid, os.WNOHANG)
            if wpid: status = st; break
        while True:
            r, _, _ = select.select([fd], [], [], 0.1)
            if not r: break
            try: data = os.read(fd, 65536)
            except OSError: break
            if not data: break
            out += data
        if status is None:
            os.kill(pid, 9); _, status = os.waitpid(pid, 0); code = -1
        else:
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
        print(json.dumps({"output": out.decode('utf-8', 'replace'), "exit": code, "missed": missed}))
        """;

    private static readonly Lazy<string> ScriptPath = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"virt-pty-{Environment.ProcessId}.py");
        File.WriteAllText(path, Driver);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    /// <summary>One step: wait for <paramref name="Expect"/> (null: do not wait), then type <paramref name="Send"/>.</summary>
    public sealed record Step(string? Expect, string? Send, double DelaySeconds = 0);

    public static async Task<PtyResult> RunAsync(IReadOnlyList<string> command, IEnumerable<Step> steps,
        IReadOnlyDictionary<string, string?>? environment = null, double timeoutSeconds = 30)
    {
        var psi = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(ScriptPath.Value);
        psi.ArgumentList.Add(JsonSerializer.Serialize(steps.Select(s => new object?[] { s.Expect, s.Send, s.DelaySeconds })));
        psi.ArgumentList.Add(timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in command) psi.ArgumentList.Add(arg);
        psi.Environment.Remove("LIBVIRT_DEFAULT_URI");
        psi.Environment.Remove("VIRSH_DEFAULT_CONNECT_URI");
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["TERM"] = "xterm";
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) psi.Environment.Remove(name);
            else psi.Environment[name] = value;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var json = await stdout;
        if (p.ExitCode != 0 || json.Length == 0) throw new InvalidOperationException("pty driver failed: " + await stderr);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return new PtyResult(root.GetProperty("output").GetString()!, root.GetProperty("exit").GetInt32(),
            root.GetProperty("missed").GetString());
    }

    /// <summary>virsh on a terminal first says there is no polkit agent; virt has no such thing to say.</summary>
    public static string WithoutPolkitNotice(string output) =>
        output.Replace("Authorization not available. Check if polkit service is running or see debug message for more information.\r\n", "");
}
