namespace Virt.Cli.Tests.Differential;

/// <summary>Read-only commands against the built-in <c>test</c> domain, one virsh process each.</summary>
public sealed class QueryCommandTests
{
    [Theory]
    [InlineData("list")]
    [InlineData("list --all")]
    [InlineData("list --inactive")]
    [InlineData("list --name")]
    [InlineData("list --uuid")]
    [InlineData("list --id")]
    [InlineData("list --name --uuid --id")]
    [InlineData("list --table")]
    [InlineData("dominfo test")]
    [InlineData("dominfo 1")]
    [InlineData("dominfo 01")]
    [InlineData("dominfo +1")]
    [InlineData("dominfo 6695eb01-f6a4-8304-79aa-97f2502e193f")]
    [InlineData("dominfo 6695EB01-F6A4-8304-79AA-97F2502E193F")]
    [InlineData("dominfo --domain test")]
    [InlineData("dominfo -- test")]
    [InlineData("domstate test")]
    [InlineData("domstate --reason test")]
    [InlineData("domstate test --reason")]
    [InlineData("domstate --domain=test --reason")]
    [InlineData("domid test")]
    [InlineData("domid 6695eb01-f6a4-8304-79aa-97f2502e193f")]
    [InlineData("domuuid test")]
    [InlineData("domuuid 1")]
    [InlineData("domname 1")]
    [InlineData("domname 6695eb01-f6a4-8304-79aa-97f2502e193f")]
    [InlineData("dumpxml test")]
    [InlineData("dumpxml --inactive test")]
    [InlineData("dumpxml --migratable test")]
    [InlineData("dumpxml --security-info test")]
    [InlineData("dumpxml 1")]
    [InlineData("nodeinfo")]
    [InlineData("hostname")]
    [InlineData("uri")]
    public Task Query(string commandLine) => DifferentialAssert.SameAsVirshAsync(commandLine);

    [Theory]
    [InlineData("domstate", "test")]
    [InlineData("domstate", "--reason", "test")]
    [InlineData("list", "--all", "--name")]
    [InlineData("dominfo", "test")]
    public Task QueryWithArgumentVector(params string[] args) => DifferentialAssert.SameAsVirshAsync(args);

    [Theory]
    [InlineData("domstate 'test'")]
    [InlineData("domstate \"test\" --reason")]
    [InlineData("domstate te\\st")]
    [InlineData("domstate 'te'st")]
    [InlineData("domstate test # a comment")]
    [InlineData("domstate test;;domid test")]
    [InlineData("domstate test;")]
    [InlineData("domstate test\ndomid test")]
    [InlineData(";")]
    [InlineData(" ")]
    [InlineData("#only a comment")]
    public Task CommandStringSyntax(string commandLine) => DifferentialAssert.SameAsVirshAsync(commandLine);

    [Fact]
    public Task QuietModeDropsDecoration() =>
        DifferentialAssert.SameAsVirshRawAsync("-q", "-c", CliRun.TestUri,
            "list; list --all --name; suspend test; domstate test; dominfo test; nodeinfo; resume test; uri");

    [Theory]
    [InlineData("--connect", "test:///default", "uri")]
    [InlineData("--connect=test:///default", "uri")]
    [InlineData("--conn", "test:///default", "uri")]
    [InlineData("-ctest:///default", "uri")]
    [InlineData("-qc", "test:///default", "uri")]
    [InlineData("-c", "test:///default", "--", "uri")]
    [InlineData("-c", "test:///default?x=1", "uri")]
    public Task GlobalOptionForms(params string[] args) => DifferentialAssert.SameAsVirshRawAsync(args);
}
