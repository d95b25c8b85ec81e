using Virt.Model.Domains;
using Virt.Model.Xml;

namespace Virt.Model.Tests;

/// <summary>Untrusted input: no DTDs or entities, bounded size and depth, positions in errors.</summary>
public class SafeXmlTests
{
    [Fact]
    public void Malformed_xml_reports_line_and_column()
    {
        var ex = Assert.Throws<XmlSyntaxException>(() => DomainDefinition.Parse("<domain type='qemu'>\n  <name>x</nam>\n</domain>"));
        Assert.Equal(2, ex.Line);
        Assert.True(ex.Column > 0);
        Assert.Equal(ModelErrorKind.Syntax, ex.Kind);
        Assert.StartsWith("(domain_definition):2:", ex.Message);
    }

    [Fact]
    public void A_dtd_is_refused()
    {
        var xml = "<!DOCTYPE domain [<!ENTITY x 'y'>]><domain type='qemu'><name>&x;</name><memory>1</memory></domain>";
        var ex = Assert.Throws<XmlSyntaxException>(() => DomainDefinition.Parse(xml));
        Assert.Contains("DTD", ex.Message);
    }

    [Fact]
    public void External_entities_are_refused()
    {
        var xml = "<!DOCTYPE domain [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><domain type='qemu'><name>&xxe;</name></domain>";
        Assert.Throws<XmlSyntaxException>(() => DomainDefinition.Parse(xml));
    }

    [Fact]
    public void Undeclared_entities_are_errors()
    {
        var ex = Assert.Throws<XmlSyntaxException>(() => DomainDefinition.Parse("<domain type='qemu'><name>&nope;</name></domain>"));
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Documents_over_the_size_limit_are_refused()
    {
        var big = "<domain type='qemu'><name>x</name><description>" + new string('a', SafeXml.MaxCharacters) + "</description></domain>";
        Assert.Throws<XmlSyntaxException>(() => DomainDefinition.Parse(big));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var depth = SafeXml.MaxDepth + 1;
        var xml = "<domain type='qemu'>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</domain>";
        var ex = Assert.Throws<XmlSyntaxException>(() => DomainDefinition.Parse(xml));
        Assert.Contains($"deeper than {SafeXml.MaxDepth}", ex.Message);
    }

    [Fact]
    public void Nesting_at_the_limit_is_fine()
    {
        var depth = SafeXml.MaxDepth - 2;
        var xml = "<domain type='qemu'><name>x</name><memory>1</memory><metadata>" + string.Concat(Enumerable.Repeat("<a>", depth))
            + string.Concat(Enumerable.Repeat("</a>", depth)) + "</metadata></domain>";
        Assert.NotNull(DomainDefinition.Parse(xml));
    }

    [Fact]
    public void The_wrong_root_is_named()
    {
        var ex = Assert.Throws<DomainValidationException>(() => DomainDefinition.Parse("<network><name>x</name></network>"));
        Assert.Equal("unexpected root element <network>, expecting <domain>", ex.Message);
    }
}
