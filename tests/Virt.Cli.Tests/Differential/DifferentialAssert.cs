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

    private static async Task CompareAsync(string[] args, Func<CliResult, CliResult> mask)
    {
        var expectedTask = CliRun.VirshAsync(args);
        var actual = mask(CliRun.Normalize(await CliRun.OursAsync(args), isVirsh: false));
        var expected = mask(CliRun.Normalize(await expectedTask, isVirsh: true));
        var line = string.Join(" ", args.Select(a => $"[{a}]"));
        Assert.Equal($"{line}\n{expected}", $"{line}\n{actual}");
    }
}
