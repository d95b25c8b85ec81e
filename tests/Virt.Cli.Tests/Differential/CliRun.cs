using System.Diagnostics;
using System.Text.RegularExpressions;
using Virt.Cli;

namespace Virt.Cli.Tests.Differential;

/// <summary>What one command line printed and returned.</summary>
public sealed record CliResult(string Stdout, string Stderr, int ExitCode)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>Runs the same command line through real virsh (the oracle) and through our CLI in-process.</summary>
public static partial class CliRun
{
    public const string TestUri = "test:///default";

    // Our test driver's state is shared by the connections open at the same time in this process (as
    // libvirt's is), so in-process runs take turns; virsh runs are separate processes anyway.
    private static readonly SemaphoreSlim OursGate = new(1, 1);

    /// <summary>An environment without the default-URI variables, so only <c>-c</c> decides.</summary>
    public static readonly ProcessEnvironment CleanEnvironment = new(_ => null, "/nonexistent-home", IsRoot: false);

    public static async Task<CliResult> VirshAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("virsh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LIBVIRT_DEFAULT_URI");
        psi.Environment.Remove("VIRSH_DEFAULT_CONNECT_URI");
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["LANG"] = "C";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start virsh");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(await stdout, await stderr, process.ExitCode);
    }

    public static async Task<CliResult> OursAsync(params string[] args)
    {
        await OursGate.WaitAsync();
        try
        {
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            var code = await Program.RunAsync(args, stdout, stderr, CleanEnvironment);
            return new CliResult(stdout.ToString(), stderr.ToString(), code);
        }
        finally
        {
            OursGate.Release();
        }
    }

    /// <summary>
    /// Masks what cannot be equal between two runs: the test driver reports the wall clock as CPU
    /// time.
    /// </summary>
    public static CliResult Normalize(CliResult r, bool isVirsh)
    {
        var stdout = CpuTime().Replace(r.Stdout, "CPU time:       <time>s");
        return r with { Stdout = stdout };
    }

    [GeneratedRegex(@"^CPU time: +[0-9.]+s$", RegexOptions.Multiline)]
    private static partial Regex CpuTime();
}
