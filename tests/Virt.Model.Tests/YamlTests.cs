using System.Xml.Linq;
using Virt.Model.Domains;
using Virt.Model.Xml;
using Virt.Model.Yaml;

namespace Virt.Model.Tests;

/// <summary>The YAML form: reads naturally, loses nothing, and refuses what it cannot trust.</summary>
public class YamlTests
{
    public static TheoryData<string> Examples() => Repo.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Xml_to_yaml_to_xml_is_lossless(string name)
    {
        var def = DomainDefinition.Parse(Repo.Example(name));
        var yaml = def.ToYaml();
        var back = DomainDefinition.ParseYaml(yaml);
        Assert.True(XNode.DeepEquals(def.Root, back.Root), yaml);
        Assert.Equal(def.ToXml(), back.ToXml());
        Assert.Equal(yaml, back.ToYaml());
    }

    [Fact]
    public void Reads_naturally()
    {
        var def = DomainDefinition.Parse("""
            <domain type='kvm'>
              <name>demo</name>
              <memory unit='MiB'>512</memory>
              <vcpu>2</vcpu>
              <os>
                <type arch='x86_64'>hvm</type>
                <boot dev='hd'/>
                <boot dev='cdrom'/>
              </os>
              <features><acpi/></features>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/var/lib/demo.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                  <serial>S-1</serial>
                </disk>
              </devices>
            </domain>
            """);
        Assert.Equal("""
            domain:
              type: kvm
              name: demo
              memory: {unit: MiB, _text: 512}
              vcpu: 2
              os:
                type: {arch: x86_64, _text: hvm}
                boot:
                  - {dev: hd}
                  - {dev: cdrom}
              features:
                acpi: {}
              devices:
                disk:
                  type: file
                  device: disk
                  source: {file: /var/lib/demo.qcow2}
                  target: {dev: vda, bus: virtio}
                  serial: S-1

            """.Replace("\r", ""), def.ToYaml());
    }

    [Fact]
    public void Sibling_order_is_kept_with_an_order_list_only_when_needed()
    {
        var xml = "<domain type='kvm'><name>o</name><memory>1</memory><devices><disk type='file'><target dev='vda'/></disk><interface type='user'/><disk type='file'><target dev='vdb'/></disk></devices></domain>";
        var def = DomainDefinition.Parse(xml);
        var yaml = def.ToYaml();
        Assert.Contains("_order: [disk, interface, disk]", yaml);
        Assert.Equal(def.ToXml(), DomainDefinition.ParseYaml(yaml).ToXml());
        Assert.DoesNotContain("_order", DomainDefinition.Parse(Repo.Example("bench-200.xml")).ToYaml());
    }

    [Fact]
    public void Attribute_and_child_of_one_name_are_both_kept()
    {
        // <graphics listen='…'> with a <listen> child, and an attribute named like a text child (<domain name='…'>).
        var xml = "<domain type='kvm' name='attr'><name>n</name><memory>1</memory><devices><graphics type='vnc' listen='1.2.3.4'><listen type='address' address='1.2.3.4'/></graphics></devices></domain>";
        var def = DomainDefinition.Parse(xml);
        var yaml = def.ToYaml();
        Assert.Contains("_attr: {type: kvm, name: attr}", yaml);
        Assert.Contains("_attr: {type: vnc, listen: 1.2.3.4}", yaml);
        Assert.True(XNode.DeepEquals(def.Root, DomainDefinition.ParseYaml(yaml).Root));
    }

    [Fact]
    public void Text_children_the_vocabulary_does_not_know_are_marked()
    {
        var root = XElement.Parse("<domain type='kvm'><name>n</name><devices><thing>text</thing><other a='1'>t</other></devices></domain>");
        var yaml = XmlYamlConverter.ToYaml(root);
        Assert.Contains("thing: {_text: text}", yaml);
        Assert.Contains("other: {a: 1, _text: t}", yaml);
        Assert.True(XNode.DeepEquals(root, XmlYamlConverter.FromYaml(yaml, "t").Root));
    }

