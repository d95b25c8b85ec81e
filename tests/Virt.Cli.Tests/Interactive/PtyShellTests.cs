using Virt.Cli.Tests.Differential;
using Virt.Cli.Tests.Qemu;
using static Virt.Cli.Tests.Interactive.Pty;

namespace Virt.Cli.Tests.Interactive;

/// <summary>The interactive shell on a real terminal (a pty driving the built binary): prompt, line editor, history.</summary>
public sealed class PtyShellTests : IDisposable
{
    private const string Banner = "Welcome to virt, the virtualization interactive terminal.\r\n\r\n" +
                                  "Type:  'help' for help with commands\r\n       'quit' to quit\r\n\r\n";

    private readonly string _home = Path.Combine(Path.GetTempPath(), "virt-home-" + Guid.NewGuid().ToString("N")[..10]);

    public PtyShellTests() => Directory.CreateDirectory(_home);

    private Dictionary<string, string?> Env => new() { ["HOME"] = _home, ["XDG_CACHE_HOME"] = null };

    private string HistoryFile => Path.Combine(_home, ".cache", "virt", "history");

    private Task<PtyResult> Shell(IEnumerable<Step> steps, params string[] options) =>
        RunAsync([VirtBinary.Path, .. options, "-c", CliRun.TestUri], steps, Env);

    [Fact]
    public async Task BannerPromptCommandAndQuit()
    {
        var r = await Shell([new("virt # ", "domstate test\r"), new("running\r\n\r\nvirt # ", "quit\r")]);
        Assert.Equal(new PtyResult(Banner + "virt # domstate test\r\nrunning\r\n\r\nvirt # quit\r\n\r\n", 0, null), r);
        Assert.Equal("domstate test\nquit\n", await File.ReadAllTextAsync(HistoryFile));
    }

    [Fact]
    public async Task ReadOnlyConnectionShowsItInThePrompt()
    {
        var r = await Shell([new("virt > ", "suspend test\r"), new("virt > ", "\u0004")], "-r");
        Assert.Null(r.MissedExpectation);
        Assert.Contains("error: Failed to suspend domain 'test'\r\nerror: operation forbidden: read only access prevents virDomainSuspend\r\n", r.Output);
        Assert.EndsWith("virt > \r\n\r\n", r.Output);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public async Task AFailingCommandDoesNotEndTheShell()
    {
        var r = await Shell(
        [
            new("virt # ", "frob\r"), new("virt # ", "domstate nosuch\r"), new("virt # ", "list --frob\r"),
            new("virt # ", "uri\r"), new("test:///default\r\n\r\nvirt # ", "\u0004"),
        ]);
        Assert.Null(r.MissedExpectation);
        Assert.Contains("virt # frob\r\nerror: unknown command: 'frob'\r\nvirt # ", r.Output);
        Assert.Contains("virt # domstate nosuch\r\nerror: failed to get domain 'nosuch'\r\n\r\nvirt # ", r.Output);
        Assert.Contains("virt # list --frob\r\nerror: command 'list' doesn't support option --frob\r\nvirt # ", r.Output);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("frob\ndomstate nosuch\nlist --frob\nuri\n", await File.ReadAllTextAsync(HistoryFile));
    }

    [Fact]
    public async Task HelpAtThePrompt()
    {
        var r = await Shell([new("virt # ", "help quit\r"), new("SYNOPSIS", null), new("virt # ", "help\r"), new("Virt extras", null),
            new("virt # ", "quit\r")]);
        Assert.Contains("virt # help quit\r\n  NAME\r\n    quit - quit this interactive terminal\r\n\r\n  SYNOPSIS\r\n    quit\r\n\r\n\r\nvirt # ", r.Output);
        Assert.Contains(" Domain Monitoring (help keyword 'monitor'):\r\n    domblkinfo ", r.Output);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public async Task HistoryIsLoadedAndRecalledWithTheArrowKeys()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(HistoryFile)!);
        await File.WriteAllTextAsync(HistoryFile, "domid test\ndomstate test\n");
        var r = await Shell([new("virt # ", "\u001b[A"), new("domstate test", "\u001b[A\u001b[A\u001b[B\r"), new("running\r\n\r\nvirt # ", "\u001bOA\r"),
            new("running\r\n\r\nvirt # ", "quit\r")]);
        Assert.Null(r.MissedExpectation);
        Assert.Equal("domid test\ndomstate test\ndomstate test\ndomstate test\nquit\n", await File.ReadAllTextAsync(HistoryFile));
    }

