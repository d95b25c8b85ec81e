namespace Virt.Cli.Tests.Differential;

/// <summary>Every flag of <c>list</c>, alone and with <c>--all</c>, over a mix of domains, against virsh.</summary>
public sealed class ListTests
{
    private static readonly string[] Flags =
    [
        "--inactive", "--all", "--transient", "--persistent", "--with-snapshot", "--without-snapshot", "--with-checkpoint",
        "--without-checkpoint", "--state-running", "--state-paused", "--state-shutoff", "--state-other", "--autostart",
        "--no-autostart", "--with-managed-save", "--without-managed-save", "--uuid", "--name", "--id", "--table",
        "--managed-save", "--title",
    ];

    public static TheoryData<string> EachFlag() => new(Flags);

    /// <summary>test running and autostarted; lab1 defined, inactive; lab2 transient, paused; Alpha defined; devs running with a title.</summary>
    private static string Setup =>
        $"autostart test; define {Fixtures.Lab1}; create {Fixtures.Lab2}; suspend lab2; define {Fixtures.Alpha}; create {Fixtures.Devices}";

    [Theory]
    [MemberData(nameof(EachFlag))]
    public Task Alone(string flag) => DifferentialAssert.SameAsVirshAsync($"{Setup}; list {flag}");

    [Theory]
    [MemberData(nameof(EachFlag))]
    public Task WithAll(string flag) => DifferentialAssert.SameAsVirshAsync($"{Setup}; list --all {flag}");

    [Theory]
    [InlineData("list --title --name --all")]
    [InlineData("list --title --uuid")]
    [InlineData("list --title --table --all")]
    [InlineData("list --all --name --uuid --id")]
    [InlineData("list --inactive --all")]
    [InlineData("list --state-running --state-paused --all")]
    [InlineData("list --with-snapshot --without-snapshot --all")]
    [InlineData("list --autostart --no-autostart --all")]
    [InlineData("list --persistent --transient --all --title")]
    [InlineData("list --state-shutoff --state-running")]
    [InlineData("list --state-shutoff --persistent")]
    [InlineData("list --state-shutoff --transient")]
    [InlineData("list --inactive --state-running")]
    [InlineData("list --inactive --state-shutoff --title")]
    [InlineData("list --table --id")]
    [InlineData("list --table --uuid")]
    [InlineData("list --table --name")]
    [InlineData("list --title --title")]
    [InlineData("list --titles")]
    [InlineData("list --all=yes")]
    [InlineData("list test")]
    public Task Combinations(string command) => DifferentialAssert.SameAsVirshAsync($"{Setup}; {command}");

    [Fact]
    public Task Quiet() => DifferentialAssert.SameAsVirshRawAsync("-q", "-c", CliRun.TestUri, $"{Setup}; list --all; list --all --title");
}
