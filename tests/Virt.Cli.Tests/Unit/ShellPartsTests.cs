using Virt.Cli.Shell;

namespace Virt.Cli.Tests.Unit;

public sealed class ShellPartsTests
{
    [Theory]
    [InlineData("0", true, 0)]
    [InlineData("01", true, 1)]
    [InlineData(" 7", true, 7)]
    [InlineData("+3", true, 3)]
    [InlineData("-1", true, -1)]
    [InlineData("1x", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("+", false, 0)]
    [InlineData("1 ", false, 0)]
    [InlineData("99999999999", false, 0)]
    public void IdsParseLikeStrtol(string text, bool ok, int expected)
    {
        Assert.Equal(ok, DomainLookup.TryParseId(text, out var id));
        if (ok) Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("6695eb01-f6a4-8304-79aa-97f2502e193f", true)]
    [InlineData("6695EB01-F6A4-8304-79AA-97F2502E193F", true)]
    [InlineData("----6695eb01f6a4830479aa97f2502e193f", true)]
    [InlineData("  6695eb01f6a4830479aa97f2502e193f  ", true)]
    [InlineData("6695eb01f6a4830479aa97f2502e193f----", false)]
    [InlineData("6695eb01-f6a4-8304-79aa-97f2502e193", false)]
    [InlineData("6695eb01-f6a4-8304-79aa-97f2502e193g", false)]
    [InlineData("6-695eb01f6a4830479aa97f2502e193f", false)]
    public void UuidsParseLikeLibvirt(string text, bool ok)
    {
        Assert.Equal(ok, DomainLookup.TryParseUuid(text, out var uuid));
        if (ok) Assert.Equal(Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), uuid);
    }

    [Theory]
    [InlineData(0.25, "0.2")]   // exact tie: to even, as glibc
    [InlineData(0.75, "0.8")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.05, "0.1")]   // 0.05 is slightly above the tie in binary
    [InlineData(0.15, "0.1")]   // 0.15 is slightly below
    [InlineData(1795307916.7, "1795307916.7")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.25, "-0.2")]
    public void OneDecimalRoundsLikePrintf(double value, string expected) =>
        Assert.Equal(expected, CFormat.OneDecimal(value));

    [Fact]
    public void TableHasVirshSpacing()
    {
        var table = new VirshTable("Id", "Name", "State");
        table.Add("1", "test", "running");
        table.Add("-", "a-much-longer-name", "shut off");
        Assert.Equal(
            " Id   Name                 State\n" +
            "-------------------------------------\n" +
            " 1    test                 running\n" +
            " -    a-much-longer-name   shut off\n", table.Format(withHeader: true));
        Assert.Equal(
            " 1   test                 running\n" +
            " -   a-much-longer-name   shut off\n", table.Format(withHeader: false));
    }

    [Fact]
    public void EmptyTableIsHeaderAndDashes() =>
        Assert.Equal(" Id   Name   State\n--------------------\n", new VirshTable("Id", "Name", "State").Format(true));

    [Fact]
    public void TokenizerSplitsCommandsAndQuotes()
    {
        var tokens = CommandLineTokenizer.FromString("a 'b c' \"d;e\" f\\ g;h # x ; y\ni");
        Assert.Equal(["a", "b c", "d;e", "f g", ";", "h", ";", "i"],
            tokens.Select(t => t.IsEnd ? ";" : t.Text).ToArray());
    }

    [Fact]
    public void ArgumentVectorIsTakenWordForWord() =>
        Assert.All(CommandLineTokenizer.FromArguments(["a;b", ";"]), t => Assert.False(t.IsEnd));

    [Theory]
    [InlineData("a\\", "dangling \\")]
    [InlineData("a \"b", "missing \"")]
    public void TokenizerErrors(string text, string message) =>
        Assert.Equal(message, Assert.Throws<CommandSyntaxException>(() => CommandLineTokenizer.FromString(text)).Message);

    [Fact]
    public void GlobalOptionsStopAtTheCommand()
    {
        var options = GlobalOptions.Parse(["-qr", "--conn=test:///default", "list", "-c", "x"]);
        Assert.Equal("test:///default", options.ConnectUri);
        Assert.True(options.Quiet);
        Assert.True(options.ReadOnly);
        Assert.Equal(["list", "-c", "x"], options.Rest);
    }
}
