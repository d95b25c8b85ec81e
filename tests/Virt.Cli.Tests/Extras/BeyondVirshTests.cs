using System.Text.Json;
using Virt.Cli.Tests.Differential;

namespace Virt.Cli.Tests.Extras;

/// <summary>What virt adds to virsh: <c>--json</c> on read commands, YAML documents, shell completion.</summary>
public sealed class BeyondVirshTests
{
    private static async Task<JsonElement> JsonOf(string commands)
    {
        var r = await CliRun.OursAsync("-q", "-c", CliRun.TestUri, commands);
        Assert.Equal((0, ""), (r.ExitCode, r.Stderr));
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public async Task ListAsJson()
    {
        var list = await JsonOf("destroy test; define " + Fixtures.Devices + "; list --all --title --json");
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("id").ValueKind);
        Assert.Equal("devs", list[0].GetProperty("name").GetString());
        Assert.Equal("My first title", list[0].GetProperty("title").GetString());
        Assert.Equal("shut off", list[1].GetProperty("state").GetString());
        Assert.Equal(Fixtures.TestUuid, list[1].GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task DomainQueriesAsJson()
    {
        var info = await JsonOf("dominfo --json test");
        Assert.Equal(1, info.GetProperty("id").GetInt32());
        Assert.Equal("running", info.GetProperty("state").GetString());
        Assert.Equal(8388608UL, info.GetProperty("max_memory_kib").GetUInt64());
        Assert.True(info.GetProperty("persistent").GetBoolean());
        Assert.Equal("libvirt-test", info.GetProperty("security_label").GetString());

        var state = await JsonOf("suspend test; domstate --json test");
        Assert.Equal(("paused", "user"), (state.GetProperty("state").GetString(), state.GetProperty("reason").GetString()));

        var vcpus = await JsonOf("vcpucount --json test");
        Assert.Equal(2, vcpus.GetProperty("maximum").GetProperty("config").GetInt32());
        Assert.Equal(2, (await JsonOf("vcpucount --maximum --json test")).GetProperty("count").GetInt32());

        var vcpuinfo = await JsonOf("vcpuinfo --json test");
        Assert.Equal("0-7", vcpuinfo[1].GetProperty("affinity").GetString());

        var mem = await JsonOf("dommemstat --json test");
        Assert.Equal(2097152UL, mem.GetProperty("actual").GetUInt64());

        var disks = await JsonOf("domblklist --json test");
        Assert.Equal(("vda", "/guest/diskimage1"), (disks[0].GetProperty("target").GetString(), disks[0].GetProperty("source").GetString()));
        var nics = await JsonOf("domiflist --json test");
        Assert.Equal("aa:bb:cc:dd:ee:ff", nics[0].GetProperty("mac").GetString());
        var sizes = await JsonOf("domblkinfo --json --all test");
        Assert.Equal(1099506450432UL, sizes[0].GetProperty("capacity").GetUInt64());
    }

    [Fact]
    public async Task HostQueriesAsJson()
    {
        var node = await JsonOf("nodeinfo --json");
        Assert.Equal(("i686", 16U, 3145728UL), (node.GetProperty("cpu_model").GetString(), node.GetProperty("cpus").GetUInt32(),
            node.GetProperty("memory_kib").GetUInt64()));
        var version = await JsonOf("version --json --daemon");
        Assert.Equal(("TEST", "0.0.2", "9.0.0", "9.0.0"), (version.GetProperty("hypervisor_type").GetString(),
            version.GetProperty("hypervisor_version").GetString(), version.GetProperty("api").GetString(),
            version.GetProperty("daemon").GetString()));
    }

    /// <summary>A domain written as YAML defines and creates like its XML, and dumpxml --yaml gives that YAML back.</summary>
    [Fact]
    public async Task YamlDocuments()
    {
        var yaml = (await CliRun.OursAsync("-q", "-c", CliRun.TestUri, $"define {Fixtures.Lab1}; dumpxml --yaml --inactive lab1")).Stdout;
        Assert.StartsWith("domain:\n  type: test\n  name: lab1\n", yaml);
        var file = Path.Combine(Fixtures.Directory, "lab1.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var viaXml = await CliRun.OursAsync("-c", CliRun.TestUri, $"define {Fixtures.Lab1}; dumpxml lab1");
        var viaYaml = await CliRun.OursAsync("-c", CliRun.TestUri, $"define {file}; dumpxml lab1");
        Assert.Equal(viaXml.Stdout.Replace(Fixtures.Lab1, file), viaYaml.Stdout);
        var created = await CliRun.OursAsync("-c", CliRun.TestUri, $"create {file}; list --name");
        Assert.Equal(new CliResult($"Domain 'lab1' created from {file}\n\ntest\nlab1\n\n", "", 0), created);
    }

    [Fact]
    public async Task BrokenYamlIsADefineError()
    {
        var file = Path.Combine(Fixtures.Directory, "broken.yaml");
        await File.WriteAllTextAsync(file, "domain:\n  name: [x\n");
        var r = await CliRun.OursAsync("-c", CliRun.TestUri, $"define {file}");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"error: Failed to define domain from {file}\nerror: (domain_definition):", r.Stderr);
    }

    [Fact]
    public async Task CompletionScriptForBash()
    {
        var r = await CliRun.OursAsync("-q", "completion", "bash");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("complete -o default -F _virt_complete virt", r.Stdout);
        Assert.Contains("__complete \"$line\" \"$cur\"", r.Stdout);
        var bad = await CliRun.OursAsync("completion", "zsh");
        Assert.Equal(new CliResult("\n", "error: unsupported shell 'zsh': only bash is supported\n", 1), bad);
    }

    [Theory]
    [InlineData("virt li", "list")]
    [InlineData("virt -c test:///default domst", "domstate")]
    [InlineData("virt -c test:///default domstate ", "test")]
    [InlineData("virt -c test:///default domstate --", "--domain|--json|--reason")]
    [InlineData("virt -c test:///default domstate --reason --", "--domain|--json")]
    [InlineData("virt -c test:///default domstate test --", "--json|--reason")]
    [InlineData("virt -c test:///default event --event li", "lifecycle")]
    [InlineData("virt -c test:///default shutdown test --mode a", "acpi|agent")]
    [InlineData("virt -c test:///default help even", "event|events")]
    [InlineData("virt -c test:///default 'list; doms'", "domstate")]
    [InlineData("virt -c test:///default domblkinfo test ", "vda")]
    [InlineData("virt -c test:///default start ", "")]
    [InlineData("virt -c test:///default destroy ", "test")]
    [InlineData("virt --re", "--readonly")]
    [InlineData("virt -c ", "")]
    [InlineData("virt -q -c test:///default -r dumpxml --ina", "--inactive")]
    [InlineData("virt -c test:///default frob ", "")]
    public async Task CompletionCandidates(string line, string expected)
    {
        var r = await CliRun.OursAsync("__complete", line);
        Assert.Equal((0, ""), (r.ExitCode, r.Stderr));
        Assert.Equal(expected, string.Join('|', r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>bash splits words at ':' too; candidates are cut to the part bash replaces.</summary>
    [Fact]
    public async Task CompletionCutsToBashsWord()
    {
        var r = await CliRun.OursAsync("__complete", "virt -c test:///default define --file x:/a:b", "b");
        Assert.Equal("", r.Stdout);
        var names = await CliRun.OursAsync("__complete", "virt -c test:///default help vcpu", "vcpu");
        Assert.Equal("vcpucount\nvcpuinfo\n", names.Stdout);
    }

    [Fact]
    public async Task DomainNamesForScripts()
    {
        var r = await CliRun.OursAsync("-c", CliRun.TestUri, "__complete-domains");
        Assert.Equal(new CliResult("test\n", "", 0), r);
    }
}
