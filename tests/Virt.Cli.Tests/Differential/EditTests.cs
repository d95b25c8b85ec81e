using System.Text.RegularExpressions;

namespace Virt.Cli.Tests.Differential;

/// <summary>
/// <c>edit</c> with <c>EDITOR</c> set to a script, against virsh: unchanged, changed, a failing or
/// missing editor, VISUAL before EDITOR, a read-only connection. (The retry question needs a
/// terminal and is tested through a pty.)
/// </summary>
public sealed partial class EditTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { Fixtures.NoopEditor, "edit test" },
        { Fixtures.MemoryEditor, "edit test; dominfo test; dumpxml --inactive test --xpath //currentMemory" },
        { Fixtures.MemoryEditor, "destroy test; edit test; dominfo test" },
        { Fixtures.FailingEditor, "edit test" },
        { "/nonexistent/editor", "edit test" },
        { Fixtures.FailingEditor + " -x", "edit test" },
        { Fixtures.NoopEditor, "edit nosuch" },
        { Fixtures.NoopEditor, "edit --skip-validate test" },
        { Fixtures.MemoryEditor, "edit test --skip-validate; dominfo test" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task WithEditor(string editor, string commands) =>
        DifferentialAssert.SameAsVirshWithAsync(With(("EDITOR", editor)), MaskTempFile, "-c", CliRun.TestUri, commands);

    [Fact]
    public Task VisualWinsOverEditor() =>
        DifferentialAssert.SameAsVirshWithAsync(With(("VISUAL", Fixtures.NoopEditor), ("EDITOR", Fixtures.FailingEditor)),
            MaskTempFile, "-c", CliRun.TestUri, "edit test");

    [Fact]
    public Task ReadOnlyConnection() =>
        DifferentialAssert.SameAsVirshWithAsync(With(("EDITOR", Fixtures.MemoryEditor)), MaskTempFile, "-r", "-c", CliRun.TestUri,
            "edit test");

    /// <summary>
    /// Without a terminal to ask on, virsh 9.0 prints "Failed." and then claims success for a
    /// '(null)' domain with exit 0; we print why the definition failed and exit 1 (KnownDivergence).
    /// </summary>
    [Fact]
    public async Task BrokenXmlWithoutATerminalFails()
    {
        var ours = await CliRun.OursAsync(With(("EDITOR", Fixtures.BreakingEditor)), "-c", CliRun.TestUri, "edit test; domstate test");
        Assert.Equal("\nrunning\n\n", ours.Stdout);
        Assert.Matches(@"^error: \(domain_definition\):2:.*\nerror: Failed\.\n$", ours.Stderr);
        Assert.Equal(0, ours.ExitCode);
        var alone = await CliRun.OursAsync(With(("EDITOR", Fixtures.BreakingEditor)), "-c", CliRun.TestUri, "edit test");
        Assert.Equal(1, alone.ExitCode);
    }

    /// <summary>Beyond virsh: <c>edit --yaml</c> hands the editor the YAML form and defines what comes back.</summary>
    [Fact]
    public async Task EditInYaml()
    {
        var yamlEditor = Path.Combine(Fixtures.Directory, "yaml-mem.sh");
        File.WriteAllText(yamlEditor, "#!/bin/sh\ngrep -q '^name: test' \"$1\" || grep -q 'name: test' \"$1\" || exit 9\n" +
                                      "sed -i 's/2097152/1048576/' \"$1\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(yamlEditor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var ours = await CliRun.OursAsync(With(("EDITOR", yamlEditor)), "-c", CliRun.TestUri,
            "edit --yaml test; dumpxml --inactive test --xpath //currentMemory");
        Assert.Equal(new CliResult("Domain 'test' XML configuration edited.\n\n<currentMemory unit=\"KiB\">1048576</currentMemory>\n\n", "", 0), ours);
    }

    private static RunOptions With(params (string Name, string Value)[] variables) => new()
    {
        Environment = variables.Append(("TMPDIR", Fixtures.Directory)).ToDictionary(v => v.Item1, v => v.Item2),
    };

    private static CliResult MaskTempFile(CliResult r) => r with { Stderr = TempFile().Replace(r.Stderr, "<tmp>.xml") };

    [GeneratedRegex(@"virsh?[A-Za-z0-9]{6}\.xml|virt[A-Za-z0-9]{6}\.xml")]
    private static partial Regex TempFile();
}
