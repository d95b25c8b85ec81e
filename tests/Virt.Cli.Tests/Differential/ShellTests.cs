using System.Text.RegularExpressions;

namespace Virt.Cli.Tests.Differential;

/// <summary>
/// virsh's shell around the commands: global options, help, debug output, timing, the log file,
/// and the interactive mode reading from a pipe (the terminal line editor is tested through a pty).
/// </summary>
public sealed partial class ShellTests
{
    [Theory]
    [InlineData("-d", "5")]
    [InlineData("-d", "x")]
    [InlineData("-d", "-1")]
    [InlineData("--debug=5")]
    [InlineData("-dx")]
    [InlineData("-k", "-1")]
    [InlineData("-k", "x")]
    [InlineData("-k", "0")]
    [InlineData("-k", "0x10")]
    [InlineData("-k", "5")]
    [InlineData("--keepalive-interval=x")]
    [InlineData("-K", "-1")]
    [InlineData("-K", "0")]
    [InlineData("-K", "x")]
    [InlineData("-K", "3", "-k", "0")]
    [InlineData("-e", "x")]
    [InlineData("-e", "^")]
    [InlineData("-e", "ab")]
    [InlineData("-e", "^a")]
    [InlineData("-e", "^1")]
    [InlineData("-e", "^[")]
    [InlineData("--quiet=1")]
    [InlineData("--qu")]
    [InlineData("--re")]
    [InlineData("--c=test:///default")]
    [InlineData("--k", "5")]
    [InlineData("-rq")]
    public Task GlobalOption(params string[] options) =>
        DifferentialAssert.SameAsVirshRawAsync([.. options, "-c", CliRun.TestUri, "uri"]);

    [Theory]
    [InlineData("domstate test --reason")]
    [InlineData("shutdown --mode=acpi 6695eb01-f6a4-8304-79aa-97f2502e193f; list --all --name")]
    [InlineData("domname 1; domid test; domuuid test")]
    [InlineData("domstate 2; domstate 6695eb01-f6a4-8304-79aa-97f2502e193e")]
    [InlineData("frob")]
    [InlineData("domstate test; list --frob")]
    [InlineData("echo a b; event --list --all")]
    public Task DebugOutput(string commands)
    {
        var levels = new[] { "0", "1", "2" };
        return Task.WhenAll(levels.Select(level =>
            DifferentialAssert.SameAsVirshRawAsync("-d", level, "-c", CliRun.TestUri, commands)));
    }

    [Fact]
    public Task DebugOutputForAnArgumentVector() =>
        DifferentialAssert.SameAsVirshRawAsync("-d", "0", "-c", CliRun.TestUri, "domstate", "--domain", "1", "--reason");

    [Fact]
    public Task TimingFollowsEachCommand() =>
        DifferentialAssert.SameAsVirshWithAsync(RunOptions.Default, MaskTiming, "-t", "-c", CliRun.TestUri, "uri; domstate nosuch; frob2x");

    [Fact]
    public Task TimingAfterEachCommandThatRan() =>
        DifferentialAssert.SameAsVirshWithAsync(RunOptions.Default, MaskTiming, "-t", "-c", CliRun.TestUri, "uri; domstate nosuch; echo x");

    [Fact]
    public async Task LogFileGetsTheErrors()
    {
        var virshLog = Path.Combine(Fixtures.Directory, $"virsh-{Guid.NewGuid():N}.log");
        var oursLog = Path.Combine(Fixtures.Directory, $"virt-{Guid.NewGuid():N}.log");
        var virsh = await CliRun.VirshAsync("-l", virshLog, "-c", CliRun.TestUri, "domstate nosuch; uri");
        var ours = await CliRun.OursAsync("-l", oursLog, "-c", CliRun.TestUri, "domstate nosuch; uri");
        Assert.Equal(virsh, ours);
        Assert.Equal(LogLine().Replace(File.ReadAllText(virshLog), "[<time> <prog> <pid>]"),
            LogLine().Replace(File.ReadAllText(oursLog), "[<time> <prog> <pid>]"));
        var bad = await CliRun.OursAsync("-l", "/nonexistent-dir/x.log", "-c", CliRun.TestUri, "uri");
        Assert.Equal(new CliResult("", "error: failed to open the log file. check the log file path\n", 1), bad);
    }

