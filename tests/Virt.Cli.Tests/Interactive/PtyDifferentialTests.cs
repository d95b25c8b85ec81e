using System.Text.RegularExpressions;
using Virt.Cli.Tests.Differential;
using Virt.Cli.Tests.Qemu;
using static Virt.Cli.Tests.Interactive.Pty;

namespace Virt.Cli.Tests.Interactive;

/// <summary>
/// What needs a terminal, against virsh on the same kind of terminal: edit's retry question,
/// console on the test driver, Ctrl+C in an event loop. virsh's polkit notice and the XML parser's
/// own wording (the model's, not the shell's) are masked.
/// </summary>
public sealed partial class PtyDifferentialTests
{
    private static async Task SameAsVirshAsync(IReadOnlyList<Step> steps, Dictionary<string, string?>? env, params string[] args)
    {
        var virsh = await RunAsync(["virsh", .. args], steps, env);
        var ours = await RunAsync([VirtBinary.Path, .. args], steps, env);
        Assert.Equal(Normalize(virsh with { Output = WithoutPolkitNotice(virsh.Output) }), Normalize(ours));
    }

    private static PtyResult Normalize(PtyResult r) => r with { Output = XmlError().Replace(r.Output, "error: <xml syntax error>\r\n") };

    /// <summary>The retry question: help, a wrong key, retry without validation, give up.</summary>
    [Fact]
    public Task EditAsksAgainOnATerminal() =>
        SameAsVirshAsync(
        [
            new("Try again? [y,n,i,f,?]: ", "?"), new("? - print this help\r\n", "x"), new("Try again? [y,n,i,f,?]: ", "i"),
            new("Try again? [y,n,f,?]: ", "f"), new("Try again? [y,n,f,?]: ", "n"),
        ], EditorEnv(Fixtures.BreakingEditor), "-c", CliRun.TestUri, "edit test");

    [Fact]
    public Task EditStartsTheEditorAgainOnYes() =>
        SameAsVirshAsync([new("Try again? [y,n,i,f,?]: ", "y"), new("Try again? [y,n,i,f,?]: ", "n")],
            EditorEnv(Fixtures.BreakingEditor), "-c", CliRun.TestUri, "edit test; domstate test");

    [Fact]
    public Task ConsoleOnTheTestDriver() =>
        SameAsVirshAsync([], null, "-c", CliRun.TestUri, "console test; destroy test; console test; console --devname serial0 test");

    [Fact]
    public Task ConsoleWithAnotherEscapeCharacter() =>
        SameAsVirshAsync([], null, "-e", "x", "-c", CliRun.TestUri, "console test");

    [Fact]
    public Task CtrlCEndsAnEventLoop() =>
        SameAsVirshAsync([new("ready", "\u0003", 1)], null, "-c", CliRun.TestUri, "echo ready; event --all --loop; uri");

    private static Dictionary<string, string?> EditorEnv(string editor) => new() { ["EDITOR"] = editor, ["TMPDIR"] = Fixtures.Directory };

    [GeneratedRegex(@"error: \(domain_definition\):2[^\r]*\r\n(  <name>test</nam>\r\n-+\^\r\n)?")]
    private static partial Regex XmlError();
}
