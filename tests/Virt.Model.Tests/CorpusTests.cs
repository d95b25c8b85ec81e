using System.Text.RegularExpressions;
using System.Xml.Linq;
using Virt.Model.Domains;

namespace Virt.Model.Tests;

/// <summary>The example documents: valid, lossless through the model, and valid for libvirt's own schema.</summary>
public class CorpusTests
{
    public static TheoryData<string> Examples() => Repo.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_parses_and_validates(string name)
    {
        var def = DomainDefinition.Parse(Repo.Example(name));
        Assert.False(string.IsNullOrEmpty(def.Name));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Format_keeps_every_element_attribute_value_and_order(string name)
    {
        var text = Repo.Example(name);
        var formatted = DomainDefinition.Parse(text).ToXml();
        // The original minus what lies outside <domain> (a leading comment), compared as trees.
        var original = XDocument.Parse(text).Root!;
        Tools.AssertEquivalent(original.ToString(), formatted);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Format_is_stable_and_parse_of_format_is_equal(string name)
    {
        var def = DomainDefinition.Parse(Repo.Example(name));
        var once = def.ToXml();
        var again = DomainDefinition.Parse(once);
        Assert.Equal(once, again.ToXml());
        Assert.True(XNode.DeepEquals(def.Root, again.Root));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Defaults_are_idempotent(string name)
    {
        var def = DomainDefinition.Parse(Repo.Example(name));
        DomainDefaults.Apply(def);
        var once = def.ToXml();
        var again = DomainDefinition.Parse(once);
        DomainDefaults.Apply(again);
        Assert.Equal(once, again.ToXml());
    }

    [Fact]
    public void Every_example_validates_against_libvirts_schema_as_written_and_after_parse_defaults_format()
    {
        var docs = new List<(string, string)>();
        foreach (var name in Repo.ExampleNames)
        {
            var text = Repo.Example(name);
            docs.Add((name, text));
            var def = DomainDefinition.Parse(text);
            docs.Add(("formatted-" + name, def.ToXml()));
            DomainDefaults.Apply(def);
            docs.Add(("defaults-" + name, def.ToXml()));
            docs.Add(("yaml-" + name, DomainDefinition.ParseYaml(def.ToYaml()).ToXml()));
        }
        Assert.Equal("", Tools.RelaxNgFailures(Tools.DomainRng, Tools.WriteTemp(docs)));
    }

    /// <summary>
    /// define + dumpxml through libvirt's own test driver, against Parse + DomainDefaults + ToXml. The
    /// differences that remain are named: generated UUIDs and MACs, the test driver's interface names
    /// (the engine's test driver assigns those), and comments (libvirt drops them, Virt keeps them).
    /// </summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public void Defaults_match_libvirts_test_driver(string name)
    {
        var text = Regex.Replace(Repo.Example(name), "<domain type='[a-z]+'", "<domain type='test'", RegexOptions.None, TimeSpan.FromSeconds(1));
        // The test driver knows no qemu:commandline namespace; leave it out on both sides.
        text = Regex.Replace(text, @"\s*<qemu:commandline>.*?</qemu:commandline>", "", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        text = text.Replace(" xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'", "");
        var def = DomainDefinition.Parse(text);
        var path = Tools.WriteTemp([(name, text)])[0];
        var virsh = Tools.Run("virsh", "-c", "test:///default", $"define {path}; dumpxml --security-info {def.Name}");
        Assert.True(virsh.ExitCode == 0, virsh.Stdout + virsh.Stderr);
        var expected = virsh.Stdout[(virsh.Stdout.IndexOf("<domain", StringComparison.Ordinal))..].TrimEnd() + "\n";

        def.Os.Arch ??= "i686"; // the test driver's default arch, as the engine's test driver sets it
        DomainDefaults.Apply(def);
        foreach (var c in def.Root.DescendantNodes().OfType<XComment>().ToList()) c.Remove();
        var actual = def.ToXml();

        Assert.Equal(Mask(expected), Mask(actual));
    }

    private static string Mask(string xml)
    {
        xml = Regex.Replace(xml, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", RegexOptions.None, TimeSpan.FromSeconds(1));
        xml = Regex.Replace(xml, "52:54:00(:[0-9a-f]{2}){3}", "MAC", RegexOptions.None, TimeSpan.FromSeconds(1));
        // The test driver names every NIC's host device testnetN; the engine's test driver does that, not the model.
        xml = Regex.Replace(xml, @"\n *<target dev='[^']*'( managed='no')?/>", "", RegexOptions.None, TimeSpan.FromSeconds(1));
        return xml;
    }
}