    [Fact]
    public void Comments_mixed_content_underscored_names_and_namespaces_survive()
    {
        var root = XElement.Parse("""
            <domain type='kvm' xmlns:q='urn:q'>
              <!-- leading -->
              <name>n</name>
              <_private _a='1'>x</_private>
              <metadata><m xmlns='urn:default'><item>1</item><q:x q:attr='v'/></m></metadata>
              <description>mixed <b>bold</b> tail</description>
            </domain>
            """);
        var yaml = XmlYamlConverter.ToYaml(root);
        Assert.Contains("__private", yaml);
        Assert.Contains("xmlns: urn:default", yaml);
        Assert.Contains("q:attr", yaml);
        var back = XmlYamlConverter.FromYaml(yaml, "t").Root!;
        Assert.True(XNode.DeepEquals(root, back), yaml + "\n" + back);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("  leading and trailing  ")]
    [InlineData("a: b # not a comment")]
    [InlineData("- dash")]
    [InlineData("'quoted'")]
    [InlineData("\"double\"")]
    [InlineData("line one\nline two\n")]
    [InlineData("line one\n  indented\n\n")]
    [InlineData(" starts with space\nsecond")]
    [InlineData("tab\there")]
    [InlineData("{[,]}")]
    [InlineData("0x10")]
    [InlineData("1e3")]
    [InlineData("&anchor *alias !tag %directive @at `tick`")]
    [InlineData("ünïcödé ✓")]
    public void Awkward_strings_round_trip_as_text_and_attribute(string value)
    {
        var root = new XElement("domain", new XAttribute("type", "kvm"), new XElement("name", "n"),
            new XElement("description", value), new XElement("thing", new XAttribute("v", value), new XAttribute("w", "x")));
        if (value.Length == 0) root.Element("description")!.RemoveNodes();
        var yaml = XmlYamlConverter.ToYaml(root);
        var back = XmlYamlConverter.FromYaml(yaml, "t").Root!;
        Assert.Equal(root.Element("description")!.Value, back.Element("description")!.Value);
        Assert.Equal(value, back.Element("thing")!.Attribute("v")!.Value);
    }

    [Fact]
    public void Parse_yaml_validates_like_parse()
    {
        var ex = Assert.Throws<DomainValidationException>(() => DomainDefinition.ParseYaml("domain:\n  type: kvm\n  name: n\n  memory: 1\n  vcpu: {current: 3, _text: 2}\n"));
        Assert.Equal("/domain/vcpu/@current: current vcpu count '3' must be between 1 and 2", ex.Message);
        Assert.Throws<DomainValidationException>(() => DomainDefinition.ParseYaml("network:\n  name: n\n"));
    }

    [Theory]
    [InlineData("domain:\n  type: kvm\n  name: &a n\n  title: *a\n", 4, "aliases (*name) are not allowed")]
    [InlineData("domain:\n  type: kvm\n  type: qemu\n", 3, "duplicate key 'type'")]
    [InlineData("domain:\n  type: kvm\n  _bogus: 1\n", 3, "unknown reserved key '_bogus' (expected one of: _text, _comment, _attr, _order)")]
    [InlineData("domain:\n  type: kvm\n  x:y: 1\n", 3, "prefix 'x' of 'x:y' is not declared (xmlns:x)")]
    [InlineData("domain:\n  name: n\n  disk: [a, b]\n  _order: [name, disk]\n", 4, "_order leaves out 1 of the 'disk' children")]
    [InlineData("domain:\n  name: n\n  _order: [disk]\n", 3, "_order names 'disk' more often than the element has such children")]
    [InlineData("domain:\n  devices:\n    disk: [[a]]\n", 3, "a list cannot hold a list")]
    [InlineData("domain:\n  type: kvm\n  name: {bad name: 1}\n", 3, "'bad name' is not a valid XML name")]
    [InlineData("- just\n- a list\n", 1, "expected a mapping with exactly one key, the root element")]
    [InlineData("domain: {}\nother: {}\n", 1, "expected a mapping with exactly one key, the root element")]
    [InlineData("domain: {}\n---\nnetwork: {}\n", 2, "more than one document")]
    [InlineData("domain:\n  type: [kvm\n", 3, "")]
    [InlineData("domain:\n  _comment: 'a -- b'\n", 2, "a comment cannot contain '--' or end with '-'")]
    public void Bad_yaml_is_refused_with_a_position(string yaml, int line, string reason)
    {
        var ex = Assert.Throws<YamlSyntaxException>(() => XmlYamlConverter.FromYaml(yaml, "domain_definition"));
        Assert.Equal(line, ex.Line);
        Assert.True(ex.Column > 0);
        if (reason.Length > 0) Assert.Equal(reason, ex.Reason);
        Assert.Equal(ModelErrorKind.Syntax, ex.Kind);
    }

