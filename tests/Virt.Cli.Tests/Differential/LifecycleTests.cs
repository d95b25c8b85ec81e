namespace Virt.Cli.Tests.Differential;

/// <summary>
/// State changes. Each virsh process starts from a fresh test driver, so a sequence is one command
/// string (<c>'suspend test; domstate test'</c>) run by both.
/// </summary>
public sealed class LifecycleTests
{
    [Theory]
    [InlineData("suspend test; domstate --reason test; resume test; domstate --reason test")]
    [InlineData("destroy test; domstate --reason test; dominfo test; start test; domstate --reason test; domid test")]
    [InlineData("destroy --graceful test; domstate --reason test; list --all")]
    [InlineData("shutdown test; domstate --reason test; list --all")]
    [InlineData("suspend test; shutdown test; domstate --reason test")]
    [InlineData("reboot test; domstate --reason test")]
    [InlineData("suspend test; reboot test; domstate --reason test")]
    [InlineData("reset test; domstate --reason test")]
    [InlineData("suspend test; reset test; domstate --reason test")]
    [InlineData("suspend 1; resume 6695eb01-f6a4-8304-79aa-97f2502e193f; reset 1; reboot 1; shutdown 1")]
    [InlineData("destroy test; start 6695eb01-f6a4-8304-79aa-97f2502e193f; dominfo 2; domname 2")]
    [InlineData("autostart test; dominfo test; autostart --disable test; dominfo test")]
    [InlineData("autostart 1; autostart --disable 6695eb01-f6a4-8304-79aa-97f2502e193f")]
    [InlineData("suspend test; list; list --state-paused; list --state-running; list --state-other")]
    [InlineData("destroy test; list; list --all; list --inactive --name; list --id --all; list --uuid --id --all")]
    [InlineData("undefine test; list --all; list --transient; list --persistent; dumpxml --inactive test; destroy test; list --all")]
    [InlineData("destroy test; undefine test; list --all; domstate test")]
    [InlineData("destroy test; start test; start test; destroy test; destroy test")]
    public Task Sequence(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    [Theory]
    [InlineData("resume test")]
    [InlineData("start test")]
    [InlineData("start --paused test")]
    [InlineData("destroy test; start --paused test; domstate --reason test")]
    [InlineData("destroy test; destroy test; suspend test; resume test; shutdown test; reboot test; reset test")]
    [InlineData("suspend test; suspend test; domstate test")]
    [InlineData("resume test; domstate test")]
    [InlineData("dominfo nosuch")]
    [InlineData("domstate nosuch")]
    [InlineData("dominfo 2")]
    [InlineData("dominfo -1")]
    [InlineData("dominfo 1x")]
    [InlineData("dominfo 6695eb01-f6a4-8304-79aa-97f2502e193e")]
    [InlineData("dominfo 6695eb01f6a4830479aa97f2502e193f")]
    [InlineData("dominfo ''")]
    [InlineData("domname 6695eb01f6a4830479aa97f2502e193f----")]
    [InlineData("domname ----6695eb01f6a4830479aa97f2502e193f")]
    [InlineData("domname '  6695eb01f6a4830479aa97f2502e193f  '")]
    [InlineData("domname '6695eb01-f6a4-8304-79aa-97f2502e193f '")]
    [InlineData("dominfo -h; dominfo @x; dominfo [diagram]; dominfo --; dominfo -- --help")]
    [InlineData("domid 1")]
    [InlineData("domname test")]
    [InlineData("domuuid 6695eb01-f6a4-8304-79aa-97f2502e193f")]
    [InlineData("destroy test; domid test; dominfo 1; start 1")]
    [InlineData("shutdown test --mode foo")]
    [InlineData("shutdown test --mode acpi,paravirt")]
    [InlineData("shutdown test --mode ''")]
    [InlineData("reboot test --mode acpi,agent; domstate --reason test")]
    [InlineData("dumpxml --update-cpu test")]
    [InlineData("list --table --name")]
    [InlineData("list --table --uuid")]
    [InlineData("list --id --table")]
    public Task ErrorCase(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("domstate test; frobnicate")]
    [InlineData("list --frob")]
    [InlineData("domstate test; list --frob")]
    [InlineData("domstate")]
    [InlineData("autostart")]
    [InlineData("domstate a b")]
    [InlineData("list extra")]
    [InlineData("domstate --reason=1 test")]
    [InlineData("dominfo --domain test --domain test")]
    [InlineData("list --all --all")]
    [InlineData("domstate --domain")]
    [InlineData("domstate --reason --domain")]
    [InlineData("domstate --dom test")]
    [InlineData("domstate te\\")]
    [InlineData("domstate \"test")]
    [InlineData("")]
    public Task SyntaxError(string commandLine) => DifferentialAssert.SameAsVirshAsync(commandLine);

    [Theory]
    [InlineData("domstate", "test", ";", "domid", "test")]
    [InlineData("--frob", "list")]
    [InlineData("--frob=1", "uri")]
    [InlineData("-x", "list")]
    [InlineData("-c")]
    [InlineData("--connect")]
    public Task ArgumentVectorSyntaxError(params string[] args) =>
        args[0].StartsWith('-') ? DifferentialAssert.SameAsVirshRawAsync(args) : DifferentialAssert.SameAsVirshAsync(args);

    [Fact]
    public Task ReadOnlyConnectionRefusesChanges() =>
        DifferentialAssert.SameAsVirshRawAsync("-r", "-c", CliRun.TestUri,
            $"suspend test; destroy test; destroy --graceful test; shutdown test; reboot test; reset test; resume test; " +
            $"autostart test; undefine test; define {Fixtures.Lab1}; create {Fixtures.Lab1}; list --all; " +
            "dumpxml --security-info test; domstate --reason test");
}
