namespace Virt.Cli.Tests.Differential;

/// <summary>Runs one command line through virsh and through virt and demands the same bytes and exit code.</summary>
public static class DifferentialAssert
{
    /// <summary>Both run with <c>-c test:///default</c> in front of <paramref name="args"/>.</summary>
    public static Task SameAsVirshAsync(params string[] args) =>
        SameAsVirshRawAsync(["-c", CliRun.TestUri, .. args]);

    /// <summary>Both run with exactly <paramref name="args"/>.</summary>
    public static Task SameAsVirshRawAsync(params string[] args) => CompareAsync(args, r => r);

    /// <summary>As <see cref="SameAsVirshAsync"/>, for domains defined without a UUID (each side generates one).</summary>
    public static Task SameAsVirshMaskingUuidsAsync(string commands) =>
        CompareAsync(["-c", CliRun.TestUri, commands], r => r with
        {
            Stdout = System.Text.RegularExpressions.Regex.Replace(r.Stdout, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>"),
        });

    /// <summary>Both run with <paramref name="options"/> (stdin, environment) and <paramref name="args"/>, masked alike.</summary>
    public static Task SameAsVirshWithAsync(RunOptions options, Func<CliResult, CliResult> mask, params string[] args) =>
        CompareAsync(args, mask, options);

    /// <summary>As <see cref="SameAsVirshWithAsync"/>, with a mask for each side (for texts that name the program).</summary>
    public static async Task SameAsVirshAsync(RunOptions options, Func<CliResult, CliResult> maskVirsh, Func<CliResult, CliResult> maskOurs,
        params string[] args)
    {
        var expectedTask = CliRun.VirshAsync(options, args);
        var actual = maskOurs(CliRun.Normalize(await CliRun.OursAsync(options, args), isVirsh: false));
        var expected = maskVirsh(CliRun.Normalize(await expectedTask, isVirsh: true));
        var line = string.Join(" ", args.Select(a => $"[{a}]"));
        Assert.Equal($"{line}\n{expected}", $"{line}\n{actual}");
    }

    private static Task CompareAsync(string[] args, Func<CliResult, CliResult> mask, RunOptions? options = null) =>
        SameAsVirshAsync(options ?? RunOptions.Default, mask, mask, args);
}