    [Fact]
    public void Yaml_over_the_size_or_depth_limit_is_refused()
    {
        Assert.Throws<YamlSyntaxException>(() => XmlYamlConverter.FromYaml("domain: '" + new string('a', SafeXml.MaxCharacters) + "'", "t"));
        var deep = "domain:\n" + string.Concat(Enumerable.Range(1, SafeXml.MaxDepth + 1).Select(i => new string(' ', i * 2) + "a:\n")) + new string(' ', (SafeXml.MaxDepth + 2) * 2) + "b: 1\n";
        var ex = Assert.Throws<YamlSyntaxException>(() => XmlYamlConverter.FromYaml(deep, "t"));
        Assert.Contains("deeper than", ex.Reason);
    }

    [Fact]
    public void Random_documents_round_trip_through_xml_and_yaml()
    {
        var random = new Random(20240607);
        for (var i = 0; i < 300; i++)
        {
            var root = RandomTree.Element(random, "domain", depth: 0);
            // XML: format twice gives the same text, and parsing the text gives the same tree.
            var text = LibvirtXmlWriter.Format(Normalized(root));
            var parsed = SafeXml.Parse(text, "t").Root!;
            Assert.True(XNode.DeepEquals(Normalized(root), parsed), $"xml #{i}\n{text}");
            Assert.Equal(text, LibvirtXmlWriter.Format(parsed));
            // YAML: same tree back, same text again.
            var yaml = XmlYamlConverter.ToYaml(parsed);
            var fromYaml = XmlYamlConverter.FromYaml(yaml, "t").Root!;
            Assert.True(XNode.DeepEquals(parsed, fromYaml), $"yaml #{i}\n{text}\n{yaml}");
            Assert.Equal(yaml, XmlYamlConverter.ToYaml(fromYaml));
        }
    }

    /// <summary>What the formatter's output parses back to: adjacent text merged, whitespace-only text between elements dropped.</summary>
    private static XElement Normalized(XElement e) => SafeXml.Parse(e.ToString(SaveOptions.DisableFormatting), "n").Root!;
}

/// <summary>Random element trees with the awkward parts: namespaces, comments, mixed content, odd text, repeated and interleaved children.</summary>
internal static class RandomTree
{
    private static readonly string[] Names = ["disk", "source", "target", "name", "type", "boot", "_u", "a", "b", "entry", "x-y", "c.d"];
    private static readonly string[] Texts = ["", "v", "yes", "1", " pad ", "a\nb", "<&'\">", "# x", "- y", "k: v", "ä", "0x1f", "null"];

    public static XElement Element(Random r, string name, int depth)
    {
        var e = new XElement(name);
        foreach (var attr in Names.OrderBy(_ => r.Next()).Take(r.Next(0, 4)))
            e.SetAttributeValue(attr, Texts[r.Next(Texts.Length)]);
        if (depth == 1 && r.Next(8) == 0)
        {
            XNamespace ns = "urn:test:" + r.Next(3);
            var child = new XElement(ns + "ext", new XAttribute(XNamespace.Xmlns + "t", ns.NamespaceName), new XAttribute(ns + "flag", "on"));
            child.Add(new XElement(ns + "inner", "text"));
            e.Add(child);
        }
        var count = depth > 4 ? 0 : r.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            switch (r.Next(10))
            {
                case 0:
                    e.Add(new XComment(" note " + i + " "));
                    break;
                case 1 when e.Nodes().LastOrDefault() is not XText:
                    var t = Texts[r.Next(Texts.Length)];
                    if (!string.IsNullOrWhiteSpace(t)) e.Add(new XText(t));
                    break;
                default:
                    e.Add(Element(r, Names[r.Next(Names.Length)], depth + 1));
                    break;
            }
        }
        if (!e.HasElements && e.Nodes().All(n => n is XText) && r.Next(3) == 0) e.Add(Texts[r.Next(Texts.Length)]);
        return e;
    }
}
