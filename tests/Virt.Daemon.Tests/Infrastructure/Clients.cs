using System.Diagnostics;

namespace Virt.Daemon.Tests.Infrastructure;

/// <summary>What a client process printed and returned.</summary>
public sealed record ClientResult(string Stdout, string Stderr, int ExitCode)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>
/// The unmodified clients, each run as its own process: Debian's virsh, python3 with python3-libvirt
/// (the system interpreter, which has the binding) and ansible-playbook.
/// </summary>
public static class Clients
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);
    public const string Python = "/usr/bin/python3";

    /// <summary>Scripts shipped next to the tests (Scripts/*.py).</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

    public static Task<ClientResult> VirshAsync(string uri, params string[] args) =>
        RunAsync("virsh", ["-c", uri, .. args]);

    public static Task<ClientResult> PythonAsync(string script, params string[] args) =>
        RunAsync(Python, [Script(script), .. args]);

    /// <summary>Starts a client without waiting for it (event listeners, many clients at once).</summary>
    public static Process Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LIBVIRT_DEFAULT_URI");
        psi.Environment.Remove("VIRSH_DEFAULT_CONNECT_URI");
        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment["LANG"] = "C.UTF-8";
        // The client must never start a libvirt daemon of its own if something is misrouted.
        psi.Environment["LIBVIRT_AUTOSTART"] = "0";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        return process;
    }

    public static async Task<ClientResult> RunAsync(string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(program, args, environment);
        return await WaitAsync(process, timeout ?? DefaultTimeout);
    }

    /// <summary>Collects a started client's output; a client still running after <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<ClientResult> WaitAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            // Also the output's end: a process it left behind holding the pipes would otherwise hang the test.
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            var exited = process.HasExited;
            if (!exited) process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} " +
                (exited ? $"exited, but something it started still holds its output open after {timeout}" : $"did not finish within {timeout}"));
        }
        return new ClientResult(await stdout, await stderr, process.ExitCode);
    }
}