    [Theory]
    [InlineData("echo a b  c")]
    [InlineData("echo")]
    [InlineData("echo --shell 'a b' c")]
    [InlineData("echo --xml '<a&b>'")]
    [InlineData("echo --split a,b,,c d")]
    [InlineData("echo --err hi there")]
    [InlineData("echo --shell --xml x")]
    [InlineData("echo -- --help")]
    [InlineData("echo \"it's\" --shell")]
    [InlineData("echo a; echo b")]
    [InlineData("pwd")]
    [InlineData("cd /tmp")]
    [InlineData("cd; pwd")]
    [InlineData("quit; uri")]
    [InlineData("uri; exit; uri")]
    [InlineData("domstate nosuch; quit")]
    public Task VirshItself(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    [Fact]
    public Task QuietEcho() => DifferentialAssert.SameAsVirshRawAsync("-q", "-c", CliRun.TestUri, "echo a; echo b");

    /// <summary>Help for every command we have, with our additions (--json, --yaml) taken out.</summary>
    [Theory]
    [MemberData(nameof(CommandNames))]
    public Task HelpForEachCommand(string name) =>
        DifferentialAssert.SameAsVirshAsync(RunOptions.Default, r => r, WithoutOurOptions, "-c", CliRun.TestUri, "help " + name);

    public static TheoryData<string> CommandNames() => new(OurCommands);

    private static readonly string[] OurCommands =
    [
        "autostart", "console", "create", "define", "destroy", "domid", "domname", "domuuid", "domxml-to-native",
        "dumpxml", "edit", "reboot", "reset", "resume", "shutdown", "start", "suspend", "undefine", "vcpucount", "vcpuinfo",
        "domblkinfo", "domblklist", "domiflist", "dominfo", "dommemstat", "domstate", "list", "event", "capabilities",
        "domcapabilities", "hostname", "nodeinfo", "sysinfo", "uri", "version", "cd", "echo", "exit", "help", "pwd", "quit",
        "connect",
    ];

    [Theory]
    [InlineData("help frob")]
    [InlineData("help domstate frob")]
    [InlineData("domstate --help")]
    [InlineData("domstate test --help")]
    [InlineData("help --command events")]
    [InlineData("help events")]
    [InlineData("help virsh")]
    [InlineData("help Virsh")]
    [InlineData("help quit; help exit")]
    public Task HelpForms(string commands) =>
        DifferentialAssert.SameAsVirshAsync(RunOptions.Default, r => r, WithoutOurOptions, "-c", CliRun.TestUri, commands);

    /// <summary>The group listings hold only our commands: virsh's lines for the others are dropped before comparing.</summary>
    [Theory]
    [InlineData("help")]
    [InlineData("help ''")]
    [InlineData("help --frob")]
    [InlineData("help domain")]
    [InlineData("help monitor")]
    [InlineData("help host")]
    public async Task HelpGroups(string commands)
    {
        var ours = await CliRun.OursAsync("-c", CliRun.TestUri, commands);
        var names = OurCommands.ToHashSet();
        await DifferentialAssert.SameAsVirshAsync(RunOptions.Default, r => r with { Stdout = OnlyOurCommands(r.Stdout, names) },
            r => r with { Stdout = WithoutVirtGroup(r.Stdout) }, "-c", CliRun.TestUri, commands);
        Assert.Equal(0, ours.ExitCode);
    }

    [Fact]
    public async Task UsageListsOurOptionsAndCommands()
    {
        var ours = await CliRun.OursAsync("-h");
        var virsh = await CliRun.VirshAsync("-h");
        var names = OurCommands.ToHashSet();
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(OnlyOurCommands(virsh.Stdout, names).Replace("virsh [options]", "virt [options]"), WithoutVirtGroup(ours.Stdout));
        Assert.Contains(" Virt extras (help keyword 'virt')\n    completion ", ours.Stdout);
    }

    [Theory]
    [InlineData("-v")]
    [InlineData("--version")]
    [InlineData("--version=short")]
    [InlineData("--version=x")]
    public async Task ShortVersionIsOurs(string option)
    {
        var ours = await CliRun.OursAsync(option, "-c", CliRun.TestUri, "uri");
        Assert.Matches(@"^\d+\.\d+\.\d+\n$", ours.Stdout);
        Assert.Equal((0, ""), (ours.ExitCode, ours.Stderr));
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version=long")]
    public async Task LongVersionIsOurs(string option)
    {
        var ours = await CliRun.OursAsync(option);
        Assert.StartsWith("Virt command line tool of virt ", ours.Stdout);
        Assert.Contains("\nCompiled with support for:\n Hypervisors: QEMU/KVM Test\n", ours.Stdout);
    }

    /// <summary>Interactive mode with commands on a pipe: banner, echoed prompts, errors that do not end it, quit.</summary>
    [Theory]
    [InlineData("domstate test\n\nfrob\ndomstate nosuch\nlist --frob\n")]
    [InlineData("domstate test\nquit\ndomstate test\n")]
    [InlineData("domstate nosuch")]
    [InlineData("domstate test; domid test \\\n  test\n")]
    [InlineData("domstate \"test\n")]
    [InlineData("uri\n   \n#c\nconnect test:///default\nconnect test:///default --readonly\nuri\n")]
    [InlineData("suspend test\nlist\nexit\n")]
    [InlineData("cd /tmp\npwd\ncd /nonexistent-dir\nhelp quit\n")]
    [InlineData("")]
    public Task InteractiveFromAPipe(string input) =>
        DifferentialAssert.SameAsVirshAsync(new RunOptions(input), r => r, OurName, "-c", CliRun.TestUri);

    [Theory]
    [InlineData("-q")]
    [InlineData("-r")]
    public Task InteractiveWithOptions(string option) =>
        DifferentialAssert.SameAsVirshAsync(new RunOptions("uri\nsuspend test\nconnect test:///default\nuri\n"), r => r, OurName,
            option, "-c", CliRun.TestUri);

    /// <summary>With -c the connection opens before anything runs (as virsh); a bad URI ends the shell before its banner.</summary>
    [Fact]
    public async Task InteractiveWithABadUriEndsAtOnce()
    {
        var ours = await CliRun.OursAsync(new RunOptions("uri\n"), "-c", "test:///nonexistent");
        Assert.Equal("", ours.Stdout);
        Assert.Equal(1, ours.ExitCode);
        Assert.StartsWith("error: failed to connect to the hypervisor\n", ours.Stderr);
    }

    /// <summary>Without -c the connection opens when a command first needs it, so help works with any default URI.</summary>
    [Fact]
    public async Task WithoutDashCTheConnectionWaitsForACommandThatNeedsIt()
    {
        var options = new RunOptions { Environment = new Dictionary<string, string> { ["LIBVIRT_DEFAULT_URI"] = "bogus:///x" } };
        var ours = await CliRun.OursAsync(options, "help quit; uri; echo still here");
        Assert.Equal("  NAME\n    quit - quit this interactive terminal\n\n  SYNOPSIS\n    quit\n\n\n\nstill here\n", ours.Stdout);
        Assert.Equal("error: failed to connect to the hypervisor\nerror: no connection driver available for bogus:///x\n", ours.Stderr);
        Assert.Equal(0, ours.ExitCode);
    }

    internal static CliResult OurName(CliResult r) => r with
    {
        Stdout = r.Stdout.Replace("Welcome to virt,", "Welcome to virsh,").Replace("virt # ", "virsh # ").Replace("virt > ", "virsh > "),
    };

    /// <summary>Our additions to virsh's options, taken out of a help text.</summary>
    internal static CliResult WithoutOurOptions(CliResult r) => r with
    {
        Stdout = OurOptionLine().Replace(r.Stdout.Replace(" [--json]", "").Replace(" [--yaml]", ""), "")
            .Replace("\n  OPTIONS\n\n", "\n"),
    };

    private static string OnlyOurCommands(string text, HashSet<string> names)
    {
        var lines = text.Split('\n').Where(l => !CommandLine().IsMatch(l) || names.Contains(CommandLine().Match(l).Groups[1].Value)).ToList();
        // Drop the groups none of whose commands we have, with the empty line that closed them.
        for (var i = lines.Count - 2; i >= 0; i--)
            if (GroupHeader().IsMatch(lines[i]) && lines[i + 1].Length == 0) lines.RemoveRange(i, 2);
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^ [A-Z][A-Za-z ]+ \(help keyword '[a-z]+'\):?$")]
    private static partial Regex GroupHeader();

    private static string WithoutVirtGroup(string text) =>
        VirtGroup().Replace(text, "");

    private static CliResult MaskTiming(CliResult r) => r with { Stdout = Timing().Replace(r.Stdout, "(Time: <ms> ms)") };

    [GeneratedRegex(@"^    ([a-z][a-z0-9-]*) {2,}\S", RegexOptions.None)]
    private static partial Regex CommandLine();

    [GeneratedRegex(@" Virt extras \(help keyword 'virt'\):?\n(    .*\n)*\n")]
    private static partial Regex VirtGroup();

    [GeneratedRegex(@"    --(json|yaml) .*\n")]
    private static partial Regex OurOptionLine();

    [GeneratedRegex(@"\(Time: [0-9.]+ ms\)")]
    private static partial Regex Timing();

    [GeneratedRegex(@"^\[\d{4}\.\d\d\.\d\d \d\d:\d\d:\d\d virs?h?t? \d+\]", RegexOptions.Multiline)]
    private static partial Regex LogLine();
}
