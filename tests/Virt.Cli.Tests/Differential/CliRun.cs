using System.Diagnostics;
using System.Text.RegularExpressions;
using Virt.Cli;

namespace Virt.Cli.Tests.Differential;

/// <summary>What one command line printed and returned.</summary>
public sealed record CliResult(string Stdout, string Stderr, int ExitCode)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>What a run gets besides its arguments: text on stdin, environment variables.</summary>
public sealed record RunOptions(string? Stdin = null)
{
    public static readonly RunOptions Default = new();

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
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

    public static Task<CliResult> VirshAsync(params string[] args) => VirshAsync(RunOptions.Default, args);

    public static async Task<CliResult> VirshAsync(RunOptions options, params string[] args)
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
        foreach (var (name, value) in options.Environment) psi.Environment[name] = value;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start virsh");
        if (options.Stdin is not null) await process.StandardInput.WriteAsync(options.Stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(await stdout, await stderr, process.ExitCode);
    }

    public static Task<CliResult> OursAsync(params string[] args) => OursAsync(RunOptions.Default, args);

    public static async Task<CliResult> OursAsync(RunOptions options, params string[] args)
    {
        await OursGate.WaitAsync();
        try
        {
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            var env = options.Environment.Count == 0 ? CleanEnvironment
                : CleanEnvironment with { GetVariable = name => options.Environment.GetValueOrDefault(name) };
            var code = await Program.RunAsync(args, new StringReader(options.Stdin ?? ""), stdout, stderr, env);
            return new CliResult(stdout.ToString(), stderr.ToString(), code);
        }
        finally
        {
            OursGate.Release();
        }
    }

    /// <summary>Runs <paramref name="body"/> while no other in-process run can touch the shared test driver.</summary>
    public static async Task ExclusiveAsync(Func<Task> body)
    {
        await OursGate.WaitAsync();
        try
        {
            await body();
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