    [Fact]
    public async Task HistoryKeepsTheLast500Lines()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(HistoryFile)!);
        await File.WriteAllLinesAsync(HistoryFile, Enumerable.Range(0, 600).Select(i => $"echo {i}"));
        await Shell([new("virt # ", "quit\r")]);
        var lines = await File.ReadAllLinesAsync(HistoryFile);
        Assert.Equal(500, lines.Length);
        Assert.Equal(("echo 101", "quit"), (lines[0], lines[^1]));
    }

    [Fact]
    public async Task EditingKeysMoveWithinTheLine()
    {
        // "omstate test", Home, "d", End, Backspace, "t", Left ×4, Delete, "e", Ctrl+E, Enter → "domstate test"
        var r = await Shell([new("virt # ", "omstate tesx\u001b[Hd\u001b[F\u007ft\r"), new("running\r\n\r\nvirt # ", "x nosuch\u0001\u000bdomid test\r"),
            new("1\r\n\r\nvirt # ", "quit\r")]);
        Assert.Null(r.MissedExpectation);
        Assert.Equal("domstate test\ndomid test\nquit\n", await File.ReadAllTextAsync(HistoryFile));
    }

    [Fact]
    public async Task TabCompletesCommandsOptionsAndDomains()
    {
        var r = await Shell([new("virt # ", "doms\t"), new("domstate ", "--re\t"), new("--reason ", "t\t"), new("test ", "\r"),
            new("running (unknown)\r\n\r\nvirt # ", "dom\t\t"), new("domxml-to-native", "\u0003"), new("virt # ", "quit\r")]);
        Assert.Null(r.MissedExpectation);
        Assert.Contains("domblkinfo  ", r.Output);
        Assert.Equal("domstate --reason test \nquit\n", await File.ReadAllTextAsync(HistoryFile));
    }

    [Fact]
    public async Task CtrlCDropsTheLineAndCtrlDEndsTheShell()
    {
        var r = await Shell([new("virt # ", "domst\u0003"), new("^C\r\nvirt # ", "uri\r"), new("test:///default\r\n\r\nvirt # ", "\u0004")]);
        Assert.Null(r.MissedExpectation);
        Assert.EndsWith("virt # \r\n\r\n", r.Output);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("uri\n", await File.ReadAllTextAsync(HistoryFile));
    }

    [Fact]
    public async Task CtrlCInterruptsAnEventLoopAndTheShellGoesOn()
    {
        var r = await Shell([new("virt # ", "event --all --loop\r"), new("--loop\r\n", "\u0003", 1),
            new("event loop interrupted\r\nevents received: 0\r\n\r\nvirt # ", "uri\r"), new("test:///default\r\n\r\nvirt # ", "quit\r")]);
        Assert.Null(r.MissedExpectation);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public async Task LongLinesWrapAndStillRun()
    {
        var echo = "echo " + string.Concat(Enumerable.Repeat("abcdefghij", 12));
        var r = await Shell([new("virt # ", echo + "\u001b[D\u001b[D\u001b[C\u001b[C\r"), new("virt # ", "quit\r")]);
        Assert.Null(r.MissedExpectation);
        Assert.Contains("\r\n" + string.Concat(Enumerable.Repeat("abcdefghij", 12)) + "\r\nvirt # ", r.Output);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
