using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Virt.Model.Domains;

namespace Virt.Bench.Micro;

/// <summary>
/// The define path of a domain document (what <c>QemuDriver.ParseForDefine</c> and dumpxml do):
/// parse (safe XML) + validate, post-parse defaults, format back to libvirt's XML.
/// </summary>
[MemoryDiagnoser]
public class DomainXmlBenchmarks
{
    private string _xml = "";
    private DomainDefinition _parsed = null!;

    /// <summary>examples/domains/bench-200.xml (200 lines, the target's document) and examples/tiny.xml.</summary>
    [Params("bench-200.xml", "tiny.xml")]
    public string Document { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _xml = Load(Document);
        _parsed = Define(_xml);
        Warm.Up(() => Define(_xml).ToXml());
    }

    public static string Load(string document) => File.ReadAllText(document == "tiny.xml"
        ? Repo.Path("examples", "tiny.xml")
        : Repo.Path("examples", "domains", document));

    public static DomainDefinition Define(string xml)
    {
        var def = DomainDefinition.Parse(xml);
        DomainDefaults.Apply(def);
        return def;
    }

    /// <summary>The BCL's own floor for this design: the document into an XDocument, no Virt code at all.</summary>
    [Benchmark(Description = "baseline: XDocument.Parse (System.Xml.Linq only)")]
    public XDocument XDocumentParse() => XDocument.Parse(_xml);

    [Benchmark(Description = "parse (safe XML → tree, no validation)")]
    public DomainDefinition ParseOnly() => DomainDefinition.ParseUnvalidated(_xml);

    [Benchmark(Description = "parse + validate")]
    public DomainDefinition Parse() => DomainDefinition.Parse(_xml);

    [Benchmark(Description = "parse + validate + defaults")]
    public DomainDefinition ParseDefaults() => Define(_xml);

    [Benchmark(Description = "format")]
    public string Format() => _parsed.ToXml();

    [Benchmark(Description = "parse + validate + defaults + format")]
    public string RoundTrip() => Define(_xml).ToXml();
}
