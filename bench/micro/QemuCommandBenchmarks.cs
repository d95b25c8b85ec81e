using BenchmarkDotNet.Attributes;
using Virt.Engine.Qemu;
using Virt.Engine.Qemu.Command;
using Virt.Model.Domains;

namespace Virt.Bench.Micro;

/// <summary>QEMU's argv from a parsed domain (<c>Virt.Engine/Qemu/Command</c>), as at every start.</summary>
[MemoryDiagnoser]
public class QemuCommandBenchmarks
{
    /// <summary>QEMU 7.2's facts, fixed, so nothing is probed.</summary>
    public static readonly QemuCapabilities Caps = new()
    {
        EmulatorPath = QemuCapabilities.DefaultEmulator,
        Major = 7,
        Minor = 2,
        Micro = 22,
        MachineAliases = new(StringComparer.Ordinal) { ["q35"] = "pc-q35-7.2", ["pc"] = "pc-i440fx-7.2" },
        DefaultMachine = "pc-i440fx-7.2",
    };

    private static readonly QemuRuntimePaths Paths = new("/run/virt/qemu/domain-1-bench.monitor");
    private DomainDefinition _def = null!;
    private QemuCommandBuilder _builder = null!;

    /// <summary>The example guest, and the documents of examples/domains the builder accepts.</summary>
    [ParamsSource(nameof(Documents))]
    public string Document { get; set; } = "";

    public static IEnumerable<string> Documents()
    {
        yield return "tiny.xml";
        foreach (var file in Directory.GetFiles(Repo.Path("examples", "domains"), "*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (TryBuild(name)) yield return name;
        }
    }

    private static bool TryBuild(string document)
    {
        try
        {
            new QemuCommandBuilder(Caps).Build(Parse(document), Paths);
            return true;
        }
#pragma warning disable CA1031 // a document the builder refuses is simply not benchmarked
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static DomainDefinition Parse(string document)
    {
        var def = DomainDefinition.Parse(DomainXmlBenchmarks.Load(document));
        DomainDefaults.Apply(def);
        return def;
    }

    [GlobalSetup]
    public void Setup()
    {
        _def = Parse(Document);
        _builder = new QemuCommandBuilder(Caps);
        Warm.Up(() => _builder.Build(_def, Paths));
    }

    [Benchmark(Description = "build argv")]
    public QemuCommandLine Build() => _builder.Build(_def, Paths);
}
