using System.CommandLine;
using Virt.Cli.Commands;
using Virt.Cli.Shell;

namespace Virt.Cli.Tests.Unit;

/// <summary>virsh's option rules as our parser applies them, without running anything.</summary>
public sealed class ShellSyntaxTests
{
    private static readonly CommandCatalog Catalog = CommandCatalog.Build(
        new CommandContext(TextWriter.Null, TextWriter.Null, GlobalOptions.Parse([]), Differential.CliRun.CleanEnvironment, TerminalInfo.None));

    private static IReadOnlyList<string> Parse(string line) =>
        VirshSyntax.Parse(Catalog, CommandLineTokenizer.FromString(line)).Single().Arguments;

    [Theory]
    [InlineData("shutdown test acpi", "shutdown --mode acpi -- test")]
    [InlineData("shutdown acpi --domain test", null)]
    [InlineData("event test lifecycle 5", "event --domain test --event lifecycle --timeout 5")]
    [InlineData("domxml-to-native qemu-argv file.xml", "domxml-to-native --xml file.xml -- qemu-argv")]
    [InlineData("echo a --shell b c", "echo --shell -- a b c")]
    [InlineData("dumpxml test --xpath=//name", "dumpxml --xpath //name -- test")]
    [InlineData("help domstate frob --frob", "help --command domstate")]
    [InlineData("domstate test --help", "help --command domstate")]
    public void ValuesGoWhereVirshPutsThem(string line, string? expected)
    {
        if (expected is null)
        {
            Assert.Equal("option --domain already seen", Assert.Throws<CommandSyntaxException>(() => Parse(line)).Message);
            return;
        }
        Assert.Equal(expected, string.Join(' ', Parse(line)));
    }

    [Theory]
    [InlineData("dumpxml test /domain/name", "unexpected data '/domain/name'")]
    [InlineData("dommemstat test 5", "unexpected data '5'")]
    [InlineData("domxml-to-native qemu-argv --xml a b", "unexpected data 'b'")]
    [InlineData("event --timeout", "expected syntax: --timeout <number>")]
    [InlineData("event --domain", "expected syntax: --domain <string>")]
    [InlineData("list --all=1", "invalid '=' after option --all")]
    [InlineData("completion", "command 'completion' requires <shell> option")]
    public void VirshErrors(string line, string message) =>
        Assert.Equal(message, Assert.Throws<CommandSyntaxException>(() => Parse(line)).Message);

    [Fact]
    public void GlobalOptionsInOrder()
    {
        var o = GlobalOptions.Parse(["-d", "1", "-t", "-e", "^a", "-k", "0x10", "-K", "3", "-l", "/tmp/x", "list"]);
        Assert.Equal((1, true, "^a", 16, 3, true, "/tmp/x"), (o.DebugLevel, o.Timing, o.EscapeChar, o.KeepaliveInterval,
            o.KeepaliveCount, o.KeepaliveForced, o.LogFile));
        Assert.Equal(["list"], o.Rest);
        Assert.Equal(GlobalAction.Help, GlobalOptions.Parse(["-h", "-x"]).Action);
        Assert.Equal(GlobalAction.LongVersion, GlobalOptions.Parse(["--version=long"]).Action);
        Assert.Equal(GlobalAction.ShortVersion, GlobalOptions.Parse(["--vers"]).Action);
        Assert.Equal(["ignoring debug level 7 out of range [0-4]"], GlobalOptions.Parse(["-d7"]).Warnings);
        Assert.Equal((byte)0x1d, GlobalOptions.EscapeByte("^]"));
        Assert.Equal((byte)0x01, GlobalOptions.EscapeByte("^a"));
        Assert.Equal((byte)'x', GlobalOptions.EscapeByte("x"));
    }

    [Theory]
    [InlineData("12", 10, true, 12)]
    [InlineData(" -3", 10, true, -3)]
    [InlineData("0x10", 0, true, 16)]
    [InlineData("010", 0, true, 8)]
    [InlineData("08", 0, false, 0)]
    [InlineData("1x", 10, false, 0)]
    [InlineData("", 10, false, 0)]
    [InlineData("2147483648", 10, false, 0)]
    public void NumbersParseLikeStrtol(string text, int numberBase, bool ok, int value)
    {
        Assert.Equal(ok, VirshNumbers.TryParseInt(text, numberBase, out var parsed));
        if (ok) Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData(1023.99462890625, 3, "1023.995")]
    [InlineData(1.0, 3, "1.000")]
    [InlineData(0.0005, 3, "0.001")]
    [InlineData(2.5, 0, "2")]
    [InlineData(179531.05, 1, "179531.0")]
    public void FixedRoundsLikePrintf(double value, int digits, string expected) => Assert.Equal(expected, CFormat.Fixed(value, digits));

    [Fact]
    public void CpuListsLikeLibvirt() =>
        Assert.Equal("0-2,4,6-7", DomainCommands.CpuList([true, true, true, false, true, false, true, true, true], 8));
}
